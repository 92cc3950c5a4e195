using System.Diagnostics;

namespace Podcast.Tests.Support;

/// <summary>The result of running the built <c>podcast</c> executable as a user would.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real <c>podcast</c> command (the CLI project's build output) in a child process.</summary>
public static class PodcastCli
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "podcast.dll");

    public static CliResult Run(params string[] args) => Run(null, args);

    public static CliResult Run(IReadOnlyDictionary<string, string?>? environment, params string[] args) =>
        Run(environment, TimeSpan.FromMinutes(5), args);

    /// <summary>With a longer limit, for runs of the real Whisper model on a busy machine.</summary>
    public static CliResult Run(IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        TestModels.Apply(start.Environment, environment);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"podcast {string.Join(' ', args)} did not finish in {timeout.TotalMinutes:0} minutes");
        }

        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs the command and hands each stderr line to <paramref name="onErrorLine"/> as it is written.</summary>
    public static CliResult RunWatching(IReadOnlyDictionary<string, string?>? environment, Action<string> onErrorLine, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(onErrorLine);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        TestModels.Apply(start.Environment, environment);
        var stderr = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (stderr)
                stderr.AppendLine(e.Data);
            onErrorLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"podcast {string.Join(' ', args)} did not finish in 5 minutes");
        }

        process.WaitForExit();
        lock (stderr)
            return new CliResult(process.ExitCode, stdout.Result, stderr.ToString());
    }

    /// <summary>Starts publish and SIGKILLs it after <paramref name="delay"/>; true when it was still running then.</summary>
    public static bool StartAndKill(TimeSpan delay, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Executable);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        TestModels.Apply(start.Environment, null);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        if (process.WaitForExit(delay))
            return false;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return true;
    }

    /// <summary>Runs an installed tool (ffprobe, eyeD3, node) and returns its output, or skips if it is not installed.</summary>
    public static CliResult Tool(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip($"{tool} is not installed (.ci/run installs it)");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
