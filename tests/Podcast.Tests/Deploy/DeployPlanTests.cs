using Podcast.Deploy;
using Podcast.Shows;

namespace Podcast.Tests.Deploy;

/// <summary>The order a deploy keeps and where its settings come from, without a server.</summary>
public sealed class DeployPlanTests
{
    private static readonly S3Location Location = new("bucket", "show/");
    private static readonly FileHashes AnyHashes = new("00", "AA==", "00");

    [Fact]
    public void EverythingTheFeedPointsToGoesBeforeItAndTheFeedGoesLast()
    {
        PublicFile[] files =
        [
            new("feed.xml", "/f/feed.xml", DeployPhase.Feed),
            new("index.html", "/f/index.html", DeployPhase.Page),
            new("episodes/a/index.html", "/f/a.html", DeployPhase.Page),
            new("episodes/a/transcript.vtt", "/f/a.vtt", DeployPhase.Text),
            new("episodes/a/chapters.json", "/f/a.json", DeployPhase.Text),
            new("episodes/a/a.mp3", "/f/a.mp3", DeployPhase.Media),
            new("cover.png", "/f/cover.png", DeployPhase.Media),
        ];

        var plan = DeployPlan.Make(Location, [.. files.Select(f => (f, AnyHashes))], 0, [], files);

        Assert.Equal(
            ["show/cover.png", "show/episodes/a/a.mp3", "show/episodes/a/chapters.json", "show/episodes/a/transcript.vtt", "show/episodes/a/index.html", "show/index.html", "show/feed.xml"],
            plan.Uploads.Select(u => u.Key));
        Assert.Equal(["audio/mpeg", "application/json", "text/vtt", "text/html"], plan.Uploads.Skip(1).Take(4).Select(u => u.ContentType).Distinct());
    }

    [Fact]
    public void OnlyObjectsUnderTheShowsEpisodesThatNoFileHasAnyMoreAreDeleted()
    {
        PublicFile[] files = [new("feed.xml", "/f/feed.xml", DeployPhase.Feed), new("episodes/kept/kept.mp3", "/f/kept.mp3", DeployPhase.Media)];
        string[] stored = ["show/feed.xml", "show/episodes/kept/kept.mp3", "show/episodes/gone/gone.mp3", "show/episodes/gone/index.html", "show/robots.txt", "show/old-cover.png", "showcase/episodes/x/x.mp3"];

        var plan = DeployPlan.Make(Location, [], files.Length, stored, files);

        Assert.Empty(plan.Uploads);
        Assert.Equal(["show/episodes/gone/gone.mp3", "show/episodes/gone/index.html"], plan.Deletes);
    }

    [Fact]
    public void TheFlagBeatsTheEnvironmentWhichBeatsShowYml()
    {
        var fromShow = new ShowDeploy { To = new S3Location("yml-bucket", ""), Endpoint = new Uri("https://yml.example.org"), Region = "yml-region" };
        var environment = new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = "https://generic.example.org", ["AWS_ENDPOINT_URL_S3"] = "https://s3.example.org", ["AWS_REGION"] = "env-region" };

        var flags = DeployTarget.Resolve(fromShow, new S3Location("flag-bucket", ""), new Uri("https://flag.example.org"), "flag-region", environment.GetValueOrDefault);
        var env = DeployTarget.Resolve(fromShow, null, null, null, environment.GetValueOrDefault);
        var genericOnly = DeployTarget.Resolve(fromShow, null, null, null, new Dictionary<string, string?> { ["AWS_ENDPOINT_URL"] = "https://generic.example.org" }.GetValueOrDefault);
        var yml = DeployTarget.Resolve(fromShow, null, null, null, _ => null);

        Assert.Equal(new DeployTarget(new S3Location("flag-bucket", ""), new Uri("https://flag.example.org"), "flag-region"), flags);
        Assert.Equal(new DeployTarget(new S3Location("yml-bucket", ""), new Uri("https://s3.example.org"), "env-region"), env);
        Assert.Equal(new Uri("https://generic.example.org"), genericOnly.Endpoint);
        Assert.Equal(new DeployTarget(new S3Location("yml-bucket", ""), new Uri("https://yml.example.org"), "yml-region"), yml);
    }

    [Fact]
    public void NoDestinationAnywhereIsAUsageError()
    {
        var error = Assert.Throws<PodcastException>(() => DeployTarget.Resolve(ShowDeploy.None, null, null, null, _ => null));

        Assert.Equal(ExitCode.Usage, error.Code);
        Assert.Contains("--to s3://bucket/prefix", error.Message, StringComparison.Ordinal);
    }
}
