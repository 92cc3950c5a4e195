using Podcast.Feed;

namespace Podcast.Tests.Feed;

public sealed class PodcastGuidTests
{
    [Theory]
    [InlineData("https://mp3s.nashownotes.com/pc20rss.xml", "917393e3-1b1e-5cef-ace4-edaa54e1f810")]
    [InlineData("http://podnews.net/rss/", "9b024349-ccf0-5f69-a609-6b82873eab3c")]
    public void TheChannelGuidMatchesTheSpecificationsExamples(string feedUrl, string expected) =>
        Assert.Equal(Guid.Parse(expected), PodcastGuid.ForFeedUrl(new Uri(feedUrl)));
}
