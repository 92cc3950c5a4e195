using Podcast.Mastering;

namespace Podcast.Tests.Mastering;

/// <summary>The prediction of a whole file's largest peak from the peaks of some of its stretches.</summary>
public sealed class PeakOvershootTests
{
    [Fact]
    public void TheLargestOfAnHoursStretchesStaysUnderThePredictionFromTwoDozenOfThemNineteenTimesInTwenty()
    {
        // Stretch peaks drawn from a Gumbel distribution (what the largest of many samples follows), in dB.
        var random = new Random(11);
        double Peak() => -0.2 + (0.15 * -Math.Log(-Math.Log(random.NextDouble())));
        const int Trials = 2000;
        const int Stretches = 360;
        var held = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            var measured = Enumerable.Range(0, 24).Select(_ => Peak()).ToList();
            var largest = Enumerable.Range(0, Stretches).Select(_ => Peak()).Max();
            if (largest <= PeakOvershoot.OfLargest(measured, Stretches))
                held++;
        }

        Assert.InRange(held / (double)Trials, 0.92, 0.98);
    }

    [Fact]
    public void ThePredictionIsNeverBelowTheLargestPeakMeasured()
    {
        Assert.Equal(0.5, PeakOvershoot.OfLargest([0.5, 0.5, 0.5], 1000));
        Assert.True(PeakOvershoot.OfLargest([0.1, 0.9, 0.2], 3) >= 0.9);
    }
}
