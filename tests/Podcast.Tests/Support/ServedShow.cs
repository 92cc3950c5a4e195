using System.Diagnostics;
using System.Text;

namespace Podcast.Tests.Support;

/// <summary>
/// <c>podcast serve SHOW --port 0</c> running as a child process, as a user starts it; <see cref="Url"/> is the
/// address it printed. Disposing stops it with SIGINT (Ctrl-C) and, should that fail, kills it.
/// </summary>
public sealed class ServedShow : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private ServedShow(Process process, StringBuilder stderr, Uri url)
    {
        _process = process;
        _stderr = stderr;
        Url = url;
    }

    public Uri Url { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return _stderr.ToString();
        }
    }

    public static ServedShow Start(string showRoot)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { PodcastCli.Executable, "serve", showRoot, "--port", "0" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
                stderr.AppendLine(e.Data);
        };
        process.BeginErrorReadLine();

        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || line.Result is null || !line.Result.Contains(" at http://127.0.0.1:", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new InvalidOperationException($"podcast serve did not print its URL: {line.Status} {(line.IsCompletedSuccessfully ? line.Result : null)} {stderr}");
        }

        _ = process.StandardOutput.ReadToEndAsync();
        return new ServedShow(process, stderr, new Uri(line.Result[(line.Result.LastIndexOf(" at ", StringComparison.Ordinal) + 4)..].Trim()));
    }

    /// <summary>Sends Ctrl-C (SIGINT) and waits for the exit code.</summary>
    public int Interrupt()
    {
        if (!_process.HasExited)
            PodcastCli.Tool("kill", "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Interrupt();
        _process.Dispose();
    }
}
