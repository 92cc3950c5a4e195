using System.Diagnostics;
using Podcast.Tests.Support;

namespace Podcast.Tests.Reliability;

/// <summary>
/// SIGKILL at many moments of a publish: the feed a subscriber downloads must stay valid and complete every time,
/// and running publish again must complete the episode.
/// </summary>
public sealed class KillTests
{
    private const int KillPoints = 30;
    private const int MaxAttempts = 80;
    private const string Slug = "killed-and-resumed";

    [Fact]
    public void KillingPublishAtThirtyMomentsLeavesTheFeedValidAndARerunCompletesTheEpisode()
    {
        using var show = new TempShow();
        BadInputTests.SeedOneEpisode(show);
        string[] args = ["publish", Fixtures.JfkMp3, "--show", show.Root, "--transcript", BadInputTests.SampleTranscript, "--title", "Killed and resumed"];
        var duration = TimeSpan.Zero;

        var kills = new List<double>();
        for (var attempt = 0; attempt < MaxAttempts && kills.Count < KillPoints; attempt++)
        {
            // Kill points sweep the whole run, scaled by how long an uninterrupted publish took most recently.
            var fraction = ((attempt * 0.618034) % 1.0) * 1.1;
            if (duration > TimeSpan.Zero && PodcastCli.StartAndKill(duration * fraction, args))
            {
                kills.Add(fraction);
                var guids = FeedAssert.IsCompleteAndValid(show.Root);
                Assert.InRange(guids.Count, 1, 2);
            }

            var clock = Stopwatch.StartNew();
            var rerun = PodcastCli.Run(args);
            duration = clock.Elapsed;
            Assert.True(rerun.ExitCode == 0, $"rerun after a kill at {fraction:P0} of the run: {rerun.Stderr}");
            Assert.Equal(2, FeedAssert.IsCompleteAndValid(show.Root).Count);
            Assert.Empty(Directory.EnumerateFiles(show.Root, "*.podcast-tmp", SearchOption.AllDirectories));
            Assert.Equal(2, Directory.GetDirectories(Path.Combine(show.Root, "episodes")).Length);

            // Back to one episode, so the next kill interrupts a first publish rather than a republish.
            Directory.Delete(Path.Combine(show.Root, "episodes", Slug), recursive: true);
            BadInputTests.SeedOneEpisode(show);
        }

        Assert.True(kills.Count >= KillPoints, $"only {kills.Count} kills landed before publish finished in {MaxAttempts} attempts");
    }
}
