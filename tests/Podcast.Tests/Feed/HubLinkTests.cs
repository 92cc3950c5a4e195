using System.Xml.Linq;
using Podcast.Tests.Reliability;
using Podcast.Tests.Support;

namespace Podcast.Tests.Feed;

/// <summary>WebSub hubs named in show.yml appear in the feed as atom:link rel="hub", and the feed still passes every check.</summary>
public sealed class HubLinkTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public void HubsInShowYmlAreLinkedAfterTheSelfLinkAndTheFeedStillChecksAndParses()
    {
        using var show = new TempShow(File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml")) + """
            deploy:
              hubs:
                - https://pubsubhubbub.appspot.com/
                - https://websub.example.org/hub?x=1&y=2

            """);
        BadInputTests.SeedOneEpisode(show);

        var links = XDocument.Load(show.FeedFile).Root!.Element("channel")!.Elements(Atom + "link")
            .Select(l => ((string?)l.Attribute("rel"), (string?)l.Attribute("href"))).ToList();
        Assert.Equal([
            ("self", "https://www.syriadeeply.org/podcasts/deeply-talks/feed.xml"),
            ("hub", "https://pubsubhubbub.appspot.com/"),
            ("hub", "https://websub.example.org/hub?x=1&y=2"),
        ], links);
        var check = PodcastCli.Run("feed", "check", show.Root);
        Assert.True(check.ExitCode == 0, check.Stderr);

        using var parsed = FeedParsers.Read(show.FeedFile);
        var read = parsed.RootElement.GetProperty("feedsmith").GetProperty("atom").GetProperty("links").EnumerateArray()
            .Select(l => (l.GetProperty("rel").GetString(), l.GetProperty("href").GetString())).ToList();
        Assert.Equal(links, read);
    }

    [Fact]
    public void AShowWithoutHubsHasOnlyTheSelfLink()
    {
        using var show = new TempShow();
        BadInputTests.SeedOneEpisode(show);

        var links = XDocument.Load(show.FeedFile).Root!.Element("channel")!.Elements(Atom + "link").ToList();

        Assert.Equal("self", (string?)Assert.Single(links).Attribute("rel"));
    }
}
