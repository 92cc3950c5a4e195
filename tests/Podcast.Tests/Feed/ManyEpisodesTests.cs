using System.Xml.Linq;
using Podcast.Feed;
using Podcast.Shows;
using Podcast.Tests.Support;

namespace Podcast.Tests.Feed;

/// <summary>A show with several episodes, through the real executable: order, stable guids, unpublish, show.yml edits.</summary>
public sealed class ManyEpisodesTests
{
    private static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private static readonly XNamespace Pc = "https://podcastindex.org/namespace/1.0";

    [Fact]
    public void AShowWithThreeEpisodesKeepsThemNewestFirstWithStableGuidsAcrossRepublishing()
    {
        using var show = new TempShow();
        var welcome = Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt");
        Publish(show, Fixtures.CallMp3, Fixtures.CallTranscript, "First", "--season", "1", "--episode", "1");
        Publish(show, Fixtures.JfkMp3, welcome, "Second", "--season", "1", "--episode", "2", "--type", "bonus");
        Publish(show, Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.mp3"), welcome, "Third", "--season", "1", "--episode", "3", "--type", "trailer");
        var before = Items(show);

        File.WriteAllText(Path.Combine(show.Root, "show.yml"), File.ReadAllText(Path.Combine(show.Root, "show.yml"))
            .Replace("title: Deeply Talks", "title: Deeply Talks Weekly", StringComparison.Ordinal)
            .Replace("explicit: false", "explicit: true", StringComparison.Ordinal));
        Publish(show, Fixtures.JfkMp3, welcome, "Second, revised");
        var after = Items(show);

        Assert.Equal(["Third", "Second", "First"], before.Select(i => i.Title));
        Assert.Equal(["Third", "Second, revised", "First"], after.Select(i => i.Title));
        Assert.Equal(before.Select(i => i.Guid), after.Select(i => i.Guid));
        Assert.Equal(3, after.Select(i => i.Guid).Distinct().Count());
        Assert.Equal(3, after.Select(i => i.Enclosure).Distinct().Count());
        Assert.All(after, i => Assert.True(i.Enclosure.All(char.IsAscii), i.Enclosure));
        Assert.Equal([("3", "trailer"), ("2", "bonus"), ("1", "full")], after.Select(i => (i.Episode, i.Type)));
        var channel = XDocument.Load(show.FeedFile).Root!.Element("channel")!;
        Assert.Equal("Deeply Talks Weekly", channel.Element("title")!.Value);
        Assert.Equal("true", channel.Element(Itunes + "explicit")!.Value);
        var check = PodcastCli.Run("feed", "check", show.Root);
        Assert.True(check.ExitCode == 0, check.Stderr);
    }

    [Fact]
    public void UnpublishRewritesTheFeedWithoutTheEpisodeThenRemovesItsFolder()
    {
        using var show = new TempShow();
        var welcome = Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt");
        Publish(show, Fixtures.JfkMp3, welcome, "Keep me");
        Publish(show, Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.mp3"), welcome, "Remove me");
        var kept = Items(show).Single(i => i.Title == "Keep me");

        var result = PodcastCli.Run("unpublish", "remove-me", "--show", show.Root);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal([kept], Items(show));
        Assert.False(Directory.Exists(Path.Combine(show.Root, "episodes", "remove-me")));
        Assert.True(Directory.Exists(Path.Combine(show.Root, "episodes", "keep-me")));
        var check = PodcastCli.Run("feed", "check", show.Root);
        Assert.True(check.ExitCode == 0, check.Stderr);
    }

    [Fact]
    public void UnpublishingAnEpisodeThatIsNotThereChangesNothing()
    {
        using var show = new TempShow();
        Publish(show, Fixtures.JfkMp3, Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt"), "Only one");
        var before = show.Snapshot();

        var result = PodcastCli.Run("unpublish", "no-such-episode", "--show", show.Root);

        Assert.Equal((int)ExitCode.InputNotFound, result.ExitCode);
        Assert.Contains("no-such-episode", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, show.Snapshot());
    }

    [Fact]
    public void EnclosureAndFileUrlsArePlainAsciiAndDecodeBackToTheFileNames()
    {
        var show = new Show
        {
            Title = "Café Talks",
            Description = "d",
            Author = "a",
            OwnerName = "o",
            OwnerEmail = "o@example.org",
            Language = "fr",
            Category = "News",
            BaseUrl = new Uri("https://example.org/émissions/café talks/"),
        };
        var episode = new Episode
        {
            Slug = "episode-1",
            Guid = "g",
            Title = "t",
            Published = DateTimeOffset.UnixEpoch,
            Audio = new EpisodeFile("épisode 1 & 2.mp3", "audio/mpeg", 1),
            DurationSeconds = 1,
            Transcripts = [new EpisodeFile("transcript #1.vtt", "text/vtt", 1)],
            SourceSha256 = "s",
        };

        var feed = XDocument.Parse(new RssFeedWriter().Render(show, [episode]));

        var urls = feed.Descendants().Attributes().Where(a => a.Name.LocalName is "url" or "href").Select(a => a.Value).ToList();
        Assert.Equal(5, urls.Count);
        Assert.All(urls, u => Assert.True(u.All(c => c is > ' ' and < '\u007f'), u));
        var enclosure = new Uri(feed.Descendants("enclosure").Single().Attribute("url")!.Value);
        Assert.Equal(["/", "émissions/", "café talks/", "episodes/", "episode-1/", "épisode 1 & 2.mp3"], enclosure.Segments.Select(Uri.UnescapeDataString));
        var transcript = new Uri(feed.Descendants(Pc + "transcript").Single().Attribute("url")!.Value);
        Assert.Equal("transcript #1.vtt", Uri.UnescapeDataString(transcript.Segments[^1]));
    }

    private static void Publish(TempShow show, string audio, string transcript, string title, params string[] more)
    {
        var result = PodcastCli.Run(["publish", audio, "--show", show.Root, "--transcript", transcript, "--title", title, .. more]);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    private static List<(string Title, string Guid, string Enclosure, string? Episode, string? Type)> Items(TempShow show) =>
        [.. XDocument.Load(show.FeedFile).Descendants("item").Select(i => (
            i.Element("title")!.Value,
            i.Element("guid")!.Value,
            (string)i.Element("enclosure")!.Attribute("url")!,
            i.Element(Itunes + "episode")?.Value,
            i.Element(Itunes + "episodeType")?.Value))];
}
