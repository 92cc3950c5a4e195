using System.Text.Json;
using System.Xml.Linq;
using Podcast.Feed;
using Podcast.Tests.Support;

namespace Podcast.Tests.Feed;

/// <summary>`podcast feed check` on the fixture episode's feed with one fault planted at a time.</summary>
public sealed class FeedCheckTests(PublishedFixtureShow fixture) : IClassFixture<PublishedFixtureShow>
{
    private static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    public static TheoryData<string, string> Faults => new()
    {
        { "missing category", "channel: missing <itunes:category" },
        { "explicit maybe", "channel / itunes:explicit: \"maybe\" must be true or false" },
        { "enclosure length 0", "/ enclosure@length: \"0\" must be the file's size" },
        { "duplicate guid", "/ guid: \"" },
        { "ISO pubDate", "/ pubDate: \"2026-11-25T09:35:37Z\" is not an RFC 2822 date" },
        { "600x600 cover", "channel / itunes:image@href: cover.png is 600x600 px" },
        { "invalid language", "channel / language: \"english\" is not an ISO 639 language code" },
        { "missing transcript file", "/ podcast:transcript@url: https://" },
        { "chapters out of order", "/ podcast:chapters@url: chapters.json: chapter 2 starts before" },
        { "JSON transcript without segments", "/ podcast:transcript@url: transcript.json: not a JSON transcript" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void APlantedFaultIsReportedWithItsElementAndFailsTheCheck(string fault, string expected)
    {
        var source = fixture.Require();
        using var copy = new ShowCopy(source.Root);
        Plant(copy.Root, fault);

        var result = PodcastCli.Run("feed", "check", copy.Root, "--json");

        Assert.Equal((int)ExitCode.FeedInvalid, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.True(json.RootElement.GetProperty("errors").GetInt32() >= 1);
    }

    [Fact]
    public void TheUnchangedCopyPassesSoEachFaultAboveIsWhatFailsIt()
    {
        using var copy = new ShowCopy(fixture.Require().Root);

        var result = PodcastCli.Run("feed", "check", copy.Root);

        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    [Fact]
    public void PublishRefusesToWriteAFeedThatFailsTheCheckAndKeepsTheOldOne()
    {
        var source = fixture.Require();
        using var copy = new ShowCopy(source.Root);
        var before = File.ReadAllBytes(Path.Combine(copy.Root, "feed.xml"));
        File.WriteAllBytes(Path.Combine(copy.Root, "cover.png"), CoverImage.RenderDefault("Too small", 600));

        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", copy.Root, "--transcript", Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt"), "--title", "Second");

        Assert.Equal((int)ExitCode.FeedInvalid, result.ExitCode);
        Assert.Contains("not written", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("600x600", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(copy.Root, "feed.xml")));
        Assert.False(File.Exists(Path.Combine(copy.Root, "episodes", "second", "episode.json")), "the refused episode became part of the show");
    }

    [Fact]
    public void ARepublishWhoseFeedIsRefusedLeavesThePublishedMp3AsItWas()
    {
        var source = fixture.Require();
        using var copy = new ShowCopy(source.Root);
        var mp3 = Path.Combine(copy.Root, "episodes", fixture.Result.Slug, fixture.Result.Slug + ".mp3");
        var before = File.ReadAllBytes(mp3);
        var yml = Path.Combine(copy.Root, "show.yml");
        File.WriteAllText(yml, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(yml), @"target: -?\d+", "target: -19"));
        File.WriteAllBytes(Path.Combine(copy.Root, "cover.png"), CoverImage.RenderDefault("Too small", 600));

        var result = PodcastCli.Run("publish", Fixtures.CallMp3, "--show", copy.Root, "--transcript", Fixtures.CallTranscript);

        Assert.Equal((int)ExitCode.FeedInvalid, result.ExitCode);
        Assert.Equal(before, File.ReadAllBytes(mp3));
        Assert.Empty(Directory.EnumerateFiles(copy.Root, "*.podcast-tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void ASoundbiteAtZeroIsOnlyAWarningButPodcastPartytimeDropsIt()
    {
        using var copy = new ShowCopy(fixture.Require().Root);
        var path = Path.Combine(copy.Root, "feed.xml");
        File.WriteAllText(path, File.ReadAllText(path).Replace("startTime=\"69.952\"", "startTime=\"0\"", StringComparison.Ordinal));

        var result = PodcastCli.Run("feed", "check", copy.Root);
        using var parsed = FeedParsers.Read(path);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("podcast:soundbite@startTime: 0: podcast-partytime", result.Stderr, StringComparison.Ordinal);
        var partytime = parsed.RootElement.GetProperty("partytime").GetProperty("items")[0].GetProperty("podcastSoundbites");
        var feedsmith = parsed.RootElement.GetProperty("feedsmith").GetProperty("items")[0].GetProperty("podcast").GetProperty("soundbites");
        Assert.Equal(feedsmith.GetArrayLength() - 1, partytime.GetArrayLength());
    }

    [Theory]
    [InlineData("Sat, 15 Jun 2019 19:00:00 GMT", true)]
    [InlineData("15 Jun 2019 19:00 +0200", true)]
    [InlineData("Wed, 15 Jun 2019 19:00:00 GMT", false)] // the standards notes' example: 15 June 2019 was a Saturday
    [InlineData("Wed, 31 Jun 2019 19:00:00 GMT", false)]
    [InlineData("2019-06-15T19:00:00Z", false)]
    [InlineData("Wed, 15 June 2019 19:00:00 GMT", false)]
    [InlineData("Wed, 15 Jun 2019 25:00:00 GMT", false)]
    public void Rfc2822DatesAreRecognised(string text, bool valid) => Assert.Equal(valid, FeedChecker.IsRfc2822(text));

    [Fact]
    public void TheWritersDatesAreRfc2822InAnyCulture()
    {
        var time = new DateTimeOffset(2019, 6, 15, 21, 0, 0, TimeSpan.FromHours(2));

        var text = RssFeedWriter.Rfc2822(time);

        Assert.Equal("Sat, 15 Jun 2019 19:00:00 GMT", text);
        Assert.True(FeedChecker.IsRfc2822(text));
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("en-us", true)]
    [InlineData("pt-BR", true)]
    [InlineData("ast", true)]
    [InlineData("english", false)]
    [InlineData("xx", false)]
    [InlineData("en_US", false)]
    [InlineData("", false)]
    public void LanguageCodesAreIso639(string text, bool valid) => Assert.Equal(valid, FeedChecker.IsLanguageCode(text));

    private static void Plant(string root, string fault)
    {
        var path = Path.Combine(root, "feed.xml");
        var feed = XDocument.Load(path);
        var channel = feed.Root!.Element("channel")!;
        var item = channel.Element("item")!;
        switch (fault)
        {
            case "missing category":
                channel.Elements(Itunes + "category").Remove();
                break;
            case "explicit maybe":
                channel.Element(Itunes + "explicit")!.Value = "maybe";
                break;
            case "enclosure length 0":
                item.Element("enclosure")!.SetAttributeValue("length", "0");
                break;
            case "duplicate guid":
                var twin = new XElement(item);
                twin.Element("title")!.Value = "A second episode";
                item.AddAfterSelf(twin);
                break;
            case "ISO pubDate":
                item.Element("pubDate")!.Value = "2026-11-25T09:35:37Z";
                break;
            case "600x600 cover":
                File.WriteAllBytes(Path.Combine(root, "cover.png"), CoverImage.RenderDefault("Too small", 600));
                break;
            case "invalid language":
                channel.Element("language")!.Value = "english";
                break;
            case "missing transcript file":
                File.Delete(Directory.GetFiles(root, "transcript.srt", SearchOption.AllDirectories).Single());
                break;
            case "chapters out of order":
                File.WriteAllText(Directory.GetFiles(root, "chapters.json", SearchOption.AllDirectories).Single(),
                    """{"version": "1.2.0", "chapters": [{"startTime": 60, "title": "Later"}, {"startTime": 0, "title": "Earlier"}]}""");
                break;
            case "JSON transcript without segments":
                File.WriteAllText(Directory.GetFiles(root, "transcript.json", SearchOption.AllDirectories).Single(), """{"version": "1.0.0"}""");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault));
        }

        File.WriteAllText(path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + feed.ToString());
    }

    /// <summary>A scratch copy of a published show folder, deleted when disposed.</summary>
    private sealed class ShowCopy : IDisposable
    {
        private readonly string _parent = Path.Combine(Path.GetTempPath(), "podcast-tests", Guid.NewGuid().ToString("N")[..12]);

        public ShowCopy(string source)
        {
            Root = Path.Combine(_parent, "show");
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        public string Root { get; }

        public void Dispose() => Directory.Delete(_parent, recursive: true);
    }
}
