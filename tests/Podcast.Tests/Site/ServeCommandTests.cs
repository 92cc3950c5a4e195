using System.Net;
using System.Net.Http.Headers;
using Podcast.Tests.Support;

namespace Podcast.Tests.Site;

/// <summary><c>podcast serve</c> answered as a podcast app and a web player ask: plain HTTP, no browser.</summary>
public sealed class ServeCommandTests(FixtureEpisode episode) : IClassFixture<FixtureEpisode>
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None });

    [Fact]
    public async Task HeadOnTheMp3GivesItsLengthAndAcceptRanges()
    {
        var served = episode.Served;
        using var head = new HttpRequestMessage(HttpMethod.Head, Mp3Url(served));
        using var response = await Http.SendAsync(head, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new FileInfo(Path.Combine(episode.Directory, episode.Episode.Audio.FileName)).Length, response.Content.Headers.ContentLength);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ARangeOfTheFirstHundredBytesIsAPartialResponseOfExactlyThoseBytes()
    {
        var served = episode.Served;
        using var request = new HttpRequestMessage(HttpMethod.Get, Mp3Url(served));
        request.Headers.Range = new RangeHeaderValue(0, 99);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(100, body.Length);
        var file = File.ReadAllBytes(Path.Combine(episode.Directory, episode.Episode.Audio.FileName));
        Assert.Equal(file[..100], body);
        Assert.Equal(new ContentRangeHeaderValue(0, 99, file.Length), response.Content.Headers.ContentRange);
    }

    [Fact]
    public async Task AMiddleRangeReturnsThoseBytesOfTheFile()
    {
        var served = episode.Served;
        var file = File.ReadAllBytes(Path.Combine(episode.Directory, episode.Episode.Audio.FileName));
        using var request = new HttpRequestMessage(HttpMethod.Get, Mp3Url(served));
        request.Headers.Range = new RangeHeaderValue(file.Length / 2, null);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(file[(file.Length / 2)..], await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheFeedIsServedAsRssAndTheFolderAsItsIndexPage()
    {
        var served = episode.Served;
        using var feed = await Http.GetAsync(new Uri(served.Url, "feed.xml"), TestContext.Current.CancellationToken);
        using var index = await Http.GetAsync(served.Url, TestContext.Current.CancellationToken);
        using var page = await Http.GetAsync(new Uri(served.Url, episode.PagePath), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("application/rss+xml", feed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(episode.Show.Root, "feed.xml")), await feed.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains(episode.Episode.Title, await index.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<audio id=\"player\"", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transcript.vtt", "text/vtt")]
    [InlineData("transcript.srt", "application/x-subrip")]
    [InlineData("transcript.json", "application/json")]
    [InlineData("chapters.json", "application/json")]
    public async Task TranscriptsAndChaptersCarryTheirTypeAndACorsHeader(string file, string type)
    {
        var served = episode.Served;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(served.Url, episode.PagePath + file));
        request.Headers.Add("Origin", "https://player.example");
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task TheShowFileAndTheMp3AreNotSharedAcrossOrigins()
    {
        var served = episode.Served;
        using var yml = await Http.GetAsync(new Uri(served.Url, "show.yml"), TestContext.Current.CancellationToken);
        using var mp3 = await Http.GetAsync(Mp3Url(served), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, yml.StatusCode);
        Assert.False(mp3.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public void CtrlCStopsTheServerWithExitCodeZero()
    {
        var served = ServedShow.Start(episode.Show.Root);
        var exit = served.Interrupt();
        served.Dispose();

        Assert.Equal(0, exit);
        Assert.Contains("stopped", served.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ABusyPortIsAUsageErrorNamingThePort()
    {
        var served = episode.Served;
        var result = PodcastCli.Run("serve", episode.Show.Root, "--port", served.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((int)ExitCode.Usage, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(served.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), line, StringComparison.Ordinal);
    }

    private Uri Mp3Url(ServedShow served) => new(served.Url, episode.PagePath + Uri.EscapeDataString(episode.Episode.Audio.FileName));
}
