using System.Text.Json;
using System.Xml.Linq;
using Podcast.Tests.Support;

namespace Podcast.Tests.Publishing;

/// <summary>The spine end to end, through the real executable, read back by tools we did not write.</summary>
public sealed class PublishCommandTests
{
    [Fact]
    public void PublishingTheFixtureCallWithItsTranscriptMakesAFeedATaggedMp3AndTranscripts()
    {
        using var show = new TempShow();
        var result = PodcastCli.Run("publish", Fixtures.CallMp3, "--show", show.Root, "--transcript", Fixtures.CallTranscript,
            "--title", "Deeply Talks: The Battle Against ISIS in Deir Ezzor", "--guest", "Hassan Hassan", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var audio = json.RootElement.GetProperty("audio").GetString()!;
        var episodeDir = json.RootElement.GetProperty("episodeDir").GetString()!;
        Assert.Equal(show.FeedFile, json.RootElement.GetProperty("feed").GetString());

        var feed = XDocument.Load(show.FeedFile);
        var item = Assert.Single(feed.Descendants("item"));
        Assert.Equal(json.RootElement.GetProperty("guid").GetString(), item.Element("guid")!.Value);
        Assert.Equal(new FileInfo(audio).Length, long.Parse(item.Element("enclosure")!.Attribute("length")!.Value, System.Globalization.CultureInfo.InvariantCulture));

        var probe = PodcastCli.Tool("ffprobe", "-v", "error", "-show_entries", "format_tags=title", "-of", "default=nw=1:nk=1", audio);
        Assert.Equal("Deeply Talks: The Battle Against ISIS in Deir Ezzor", probe.Stdout.Trim());
        var eyed3 = PodcastCli.Tool("eyeD3", "--no-color", audio);
        Assert.Contains("title: Deeply Talks: The Battle Against ISIS in Deir Ezzor", eyed3.Stdout, StringComparison.Ordinal);
        Assert.Contains("ID3 v2.3", eyed3.Stdout, StringComparison.Ordinal);

        foreach (var name in new[] { "transcript.vtt", "transcript.srt", "transcript.json", "transcript.txt" })
            Assert.True(new FileInfo(Path.Combine(episodeDir, name)).Length > 1000, name);
        Assert.Contains("<v Hassan Hassan>", File.ReadAllText(Path.Combine(episodeDir, "transcript.vtt")), StringComparison.Ordinal);
    }

    [Fact]
    public void RepublishingTheSameRecordingReplacesTheItemAndKeepsItsGuidAndGuests()
    {
        using var show = new TempShow();
        string[] args = ["publish", Fixtures.CallMp3, "--show", show.Root, "--transcript", Fixtures.CallTranscript, "--json"];
        var first = PodcastCli.Run([.. args, "--guest", "Hassan Hassan"]);
        var second = PodcastCli.Run([.. args, "--title", "A better title"]);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first.Stderr + second.Stderr);
        var item = Assert.Single(XDocument.Load(show.FeedFile).Descendants("item"));
        Assert.Equal(JsonDocument.Parse(first.Stdout).RootElement.GetProperty("guid").GetString(), item.Element("guid")!.Value);
        Assert.Equal("A better title", item.Element("title")!.Value);
        XNamespace podcast = "https://podcastindex.org/namespace/1.0";
        var guest = Assert.Single(item.Elements(podcast + "person"), p => (string?)p.Attribute("role") == "guest");
        Assert.Equal("Hassan Hassan", guest.Value);
    }

    [Fact]
    public void TheEmptyTestModelRunsTheRealWhisperRuntimeEndToEnd()
    {
        using var show = new TempShow();
        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", show.Root, "--model", Fixtures.EmptyWhisperModel, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("transcribe", result.Stderr, StringComparison.Ordinal);
        Assert.Single(XDocument.Load(show.FeedFile).Descendants("item"));
    }

    [Fact]
    public void WithoutAModelAndOfflinePublishFailsFastAndWritesNothing()
    {
        using var show = new TempShow();
        var before = show.Snapshot();
        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", show.Root);

        Assert.Equal((int)ExitCode.ModelUnavailable, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ggml-base.en.bin", line, StringComparison.Ordinal);
        Assert.Contains("podcast models download base.en", line, StringComparison.Ordinal);
        Assert.Equal(before, show.Snapshot());
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("text")]
    public void BadInputGetsOneLineAndANonZeroExitAndChangesNothing(string kind)
    {
        using var show = new TempShow();
        var input = Path.Combine(show.Root, "..", "input.mp3");
        if (kind == "empty")
            File.WriteAllBytes(input, []);
        if (kind == "text")
            File.WriteAllText(input, "this is not audio at all, just words in a file");
        var before = show.Snapshot();

        var result = PodcastCli.Run("publish", input, "--show", show.Root, "--transcript", Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt"));

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("podcast: error: ", line, StringComparison.Ordinal);
        Assert.Contains("input.mp3", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
        Assert.Equal(before, show.Snapshot());
    }
}
