using Podcast.Shows;
using Podcast.Tests.Support;

namespace Podcast.Tests.Shows;

/// <summary>show.yml's deploy: block: what it may say, and that credentials are refused there with where they belong.</summary>
public sealed class ShowFileDeployTests
{
    private static string Committed => File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml"));

    [Fact]
    public void TheDeployBlockGivesTheBucketPrefixEndpointRegionHubsAndPodping()
    {
        var show = Load(Committed + """
            deploy:
              to: s3://my-bucket/shows/deeply-talks/
              endpoint: https://abc.r2.cloudflarestorage.com
              region: auto
              hubs:
                - https://pubsubhubbub.appspot.com/
              podping: https://podping.cloud/

            """);

        Assert.Equal(new S3Location("my-bucket", "shows/deeply-talks/"), show.Deploy.To);
        Assert.Equal(new Uri("https://abc.r2.cloudflarestorage.com"), show.Deploy.Endpoint);
        Assert.Equal("auto", show.Deploy.Region);
        Assert.Equal([new Uri("https://pubsubhubbub.appspot.com/")], show.Deploy.Hubs);
        Assert.Equal(new Uri("https://podping.cloud/"), show.Deploy.Podping);
    }

    [Fact]
    public void AShowWithoutADeployBlockHasNoTargetAndNoHubs()
    {
        var show = Load(Committed);

        Assert.Same(ShowDeploy.None, show.Deploy);
    }

    [Theory]
    [InlineData("accessKeyId: AKIAEXAMPLE")]
    [InlineData("secretAccessKey: hunter2")]
    [InlineData("aws_secret_access_key: hunter2")]
    [InlineData("sessionToken: abc")]
    public void CredentialsInShowYmlAreRefusedWithWhereTheyBelong(string line)
    {
        var error = Assert.Throws<PodcastException>(() => Load(Committed + $"deploy:\n  to: s3://b/p\n  {line}\n"));

        Assert.Equal(ExitCode.ShowInvalid, error.Code);
        Assert.Contains("credentials never go in show.yml", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  to: my-bucket/p", "deploy.to")]
    [InlineData("  to: s3://b/../p", "deploy.to")]
    [InlineData("  endpoint: ftp://example.org", "deploy.endpoint")]
    [InlineData("  hubs:\n    - not a url", "deploy.hubs")]
    [InlineData("  region: Us East", "deploy.region")]
    [InlineData("  bukcet: b", "deploy.bukcet")]
    public void ABadDeployKeyIsRefusedNamingTheFieldAndLine(string body, string field)
    {
        var error = Assert.Throws<PodcastException>(() => Load(Committed + "deploy:\n" + body + "\n"));

        Assert.Equal(ExitCode.ShowInvalid, error.Code);
        Assert.Contains($"\"{field}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("line ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3://bucket", "bucket", "")]
    [InlineData("s3://bucket/", "bucket", "")]
    [InlineData("s3://bucket/a/b", "bucket", "a/b/")]
    [InlineData("s3://bucket/a/b/", "bucket", "a/b/")]
    public void AnS3UrlGivesTheBucketAndAPrefixEndingInASlash(string text, string bucket, string prefix)
    {
        Assert.Equal(new S3Location(bucket, prefix), S3Location.TryParse(text));
    }

    private static Show Load(string yaml)
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "show.yml"), yaml);
        return ShowFile.Load(new ShowFolder(dir.Path));
    }
}
