using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using Podcast.Mastering;
using Podcast.Tests.Support;

namespace Podcast.Tests.Mastering;

/// <summary>The limiter's contract: peaks under the ceiling, nothing else touched, the output as long as the input.</summary>
public sealed class TruePeakLimiterTests
{
    [Fact]
    public void BurstsThatOvershootAreHeldUnderTheCeilingIncludingBetweenSamples()
    {
        // Quiet speech-like noise with loud bursts whose peaks fall between samples (a quarter-rate sine at 45 degrees).
        var bed = Signals.PinkNoise(48000, 2, 6, 0.2);
        var burst = Signals.Sine(48000, 2, 0.05, 12000, 0.9, Math.PI / 4);
        for (var at = 48000; at + burst.Length < bed.Length; at += 48000 * 2)
            burst.CopyTo(bed, at);

        var output = Limit(bed, 2, gainDb: 6, ceilingDbtp: -1);

        Assert.Equal(bed.Length, output.Length);
        var meter = new LoudnessMeter(48000, 2);
        meter.Add(output);
        Assert.InRange(meter.Report().TruePeakDbtp, -1.6, -0.95);
    }

    [Fact]
    public void BelowTheCeilingItIsJustTheGainWithNoDelay()
    {
        var input = Signals.Sine(44100, 1, 2, 440, 0.1);

        var output = Limit(input, 1, gainDb: 6, ceilingDbtp: -1);

        Assert.Equal(input.Length, output.Length);
        var gain = (float)Math.Pow(10, 6 / 20.0);
        for (var i = 0; i < input.Length; i++)
            Assert.Equal(input[i] * gain, output[i], 1e-6f);
    }

    [Fact]
    public void ALongLoudPassageIsHeldAtTheCeilingWithoutClipping()
    {
        var input = Signals.Sine(44100, 1, 3, 1000, 1.0);

        var output = Limit(input, 1, gainDb: 10, ceilingDbtp: -3);

        var ceiling = (float)Math.Pow(10, -3 / 20.0);
        Assert.True(output.Max(MathF.Abs) <= ceiling * 1.001f, $"peak {output.Max(MathF.Abs)} over {ceiling}");
        // In the steady middle the gain settles at exactly what the ceiling allows.
        Assert.Equal(ceiling, output.AsSpan(44100, 4410).ToArray().Max(), 0.01f);
    }

    [Fact]
    public void ADipHoldsTheCeilingLowerOnlyWhereItIs()
    {
        var input = Signals.Sine(44100, 1, 3, 1000, 1.0);
        IReadOnlyList<CeilingDip> dips = [new CeilingDip(44100, 44100 + 22050, 2)];

        var output = Limit(input, 1, gainDb: 10, ceilingDbtp: -3, dips);

        // Inside the dip the steady peak is 2 dB under the ceiling; well before and after it, at the ceiling.
        var ceiling = (float)Math.Pow(10, -3 / 20.0);
        Assert.Equal(ceiling * (float)Math.Pow(10, -2 / 20.0), output.AsSpan(44100 + 4410, 4410).ToArray().Max(), 0.01f);
        Assert.Equal(ceiling, output.AsSpan(22050, 4410).ToArray().Max(), 0.01f);
        Assert.Equal(ceiling, output.AsSpan(44100 + 22050 + 8820, 4410).ToArray().Max(), 0.01f);
        Assert.True(output.Max(MathF.Abs) <= ceiling * 1.001f);
    }

    [Fact]
    public void OverlappingDipsAreRefused()
    {
        var source = new RawSampleProvider(new float[100], WaveFormat.CreateIeeeFloatWaveFormat(44100, 1));

        Assert.Throws<ArgumentException>(() => new TruePeakLimiter(source, 0, -1, dips: [new CeilingDip(0, 50, 1), new CeilingDip(40, 60, 1)]));
    }

    private static float[] Limit(float[] input, int channels, double gainDb, double ceilingDbtp, IReadOnlyList<CeilingDip>? dips = null)
    {
        var source = new RawSampleProvider(input, WaveFormat.CreateIeeeFloatWaveFormat(channels == 2 ? 48000 : 44100, channels));
        var limiter = new TruePeakLimiter(source, gainDb, ceilingDbtp, dips: dips);
        var output = new List<float>();
        var buffer = new float[1000 * channels];
        int read;
        while ((read = limiter.Read(buffer, 0, buffer.Length)) > 0)
            output.AddRange(buffer.AsSpan(0, read));
        return [.. output];
    }

    /// <summary>Samples in memory, read in whatever pieces the reader asks for.</summary>
    private sealed class RawSampleProvider(float[] samples, WaveFormat format) : ISampleProvider
    {
        private int _at;

        public WaveFormat WaveFormat { get; } = format;

        public int Read(float[] buffer, int offset, int count)
        {
            var take = Math.Min(count, samples.Length - _at);
            Array.Copy(samples, _at, buffer, offset, take);
            _at += take;
            return take;
        }
    }
}
