using Podcast.Tests.Support;

namespace Podcast.Tests.Reliability;

/// <summary>Hand-edited files: a show.yml with a wrong or missing field, a feed.xml that no longer parses.</summary>
public sealed class ShowAndFeedDamageTests
{
    private static readonly string ShowYml = File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml"));

    public static TheoryData<string, string, string> BrokenShows => new()
    {
        { ShowYml.Replace("title: Deeply Talks\n", string.Empty, StringComparison.Ordinal), "field \"title\" is missing", "line" },
        { ShowYml.Replace("explicit: false", "explicit: maybe", StringComparison.Ordinal), "field \"explicit\" must be true or false", LineOf("explicit:") },
        { ShowYml.Replace("category: News", "category: Newz", StringComparison.Ordinal), "not an Apple Podcasts category", LineOf("category:") },
        { ShowYml.Replace("language: en", "language: english!", StringComparison.Ordinal), "not an ISO 639 language code", LineOf("language:") },
        { ShowYml.Replace("email: editors@syriadeeply.org", "email: nobody", StringComparison.Ordinal), "not an email address", "owner.email" },
        { ShowYml.Replace("baseUrl: https://", "baseUrl: ftp://", StringComparison.Ordinal), "absolute http(s) URL", "baseUrl" },
        { ShowYml + "\n  bad: [indent\n", "line", "show.yml" },
    };

    private static string LineOf(string field) =>
        $"line {ShowYml.Split('\n').ToList().FindIndex(l => l.StartsWith(field, StringComparison.Ordinal)) + 1}:";

    [Theory]
    [MemberData(nameof(BrokenShows))]
    public void AShowYmlWithAWrongOrMissingFieldIsNamedWithItsLine(string yml, string message, string where)
    {
        using var show = new TempShow(yml);
        var before = show.Snapshot();

        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", show.Root, "--transcript", BadInputTests.SampleTranscript);

        BadInputTests.AssertOneLineError(result, ExitCode.ShowInvalid, message, where);
        Assert.Equal(before, show.Snapshot());
    }

    [Fact]
    public void AHandEditedFeedThatNoLongerParsesIsNotOverwritten()
    {
        using var show = new TempShow();
        BadInputTests.SeedOneEpisode(show);
        File.AppendAllText(show.FeedFile, "<item><title>half an edit</title>");
        var before = show.Snapshot();

        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", show.Root, "--transcript", BadInputTests.SampleTranscript);

        BadInputTests.AssertOneLineError(result, ExitCode.FeedInvalid, "move it aside and publish again", "feed.xml");
        Assert.Equal(before, show.Snapshot());
    }

    [Fact]
    public void AMissingShowFolderIsNamed()
    {
        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", Path.Combine(Path.GetTempPath(), "no-such-show-here"), "--transcript", BadInputTests.SampleTranscript);

        BadInputTests.AssertOneLineError(result, ExitCode.ShowInvalid, "no such show folder", "no-such-show-here");
    }
}
