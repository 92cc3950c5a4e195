using Podcast.Mastering;

namespace Podcast.Tests.Mastering;

/// <summary>Which frames a mastering rehearsal limits (and, the first time, encodes).</summary>
public sealed class ExcerptPlanTests
{
    [Theory]
    [InlineData(3600, 44100)]
    [InlineData(10835, 44100)]
    [InlineData(637, 48000)]
    public void ALongRecordingIsSampledInTenSecondStretchesSpreadOverIt(double seconds, int rate)
    {
        var (taken, starts) = Walk(new ExcerptPlan(TimeSpan.FromSeconds(seconds), rate, LameMastering.RehearsalStretches), seconds, rate);

        Assert.Equal(LameMastering.RehearsalStretches * (long)(ExcerptPlan.Seconds * rate), taken);
        Assert.Equal(LameMastering.RehearsalStretches, starts.Count);
        Assert.Equal(0, starts[0]);
        Assert.True(starts[^1] > seconds * rate * 0.9, $"the last excerpt starts at {starts[^1] / (double)rate:0.0} s of {seconds} s");
    }

    [Fact]
    public void ARecordingShorterThanTheExcerptsIsTakenWhole()
    {
        const int rate = 16000;
        var (taken, starts) = Walk(new ExcerptPlan(TimeSpan.FromSeconds(212.5), rate, LameMastering.RehearsalStretches), 212.5, rate);

        Assert.Equal((long)(212.5 * rate), taken);
        Assert.Single(starts);
    }

    /// <summary>Reads the plan the way a rehearsal does, a tenth of a second at a time: frames taken and where each run of them starts.</summary>
    private static (long Taken, List<long> Starts) Walk(ExcerptPlan plan, double seconds, int rate)
    {
        var total = (long)(seconds * rate);
        long taken = 0;
        long lastTaken = -2;
        var starts = new List<long>();
        for (long at = 0; at < total; at += rate / 10)
        {
            var frames = (int)Math.Min(rate / 10, total - at);
            var (from, to) = plan.Within(at, frames);
            Assert.InRange(from, 0, frames);
            Assert.InRange(to, from, frames);
            if (to > from)
            {
                if (at + from != lastTaken + 1)
                    starts.Add(at + from);
                lastTaken = at + to - 1;
                taken += to - from;
            }
        }

        return (taken, starts);
    }
}
