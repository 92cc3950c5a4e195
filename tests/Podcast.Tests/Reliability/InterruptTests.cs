using System.Diagnostics;
using Podcast.Tests.Support;

namespace Podcast.Tests.Reliability;

/// <summary>Ctrl-C (SIGINT) in the middle of a publish.</summary>
public sealed class InterruptTests
{
    [Fact]
    public void CtrlCDuringTranscriptionStopsCleanlyWithExitCode130AndChangesNothing()
    {
        using var show = new TempShow();
        BadInputTests.SeedOneEpisode(show);
        var before = show.Snapshot();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[PodcastCli.Executable, "publish", Fixtures.CallMp3, "--show", show.Root, "--model", Fixtures.EmptyWhisperModel])
            start.ArgumentList.Add(arg);
        TestModels.Apply(start.Environment, null);
        using var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        var transcribing = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
                stderr.AppendLine(e.Data);
            if (e.Data?.StartsWith("transcribe", StringComparison.Ordinal) == true)
                transcribing.Set();
        };
        process.BeginErrorReadLine();
        process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);

        Assert.True(transcribing.Wait(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken), "publish never reported transcription progress: " + stderr);
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "publish did not stop after SIGINT");
        process.WaitForExit();

        Assert.True(process.ExitCode == (int)ExitCode.Cancelled, $"exit {process.ExitCode}: {stderr}");
        Assert.Equal(before, show.Snapshot());
        Assert.Empty(Directory.EnumerateFiles(show.Root, "*.podcast-tmp", SearchOption.AllDirectories));
    }
}
