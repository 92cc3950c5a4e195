using System.Diagnostics;
using Podcast.Tests.Support;

namespace Podcast.Tests.Reliability;

/// <summary>Two producers publishing into one show at once.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task TwoConcurrentPublishesOfDifferentEpisodesBothEndUpInTheFeed()
    {
        for (var round = 0; round < 3; round++)
        {
            using var show = new TempShow();
            var transcript = BadInputTests.SampleTranscript;
            var first = Task.Run(() => PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", show.Root, "--transcript", transcript));
            var second = Task.Run(() => PodcastCli.Run("publish", Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.mp3"), "--show", show.Root, "--transcript", transcript));
            var results = await Task.WhenAll(first, second);

            Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
            Assert.Equal(2, FeedAssert.IsCompleteAndValid(show.Root).Count);
            Assert.False(File.Exists(Path.Combine(show.Root, ".publish.lock")));
        }
    }

    [Fact]
    public void AStaleLockLeftByADeadProcessIsTakenOver()
    {
        using var show = new TempShow();
        using var dead = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        dead.WaitForExit();
        File.WriteAllText(Path.Combine(show.Root, ".publish.lock"), dead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", show.Root, "--transcript", BadInputTests.SampleTranscript);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Single(FeedAssert.IsCompleteAndValid(show.Root));
    }
}
