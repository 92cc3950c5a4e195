using System.Xml.Linq;

namespace Podcast.Tests.Support;

/// <summary>What a subscriber's app needs from a show folder at every moment: a feed that parses and points only at complete files.</summary>
public static class FeedAssert
{
    /// <summary>Returns the guids of the items, after checking each enclosure exists with the advertised length.</summary>
    public static IReadOnlyList<string> IsCompleteAndValid(string showRoot)
    {
        var feedFile = Path.Combine(showRoot, "feed.xml");
        var feed = XDocument.Load(feedFile);
        var items = feed.Descendants("item").ToList();
        var guids = items.Select(i => i.Element("guid")?.Value ?? string.Empty).ToList();
        Assert.DoesNotContain(string.Empty, guids);
        Assert.Equal(guids.Count, guids.Distinct(StringComparer.Ordinal).Count());
        foreach (var item in items)
        {
            var enclosure = item.Element("enclosure") ?? throw new Xunit.Sdk.XunitException("an item has no enclosure");
            var url = new Uri(enclosure.Attribute("url")!.Value);
            var relative = Uri.UnescapeDataString(url.AbsolutePath[url.AbsolutePath.IndexOf("/episodes/", StringComparison.Ordinal)..].TrimStart('/'));
            var file = new FileInfo(Path.Combine(showRoot, relative));
            Assert.True(file.Exists, $"{relative} is in the feed but not on disk");
            Assert.Equal(file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), enclosure.Attribute("length")!.Value);
            Assert.True(File.Exists(Path.Combine(file.DirectoryName!, "episode.json")), $"{relative} has no episode.json beside it");
        }

        return guids;
    }
}
