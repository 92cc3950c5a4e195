using System.Net;
using System.Text.Json;
using Podcast.Tests.Reliability;
using Podcast.Tests.Support;
using SkiaSharp;

namespace Podcast.Tests.Deploy;

/// <summary>
/// `podcast deploy` as a producer runs it, against a real S3 server (s3rver) on 127.0.0.1 and a local WebSub hub.
/// The expected bucket contents are written out here by hand, not taken from the deploy code.
/// </summary>
public sealed class DeployCommandTests
{
    private const string Prefix = "deeply-talks/";
    private const string To = "s3://" + S3Server.Bucket + "/deeply-talks";
    private const string FeedUrl = "https://www.syriadeeply.org/podcasts/deeply-talks/feed.xml";

    /// <summary>What a show with the sample episode "welcome" serves, and how: nothing else belongs in the bucket.</summary>
    private static readonly Dictionary<string, (string Type, string Cache)> WelcomeShow = new(StringComparer.Ordinal)
    {
        ["feed.xml"] = ("application/rss+xml", "public, max-age=300"),
        ["index.html"] = ("text/html", "public, max-age=300"),
        ["cover.png"] = ("image/png", "public, max-age=86400"),
        ["episodes/welcome/welcome.mp3"] = ("audio/mpeg", "public, max-age=86400"),
        ["episodes/welcome/transcript.vtt"] = ("text/vtt", "public, max-age=3600"),
        ["episodes/welcome/transcript.srt"] = ("application/x-subrip", "public, max-age=3600"),
        ["episodes/welcome/transcript.json"] = ("application/json", "public, max-age=3600"),
        ["episodes/welcome/index.html"] = ("text/html", "public, max-age=300"),
    };

    [Fact]
    public void TheBucketEndsWithExactlyTheShowsPublicFilesServedWithTheirTypes()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);
        // What must never leave the laptop, whatever lands in the folder.
        File.WriteAllText(Path.Combine(show.Root, "episodes", "welcome", "transcript.words.json"), "{}");
        File.WriteAllText(Path.Combine(show.Root, "feed.xml.1234abcd.42.podcast-tmp"), "half a feed");
        File.WriteAllText(Path.Combine(show.Root, "notes-to-self.txt"), "private");
        Assert.True(File.Exists(Path.Combine(show.Root, "episodes", "welcome", "generated.json")));

        var result = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(WelcomeShow.Keys.Select(k => Prefix + k).Order(StringComparer.Ordinal), s3.Objects().Keys.Order(StringComparer.Ordinal));
        foreach (var (key, (type, cache)) in WelcomeShow)
        {
            var served = s3.Get(Prefix + key);
            Assert.Equal(File.ReadAllBytes(Path.Combine(show.Root, key)), served.Bytes);
            Assert.Equal(type, served.ContentType);
            Assert.Equal(cache, served.CacheControl);
        }
    }

    [Fact]
    public void ASecondDeployUploadsNothing()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);
        var first = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To, "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var before = s3.Objects();

        var second = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To, "--json");

        Assert.True(second.ExitCode == 0, second.Stderr);
        using (var json = JsonDocument.Parse(first.Stdout))
            Assert.Equal(WelcomeShow.Count, json.RootElement.GetProperty("uploaded").GetArrayLength());
        using (var json = JsonDocument.Parse(second.Stdout))
        {
            Assert.Equal(0, json.RootElement.GetProperty("uploaded").GetArrayLength());
            Assert.Equal(WelcomeShow.Count, json.RootElement.GetProperty("unchanged").GetInt32());
        }

        Assert.DoesNotContain("upload ", second.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, s3.Objects());
    }

    [Fact]
    public void ADryRunListsTheUploadsAndChangesNothing()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);

        var result = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To, "--dry-run");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Empty(s3.Objects());
        foreach (var key in WelcomeShow.Keys)
            Assert.Contains($"would upload {Prefix}{key} ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void KillingTheServerMidUploadLeavesTheOldFeedAndTheRerunCompletes()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);
        var first = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var oldFeed = s3.Get(Prefix + "feed.xml").Bytes;
        PublishSecondEpisode(show);
        // A 3000 px cover of noise is ~27 MB: it goes up first, and takes long enough for the kill to land inside it.
        WriteNoiseCover(Path.Combine(show.Root, "cover.png"));

        var killed = false;
        var interrupted = PodcastCli.RunWatching(s3.Environment(), line =>
        {
            if (!killed && line.StartsWith($"upload {Prefix}cover.png", StringComparison.Ordinal))
            {
                killed = true;
                s3.Kill();
            }
        }, "deploy", show.Root, "--to", To);

        Assert.True(killed, interrupted.Stderr);
        BadInputTests.AssertOneLineError(interrupted, ExitCode.DeployFailed, "feed.xml not replaced", Prefix + "cover.png");
        s3.Restart();
        Assert.Equal(oldFeed, s3.Get(Prefix + "feed.xml").Bytes);

        var rerun = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To);

        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Equal(File.ReadAllBytes(show.FeedFile), s3.Get(Prefix + "feed.xml").Bytes);
        Assert.Equal(File.ReadAllBytes(Path.Combine(show.Root, "cover.png")), s3.Get(Prefix + "cover.png").Bytes);
        Assert.Equal(WelcomeShow.Count + 5, s3.Objects().Count);
        Assert.Equal(File.ReadAllBytes(Path.Combine(show.Root, "episodes", "second", "second.mp3")), s3.Get(Prefix + "episodes/second/second.mp3").Bytes);
    }

    [Fact]
    public void AnUnpublishedEpisodesObjectsAreDeletedAfterTheNewFeedIsUp()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);
        PublishSecondEpisode(show);
        var first = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(5, s3.Objects().Keys.Count(k => k.StartsWith(Prefix + "episodes/second/", StringComparison.Ordinal)));
        var unpublished = PodcastCli.Run("unpublish", "second", "--show", show.Root);
        Assert.True(unpublished.ExitCode == 0, unpublished.Stderr);

        var result = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = result.Stderr.Split('\n');
        var feedAt = Array.FindIndex(lines, l => l.StartsWith($"upload {Prefix}feed.xml ", StringComparison.Ordinal));
        var deletes = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("delete ", StringComparison.Ordinal)).ToList();
        Assert.True(feedAt >= 0, result.Stderr);
        Assert.Equal(5, deletes.Count);
        Assert.All(deletes, d => Assert.True(d.i > feedAt, $"{d.l} came before the new feed:\n{result.Stderr}"));
        Assert.Equal(WelcomeShow.Keys.Select(k => Prefix + k).Order(StringComparer.Ordinal), s3.Objects().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(show.FeedFile), s3.Get(Prefix + "feed.xml").Bytes);
        Assert.DoesNotContain("episodes/second/", System.Text.Encoding.UTF8.GetString(s3.Get(Prefix + "feed.xml").Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void AnObjectOutsideTheEpisodesIsNeverDeleted()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);
        s3.Put(Prefix + "robots.txt", "User-agent: *");
        s3.Put("other-show/episodes/x/x.mp3", "not ours");

        var result = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", To);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains(Prefix + "robots.txt", s3.Objects().Keys);
        Assert.Contains("other-show/episodes/x/x.mp3", s3.Objects().Keys);
    }

    [Fact]
    public void BadCredentialsGiveOneClearLineAndANonZeroExit()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);

        var result = PodcastCli.Run(s3.Environment(accessKey: "AKIANOTAKEY"), "deploy", show.Root, "--to", To);

        BadInputTests.AssertOneLineError(result, ExitCode.DeployFailed, "refused the credentials", "InvalidAccessKeyId");
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(s3.Objects());
    }

    [Fact]
    public void AnUnknownBucketGivesOneClearLineAndANonZeroExit()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);

        var result = PodcastCli.Run(s3.Environment(), "deploy", show.Root, "--to", "s3://no-such-bucket/show");

        BadInputTests.AssertOneLineError(result, ExitCode.DeployFailed, "no bucket \"no-such-bucket\"", s3.Endpoint.AbsoluteUri);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void NoCredentialsAtAllGiveOneClearLine()
    {
        using var show = new TempShow();
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);
        var environment = s3.Environment(accessKey: null);
        environment["AWS_SECRET_ACCESS_KEY"] = null;

        var result = PodcastCli.Run(environment, "deploy", show.Root, "--to", To);

        BadInputTests.AssertOneLineError(result, ExitCode.DeployFailed, "no credentials", "AWS_ACCESS_KEY_ID");
        Assert.Empty(s3.Objects());
    }

    [Fact]
    public void HubsAndPodpingHearOfANewFeedAndNotOfAnUnchangedOne()
    {
        using var hub = new LocalHub();
        using var show = new TempShow(ShowYmlWith(hub.Url("/hub"), hub.Url("/podping")));
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);
        Assert.Contains($"<atom:link href=\"{hub.Url("/hub").AbsoluteUri}\" rel=\"hub\" />", File.ReadAllText(show.FeedFile), StringComparison.Ordinal);
        var environment = s3.Environment();
        environment["PODPING_TOKEN"] = "test-token";

        var result = PodcastCli.Run(environment, "deploy", show.Root);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains(Prefix + "feed.xml", s3.Objects().Keys);
        var requests = hub.Requests.ToList();
        Assert.Equal(2, requests.Count);
        var websub = Assert.Single(requests, r => r.Path == "/hub");
        Assert.Equal("POST", websub.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", websub.ContentType, StringComparison.Ordinal);
        var form = websub.Body.Split('&').Select(p => p.Split('=')).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
        Assert.Equal(new Dictionary<string, string> { ["hub.mode"] = "publish", ["hub.url"] = FeedUrl }, form);
        var podping = Assert.Single(requests, r => r.Path == "/podping");
        Assert.Equal("GET", podping.Method);
        Assert.Contains("url=" + Uri.EscapeDataString(FeedUrl), podping.Query, StringComparison.Ordinal);
        Assert.Equal("test-token", podping.Authorization);

        var again = PodcastCli.Run(environment, "deploy", show.Root);

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(2, hub.Requests.Count);
    }

    [Fact]
    public void AFailedPingIsAWarningAndTheDeployStillSucceeds()
    {
        using var hub = new LocalHub { Status = HttpStatusCode.InternalServerError };
        using var show = new TempShow(ShowYmlWith(hub.Url("/hub"), new Uri("http://127.0.0.1:9/podping")));
        using var s3 = S3Server.Beside(show);
        BadInputTests.SeedOneEpisode(show);

        var result = PodcastCli.Run(s3.Environment(), "deploy", show.Root);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(File.ReadAllBytes(show.FeedFile), s3.Get(Prefix + "feed.xml").Bytes);
        Assert.Contains($"podcast: warning: WebSub hub {hub.Url("/hub").AbsoluteUri} answered 500", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("podcast: warning: Podping http://127.0.0.1:9/podping could not be reached", result.Stderr, StringComparison.Ordinal);
        Assert.Single(hub.Requests);
    }

    /// <summary>The committed show.yml with a deploy: block naming the bucket, a hub and a Podping endpoint.</summary>
    private static string ShowYmlWith(Uri hub, Uri podping) =>
        File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml")) + $"""
            deploy:
              to: {To}
              region: us-east-1
              hubs:
                - {hub.AbsoluteUri}
              podping: {podping.AbsoluteUri}

            """;

    /// <summary>A second episode, "second", from a copy of the sample whose bytes (and so whose guid) differ.</summary>
    private static void PublishSecondEpisode(TempShow show)
    {
        var recording = Path.Combine(Path.GetDirectoryName(show.Root)!, "second.mp3");
        File.WriteAllBytes(recording, [.. File.ReadAllBytes(Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.mp3")), .. new byte[1000]]);
        var published = PodcastCli.Run("publish", recording, "--show", show.Root, "--transcript", BadInputTests.SampleTranscript, "--title", "Second");
        Assert.True(published.ExitCode == 0, published.Stderr);
    }

    private static void WriteNoiseCover(string path)
    {
        using var bitmap = new SKBitmap(3000, 3000, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var pixels = new byte[bitmap.ByteCount];
        new Random(20).NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
            pixels[i] = 255;
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }
}
