using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Podcast.Shows;
using Podcast.Site;
using Podcast.Tests.Support;

namespace Podcast.Tests.Site;

/// <summary>The pages as an HTML5 parser (AngleSharp) reads them: structure, escaping, metadata and relative links.</summary>
public sealed class StaticSiteWriterTests : IDisposable
{
    private const string Hostile = "</title><script>alert(1)</script><b>bold</b> & \"quoted\" 'single'";

    private readonly TempShow _show = new();
    private readonly ShowFolder _folder;
    private readonly Show _details;

    public StaticSiteWriterTests()
    {
        _folder = new ShowFolder(_show.Root);
        _details = ShowFile.Load(_folder);
    }

    public void Dispose() => _show.Dispose();

    [Fact]
    public void TheEpisodePageHasHeadlineDekBylinePlayerQuotesChaptersAndTranscript()
    {
        var episode = EpisodeBuilder.Default();
        WriteMedia(episode.Slug, ("Alessandria Masi", 0.5, 2.1, "Welcome to Deeply Talks."), ("Hassan Hassan", 19.7, 23.0, "Thank you for having me."), ("Hassan Hassan", 23.1, 25.0, "It is good to be here."));
        WriteChapters(episode.Slug, (0, "Introduction", null), (19.7, "The guest", null), (40, "Art only", false));

        var page = Render(episode);

        Assert.Equal(episode.Title, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(episode.Summary, page.QuerySelector(".dek")!.TextContent);
        Assert.Contains("Alessandria Masi and Hashem Osseiran", page.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hassan Hassan", page.QuerySelector(".byline")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(episode.Audio.FileName, page.QuerySelector("audio#player")!.GetAttribute("src"));

        var quotes = page.QuerySelectorAll(".quote");
        Assert.Equal(episode.Soundbites.Select(b => b.StartSeconds), quotes.Select(q => Seconds(q.GetAttribute("data-seek"))));
        Assert.Equal(episode.Soundbites.Select(b => b.Title), quotes.Select(q => q.QuerySelector("blockquote")!.TextContent));
        Assert.Equal("Hassan Hassan", quotes[0].QuerySelector(".speaker")!.TextContent);

        // toc=false chapters only change artwork; they are not listed.
        Assert.Equal(new[] { 0, 19.7 }, page.QuerySelectorAll(".chapters a").Select(a => Seconds(a.GetAttribute("data-seek"))));
        Assert.Equal("0:19 The guest", page.QuerySelectorAll(".chapters li")[1].TextContent);

        var turns = page.QuerySelectorAll(".transcript .turn");
        Assert.Equal(new[] { "Alessandria Masi", "Hassan Hassan" }, turns.Select(t => t.QuerySelector(".speaker")!.TextContent));
        Assert.Equal(2, turns[1].QuerySelectorAll(".seg").Length);
        Assert.Equal("0:19", turns[1].QuerySelector(".stamp")!.TextContent);
        Assert.Equal(new[] { 0.5, 19.7, 23.1 }, page.QuerySelectorAll(".seg").Select(s => Seconds(s.GetAttribute("data-start"))));
    }

    [Fact]
    public void AQuoteShowsTheSpeakersWholeSentencesItSpansNotItsShortenedTitle()
    {
        var episode = EpisodeBuilder.Default() with { Soundbites = [new Soundbite(19.7, 9.3, "Thank you for…", "Hassan Hassan")] };
        WriteMedia(episode.Slug, ("Alessandria Masi", 0.5, 2.1, "Welcome."), ("Hassan Hassan", 19.7, 23.0, "Thank you for having me."), ("Hassan Hassan", 23.1, 25.0, "It is good to be here."),
            ("Hashem Osseiran", 25.5, 26.5, "Why?"), ("Hassan Hassan", 26.6, 29.0, "Because it matters."), ("Hashem Osseiran", 29.5, 31.0, "Let's start."));

        var page = Render(episode);

        Assert.Equal("Thank you for having me. It is good to be here. Because it matters.", page.QuerySelector(".quote blockquote")!.TextContent);
    }

    [Fact]
    public void MarkupInTitlesQuotesAndTranscriptIsShownAsTextAndAddsNoElement()
    {
        var episode = EpisodeBuilder.Default() with
        {
            Title = Hostile,
            Summary = Hostile,
            Soundbites = [new Soundbite(10, 20, Hostile, Hostile)],
            People = [new Person(Hostile, "host")],
        };
        WriteMedia(episode.Slug, (Hostile, 1, 2, Hostile));
        WriteChapters(episode.Slug, (0, Hostile, null));

        var page = Render(episode);

        Assert.Equal($"{Hostile} · Deeply Talks", page.Title);
        Assert.Equal(Hostile, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(Hostile, page.QuerySelector("blockquote")!.TextContent);
        Assert.Equal(Hostile, page.QuerySelector(".seg")!.TextContent);
        Assert.Equal(Hostile, page.QuerySelector(".chapters .title")!.TextContent);
        Assert.Equal(Hostile, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Empty(page.QuerySelectorAll("b"));
        // Only the page's own two scripts: the JSON-LD and the player.
        Assert.Equal(2, page.Scripts.Length);
        using var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal(Hostile, ld.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public void JsonLdDescribesAPodcastEpisodeWithItsAudioAndSeries()
    {
        var episode = EpisodeBuilder.Default();
        var page = Render(episode);

        using var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var root = ld.RootElement;
        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("PodcastEpisode", root.GetProperty("@type").GetString());
        Assert.Equal($"{_details.BaseUrl}episodes/{episode.Slug}/index.html", root.GetProperty("url").GetString());
        Assert.Equal(root.GetProperty("url").GetString(), page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("PT3M32S", root.GetProperty("duration").GetString());
        var audio = root.GetProperty("associatedMedia");
        Assert.Equal("AudioObject", audio.GetProperty("@type").GetString());
        Assert.Equal($"{_details.BaseUrl}episodes/{episode.Slug}/{episode.Audio.FileName}", audio.GetProperty("contentUrl").GetString());
        Assert.Equal(_details.FeedUrl.AbsoluteUri, root.GetProperty("partOfSeries").GetProperty("webFeed").GetString());
        Assert.Equal($"{_details.BaseUrl}episodes/{episode.Slug}/index.html", page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));
        Assert.Equal(audio.GetProperty("contentUrl").GetString(), page.QuerySelector("meta[property='og:audio']")!.GetAttribute("content"));
    }

    [Fact]
    public void EverythingThePageLoadsOrLinksToInsideTheShowIsRelative()
    {
        File.WriteAllBytes(Path.Combine(_show.Root, "cover.png"), [0x89, (byte)'P', (byte)'N', (byte)'G']);
        var episode = EpisodeBuilder.Default();
        WriteMedia(episode.Slug, ("Hassan Hassan", 1, 2, "Hello."));
        var page = Render(episode);
        var index = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_show.Root, "index.html")));

        var loaded = page.QuerySelectorAll("[src]").Select(e => e.GetAttribute("src")!).ToList();
        Assert.Equal(new[] { "../../cover.png", episode.Audio.FileName }, loaded);
        Assert.Equal("../../index.html", page.QuerySelector(".masthead a")!.GetAttribute("href"));
        Assert.Contains($"episodes/{episode.Slug}/index.html", index.QuerySelectorAll(".episode-list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("cover.png", index.QuerySelector("img.show-cover")!.GetAttribute("src"));
        Assert.All(page.QuerySelectorAll(".seek"), a => Assert.StartsWith(episode.Audio.FileName + "#t=", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Empty(page.QuerySelectorAll("link[rel=stylesheet], link[rel=preconnect], link[rel=dns-prefetch], script[src], iframe"));
    }

    [Fact]
    public void TheShowPageListsEveryEpisodeNewestFirstWithTheFeedUrl()
    {
        var older = EpisodeBuilder.Default() with { Slug = "older", Title = "Older", Published = new DateTimeOffset(2017, 8, 1, 12, 0, 0, TimeSpan.Zero) };
        var newer = EpisodeBuilder.Default() with { Slug = "newer", Title = "Newer", Published = new DateTimeOffset(2017, 9, 1, 12, 0, 0, TimeSpan.Zero) };
        EpisodeStore.Save(_folder, older);
        EpisodeStore.Save(_folder, newer);

        new StaticSiteWriter().Write(_folder, _details, EpisodeStore.LoadAll(_folder), TestContext.Current.CancellationToken);
        var index = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_show.Root, "index.html")));

        Assert.Equal(new[] { "Newer", "Older" }, index.QuerySelectorAll(".episode-list h3").Select(h => h.TextContent));
        Assert.Equal(_details.FeedUrl.AbsoluteUri, index.QuerySelector(".feed-url input")!.GetAttribute("value"));
        Assert.Equal(_details.FeedUrl.AbsoluteUri, index.QuerySelector("link[rel=alternate]")!.GetAttribute("href"));
        Assert.Contains(index.QuerySelectorAll(".subscribe a"), a => a.GetAttribute("href") == "podcast://www.syriadeeply.org/podcasts/deeply-talks/feed.xml");
        Assert.True(File.Exists(Path.Combine(_show.Root, "episodes", "older", "index.html")));
    }

    [Fact]
    public void ADamagedChaptersFileIsAnErrorNamingIt()
    {
        var episode = EpisodeBuilder.Default();
        Directory.CreateDirectory(_folder.EpisodeDirectory(episode.Slug));
        File.WriteAllText(Path.Combine(_folder.EpisodeDirectory(episode.Slug), "chapters.json"), "{\"chapters\": [");

        var e = Assert.Throws<PodcastException>(() => new StaticSiteWriter().Write(_folder, _details, [episode], TestContext.Current.CancellationToken));
        Assert.Contains("chapters.json", e.Message, StringComparison.Ordinal);
    }

    private IHtmlDocument Render(Episode episode)
    {
        new StaticSiteWriter().Write(_folder, _details, [episode], TestContext.Current.CancellationToken);
        return new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(_folder.EpisodeDirectory(episode.Slug), "index.html")));
    }

    private void WriteMedia(string slug, params (string Speaker, double Start, double End, string Body)[] segments)
    {
        var dir = _folder.EpisodeDirectory(slug);
        Directory.CreateDirectory(dir);
        var json = new { version = "1.0.0", segments = segments.Select(s => new { speaker = s.Speaker, startTime = s.Start, endTime = s.End, body = s.Body }) };
        File.WriteAllText(Path.Combine(dir, "transcript.json"), JsonSerializer.Serialize(json));
    }

    private void WriteChapters(string slug, params (double Start, string Title, bool? Toc)[] chapters)
    {
        var dir = _folder.EpisodeDirectory(slug);
        Directory.CreateDirectory(dir);
        var json = new { version = "1.2.0", chapters = chapters.Select(c => new { startTime = c.Start, title = c.Title, toc = c.Toc }) };
        File.WriteAllText(Path.Combine(dir, "chapters.json"), JsonSerializer.Serialize(json));
    }

    private static double Seconds(string? value) => double.Parse(value!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A complete episode record like publish writes, for pages rendered without publishing.</summary>
    private static class EpisodeBuilder
    {
        public static Episode Default() => new()
        {
            Slug = "the-battle-against-isis-in-deir-ezzor",
            Guid = "a7c96261-1ce2-5eae-8438-1e465ddcd42e",
            Title = "Deeply Talks: The Battle Against ISIS in Deir Ezzor",
            Summary = "Syria Deeply talks with Hassan Hassan about the battle for Deir Ezzor.",
            Published = new DateTimeOffset(2017, 8, 24, 15, 0, 0, TimeSpan.Zero),
            Audio = new EpisodeFile("the-battle-against-isis-in-deir-ezzor.mp3", "audio/mpeg", 1_708_648),
            DurationSeconds = 212.45,
            People = [new Person("Alessandria Masi", "host"), new Person("Hashem Osseiran", "host"), new Person("Hassan Hassan", "guest")],
            Transcripts = [new EpisodeFile("transcript.vtt", "text/vtt", 100), new EpisodeFile("transcript.json", "application/json", 100)],
            Soundbites = [new Soundbite(69.952, 20.951, "The situation in Deir Ezzor is still fluid.", "Hassan Hassan"), new Soundbite(124.878, 20.983, "The SDF also has experience fighting ISIS.", "Hassan Hassan")],
            SourceSha256 = new string('0', 64),
        };
    }
}
