using Podcast.Tests.Support;

namespace Podcast.Tests.Highlights;

public sealed class HighlightsCommandTests
{
    [Fact]
    public void AMissingTranscriptGetsOneLineAndExitCodeThree()
    {
        var result = PodcastCli.Run("highlights", Path.Combine(Path.GetTempPath(), "no-such-transcript.json"));

        Assert.Equal((int)ExitCode.InputNotFound, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no-such-transcript.json", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSampleVttGivesTheGuestsLineWithItsTimeAndChapters()
    {
        var vtt = Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt");

        var result = PodcastCli.Run("highlights", vtt, "--guest", "Hassan Hassan", "--chapters");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.StartsWith("0:08-0:12  Hassan Hassan: The battle for Deir Ezzor", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("0:00  ", result.Stdout, StringComparison.Ordinal);
    }
}
