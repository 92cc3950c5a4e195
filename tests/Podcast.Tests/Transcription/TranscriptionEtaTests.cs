using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

public sealed class TranscriptionEtaTests
{
    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);

    [Fact]
    public void ASlowFirstWindowDoesNotStretchTheTimeLeft()
    {
        // The first 5% takes 20 s, then every 5% takes 4 s: at 25%, 60 s are left (the whole rate would say 108 s).
        var eta = new TranscriptionEta();
        Assert.Null(eta.Left(0, Seconds(0)));
        Assert.Null(eta.Left(0.05, Seconds(20)));

        var left = eta.Left(0.25, Seconds(36));

        Assert.NotNull(left);
        Assert.Equal(60, left.Value.TotalSeconds, 0.001);
    }

    [Fact]
    public void NothingIsPromisedUntilSomeProgressFollowsTheFirstWindow()
    {
        var eta = new TranscriptionEta();
        eta.Left(0.05, Seconds(20));

        Assert.Null(eta.Left(0.06, Seconds(21)));
        Assert.Equal(TimeSpan.Zero, eta.Left(1, Seconds(60)));
    }
}
