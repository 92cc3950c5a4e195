using Podcast.Mastering;
using Podcast.Tests.Support;

namespace Podcast.Tests.Mastering;

/// <summary>The meter's algorithm against the values BS.1770-4 itself states.</summary>
public sealed class LoudnessMeterTests
{
    [Fact]
    public void TheKWeightingAt48kHzIsTheStandardsPublishedTable()
    {
        var pre = KWeighting.PreFilter(48000);
        var hp = KWeighting.HighPass(48000);

        Assert.Equal(1.53512485958697, pre.B0, 1e-8);
        Assert.Equal(-2.69169618940638, pre.B1, 1e-8);
        Assert.Equal(1.19839281085285, pre.B2, 1e-8);
        Assert.Equal(-1.69065929318241, pre.A1, 1e-8);
        Assert.Equal(0.73248077421585, pre.A2, 1e-8);
        Assert.Equal(-1.99004745483398, hp.A1, 1e-8);
        Assert.Equal(0.99007225036621, hp.A2, 1e-8);
    }

    [Theory]
    [InlineData(48000, 0.01)]
    [InlineData(44100, 0.01)]
    [InlineData(96000, 0.02)]
    [InlineData(16000, 0.06)] // the bilinear transform bends the shelf at low rates; ffmpeg's filter bends the same way
    public void AFullScale1kHzSineOnOneChannelReadsMinus3Lufs(int rate, double tolerance)
    {
        // BS.1770-4 section 2.1: a 0 dBFS 1 kHz sine in one channel measures -3.01 LKFS.
        var report = Measure(rate, 1, Signals.Sine(rate, 1, 5, 1000, 1.0));

        Assert.Equal(-3.01, report.IntegratedLufs, tolerance);
    }

    [Fact]
    public void TwoEqualChannelsAreThreeLuLouderThanOne()
    {
        var mono = Measure(48000, 1, Signals.Sine(48000, 1, 5, 1000, 0.25));
        var stereo = Measure(48000, 2, Signals.Sine(48000, 2, 5, 1000, 0.25));

        Assert.Equal(mono.IntegratedLufs + 3.01, stereo.IntegratedLufs, 0.01);
    }

    [Fact]
    public void SilenceIsGatedOutOfTheIntegratedLoudness()
    {
        // Long enough that the three gating blocks straddling each edge (partly tone, partly silence) weigh little.
        var tone = Signals.Sine(48000, 1, 60, 1000, 0.1);
        var alone = Measure(48000, 1, tone);
        var withSilence = Measure(48000, 1, Signals.Concat(Signals.Silence(48000, 1, 20), tone, Signals.Silence(48000, 1, 20)));

        Assert.Equal(alone.IntegratedLufs, withSilence.IntegratedLufs, 0.05);
    }

    [Fact]
    public void PassagesMoreThan10LuBelowTheProgrammeAreGatedOut()
    {
        var loud = Signals.Sine(48000, 1, 10, 1000, 0.5);
        var quiet = Signals.Sine(48000, 1, 10, 1000, 0.5 / 100); // -40 dB: above the absolute gate, below the relative one
        var report = Measure(48000, 1, Signals.Concat(loud, quiet));

        Assert.Equal(Measure(48000, 1, loud).IntegratedLufs, report.IntegratedLufs, 0.1);
    }

    [Fact]
    public void DigitalSilenceReadsTheAbsoluteGateAndNoPeak()
    {
        var report = Measure(44100, 2, Signals.Silence(44100, 2, 3));

        Assert.Equal(LoudnessMeter.AbsoluteGateLufs, report.IntegratedLufs);
        Assert.Equal(LoudnessMeter.SilenceDbtp, report.TruePeakDbtp);
        Assert.Equal(0, report.LoudnessRangeLu);
    }

    [Fact]
    public void TheTruePeakFindsThePeakBetweenSamples()
    {
        // A quarter-rate sine at 45 degrees: every sample sits at 0.707 of the wave's peak (-3 dB), the peak between them.
        var samples = Signals.Sine(48000, 1, 2, 12000, 0.5, Math.PI / 4);
        var report = Measure(48000, 1, samples);

        Assert.Equal(0.5f * MathF.Sqrt(0.5f), samples.Max(), 1e-3f);
        Assert.Equal(20 * Math.Log10(0.5), report.TruePeakDbtp, 0.3);
    }

    [Fact]
    public void LoudnessRangeOfTwoLevelsTenLuApartIsAboutTenLu()
    {
        var a = Signals.PinkNoise(48000, 1, 20, 0.5, seed: 3);
        var b = Signals.PinkNoise(48000, 1, 20, 0.5 / Math.Sqrt(10), seed: 4);
        var report = Measure(48000, 1, Signals.Concat(a, b));

        Assert.InRange(report.LoudnessRangeLu, 9.5, 10.5);
    }

    [Fact]
    public void BlockSizeDoesNotChangeTheResult()
    {
        var samples = Signals.Concat(Signals.PinkNoise(44100, 2, 4, 0.3), Signals.Sine(44100, 2, 3, 440, 0.2));
        var whole = Measure(44100, 2, samples);

        var meter = new LoudnessMeter(44100, 2);
        var sizes = new[] { 2, 6, 882, 10000, 2 * 4409 };
        for (int at = 0, i = 0; at < samples.Length; i++)
        {
            var take = Math.Min(sizes[i % sizes.Length], samples.Length - at);
            meter.Add(samples.AsSpan(at, take));
            at += take;
        }

        Assert.Equal(whole, meter.Report());
    }

    [Fact]
    public void PartialFramesAreRefused()
    {
        var meter = new LoudnessMeter(48000, 2);

        Assert.Throws<ArgumentException>(() => meter.Add(new float[3]));
    }

    private static LoudnessReport Measure(int rate, int channels, float[] samples)
    {
        var meter = new LoudnessMeter(rate, channels);
        meter.Add(samples);
        return meter.Report();
    }
}
