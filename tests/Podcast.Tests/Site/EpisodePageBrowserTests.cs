using System.Collections.Concurrent;
using Microsoft.Playwright;
using Podcast.Tests.Support;

namespace Podcast.Tests.Site;

/// <summary>
/// The fixture episode's page in Debian's headless chromium, driven by Playwright, served by <c>podcast serve</c>:
/// the player loads the audio, a highlight and a chapter seek it, the transcript follows it, and nothing is fetched
/// from any other host. Screenshots go to the test output folder (screenshots/).
/// </summary>
public sealed class EpisodePageBrowserTests : IClassFixture<FixtureEpisode>, IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private const double SeekTolerance = 0.5;

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly FixtureEpisode _episode;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public EpisodePageBrowserTests(FixtureEpisode episode) => _episode = episode;

    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
            Assert.Skip($"{Chromium} is not installed (tests/run.sh installs the chromium package)");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    [Fact]
    public async Task OverHttpAHighlightAndAChapterSeekThePlayerAndNothingComesFromAnotherHost()
    {
        var served = _episode.Served;
        var (page, requests) = await OpenAsync(new Uri(served.Url, _episode.PagePath).AbsoluteUri, 1280, 900);

        var duration = await PlayerLoadedAsync(page);
        Assert.InRange(duration, _episode.Episode.DurationSeconds - 1, _episode.Episode.DurationSeconds + 1);
        Assert.Equal(_episode.CoverWidth, await page.Locator(".cover img").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"));

        // The last quote, so a seek that does nothing (the player stays at 0) cannot pass.
        var bites = _episode.Episode.Soundbites.OrderBy(b => b.StartSeconds).ToList();
        Assert.NotEmpty(bites);
        var bite = bites[^1];
        var quote = page.Locator($"#quote-{bites.Count}");
        await quote.Locator("blockquote").ClickAsync();
        var afterQuote = await CurrentTimeAsync(page);
        Assert.InRange(afterQuote, bite.StartSeconds - SeekTolerance, bite.StartSeconds + SeekTolerance);
        if (bite.Speaker is not null)
            Assert.Contains(bite.Speaker, await quote.Locator("figcaption").InnerTextAsync(), StringComparison.Ordinal);

        // The transcript marks the sentence being heard: the one the quote starts with.
        var current = page.Locator(".transcript .seg.is-current");
        await current.WaitForAsync(new() { Timeout = 10_000 });
        var markedStart = double.Parse(await current.GetAttributeAsync("data-start") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(markedStart, bite.StartSeconds - SeekTolerance, bite.StartSeconds + SeekTolerance);

        // As it plays on, the mark moves to the sentence being heard.
        var markedEnd = double.Parse(await current.GetAttributeAsync("data-end") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => document.getElementById('player').currentTime > {(markedEnd + 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)}", null, new() { Timeout = 30_000 });
        var heard = await page.EvaluateAsync<double[]>(@"() => {
            const seg = document.querySelector('.transcript .seg.is-current');
            return [document.getElementById('player').currentTime, parseFloat(seg.dataset.start), parseFloat(seg.dataset.end)];
        }");
        Assert.True(heard[1] > markedStart, $"the mark stayed on the sentence at {markedStart} s while the player reached {heard[0]} s");
        Assert.InRange(heard[0], heard[1] - SeekTolerance, heard[2] + 1.5);

        // The chapter farthest from where the player is, so landing near it cannot happen by chance.
        var chapterStarts = _episode.ChapterStarts();
        Assert.True(chapterStarts.Count >= 2, $"the fixture episode has {chapterStarts.Count} chapters");
        var listed = await page.Locator(".chapters li").EvaluateAllAsync<double[]>("items => items.map(li => parseFloat(li.dataset.start))");
        Assert.Equal(chapterStarts, listed, (a, b) => Math.Abs(a - b) < 0.001);
        var here = await CurrentTimeAsync(page);
        var target = Enumerable.Range(0, listed.Length).MaxBy(i => Math.Abs(listed[i] - here));
        await page.Locator(".chapters li").Nth(target).Locator("a").ClickAsync();
        var afterChapter = await CurrentTimeAsync(page);
        Assert.InRange(afterChapter, listed[target] - SeekTolerance, listed[target] + SeekTolerance);
        await page.Locator(".chapters li.is-current").Nth(0).WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(target, await page.Locator(".chapters li").EvaluateAllAsync<int>("items => items.findIndex(li => li.classList.contains('is-current'))"));

        await page.EvaluateAsync("document.getElementById('player').pause()");
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "episode-desktop.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "episode-desktop-full.png"), FullPage = true });

        Assert.NotEmpty(requests);
        Assert.Contains(requests, r => r.EndsWith(".mp3", StringComparison.Ordinal));
        var elsewhere = requests.Where(r => !r.StartsWith(served.Url.GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal) && !r.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "requests to other hosts: " + string.Join(", ", elsewhere));
    }

    [Fact]
    public async Task OnAPhoneThePageFitsTheScreenWidth()
    {
        var served = _episode.Served;
        var (page, _) = await OpenAsync(new Uri(served.Url, _episode.PagePath).AbsoluteUri, 390, 844, mobile: true);
        await PlayerLoadedAsync(page);

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the page is {scrollWidth} px wide on a 390 px screen: it scrolls sideways");
        var fontSize = await page.EvaluateAsync<double>("parseFloat(getComputedStyle(document.querySelector('.transcript .said')).fontSize)");
        Assert.True(fontSize >= 16, $"transcript text is {fontSize} px");

        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "episode-phone.png") });
        await page.Locator("#quote-1").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "episode-phone-highlights.png") });

        // Deep in the transcript the player is still on screen, stuck to the top.
        await page.Locator(".transcript .turn").Nth(8).ScrollIntoViewIfNeededAsync();
        var player = await page.Locator("#listen").BoundingBoxAsync();
        Assert.NotNull(player);
        Assert.InRange(player.Y, -1, 1);
        Assert.True(await page.EvaluateAsync<double>("window.scrollY") > 1000, "the page did not scroll");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "episode-phone-transcript.png") });
    }

    [Fact]
    public async Task FromFileTheHighlightStillSeeksThePlayer()
    {
        // The pages are built by serve when it starts; start it so this test does not depend on the order tests run in.
        _ = _episode.Served;

        var file = Path.Combine(_episode.Directory, "index.html");
        var (page, requests) = await OpenAsync(new Uri(file).AbsoluteUri, 1280, 900);
        await PlayerLoadedAsync(page);

        var bite = _episode.Episode.Soundbites.OrderBy(b => b.StartSeconds).First();
        await page.Locator("#quote-1 blockquote").ClickAsync();
        Assert.InRange(await CurrentTimeAsync(page), bite.StartSeconds - SeekTolerance, bite.StartSeconds + SeekTolerance);
        Assert.All(requests, r => Assert.StartsWith("file://", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheShowPageListsTheEpisodeAndLinksToItsPage()
    {
        var served = _episode.Served;
        var (page, requests) = await OpenAsync(served.Url.AbsoluteUri, 1280, 900);

        Assert.Equal("Deeply Talks", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(_episode.CoverWidth, await page.Locator("img.show-cover").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0"));
        Assert.All(requests, r => Assert.StartsWith(served.Url.AbsoluteUri, r, StringComparison.Ordinal));
        Assert.Equal("https://www.syriadeeply.org/podcasts/deeply-talks/feed.xml", await page.Locator(".feed-url input").InputValueAsync());
        await page.Locator(".episode-list a", new() { HasText = _episode.Episode.Title }).ClickAsync();
        await page.WaitForURLAsync("**/index.html");
        Assert.Equal(_episode.Episode.Title, await page.Locator("h1").InnerTextAsync());
        await page.GoBackAsync();
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "show-desktop.png") });
    }

    private async Task<(IPage Page, ConcurrentQueue<string> Requests)> OpenAsync(string url, int width, int height, bool mobile = false)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = mobile ? 2 : 1,
        });
        var page = await context.NewPageAsync();
        var requests = new ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue(request.Url);
        await page.GotoAsync(url);
        return (page, requests);
    }

    /// <summary>Waits until the player has the audio's metadata and returns its duration in seconds.</summary>
    private static async Task<double> PlayerLoadedAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => document.getElementById('player').readyState >= 1", null, new() { Timeout = 15_000 });
        return await page.EvaluateAsync<double>("document.getElementById('player').duration");
    }

    private static Task<double> CurrentTimeAsync(IPage page) => page.EvaluateAsync<double>("document.getElementById('player').currentTime");
}
