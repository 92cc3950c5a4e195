using System.Diagnostics;

namespace Podcast.Tests.Support;

/// <summary>A <c>podcast worker</c> (or any podcast command) running in the background, its stderr lines collected as they come.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    public WorkerProcess(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(PodcastCli.Executable);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        TestModels.Apply(start.Environment, environment);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_lines)
                _lines.Add(e.Data);
        };
        _process.Start();
        _process.BeginErrorReadLine();
        _ = _process.StandardOutput.ReadToEndAsync();
    }

    public string Stderr
    {
        get
        {
            lock (_lines)
                return string.Join('\n', _lines);
        }
    }

    /// <summary>The first stderr line matching <paramref name="match"/>, waiting up to <paramref name="timeout"/>.</summary>
    public string WaitForLine(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            lock (_lines)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                    return line;
            }

            if (_process.HasExited)
                break;
            Thread.Sleep(50);
        }

        throw new Xunit.Sdk.XunitException($"no such line from the worker in {timeout.TotalSeconds:0} s; it wrote:\n{Stderr}");
    }

    /// <summary>SIGTERM, as a service manager stopping the worker would.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL, as a lost machine or the OOM killer would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"the worker did not finish in {timeout.TotalMinutes:0} minutes; it wrote:\n{Stderr}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
