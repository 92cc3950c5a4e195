using NWaves.FeatureExtractors;
using NWaves.FeatureExtractors.Options;
using Podcast.Decoding;
using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// Describes windows of speech by their mean MFCCs (NWaves) and their median pitch. MFCC means capture the shape of a
/// vocal tract and the line it came through; pitch separates voices of one timbre. c0 (loudness) is left out so that
/// the same person speaking louder stays the same voice. (MFCC variances were tried and dropped: over a few seconds
/// they follow what is said more than who says it, and made clustering worse on every call in the benchmark.)
/// </summary>
internal static class VoiceFeatures
{
    public const int SampleRate = 16000;
    private const int Coefficients = 20;
    private const double FrameSeconds = 0.025;
    private const double HopSeconds = 0.010;
    private const double PitchWeight = 6;

    /// <summary>Samples a pitch is measured over: 40 ms holds two periods of a 60 Hz voice.</summary>
    private const int PitchFrame = 640;

    /// <summary>
    /// How much each standardised dimension counts in a distance: the MFCC means one each, the pitch as much as six of
    /// them. Pitch is the one cue that tells apart two voices with the same timbre (the same synthesiser voice, or
    /// two people on the same phone line), and 19 MFCC dimensions would otherwise drown it.
    /// </summary>
    public static double[] Weights(int dims)
    {
        var weights = Enumerable.Repeat(1.0, dims).ToArray();
        weights[^1] = PitchWeight;
        return weights;
    }

    /// <summary>Windows of <paramref name="length"/> every <paramref name="hop"/> inside each region; a region shorter than one window gives one window of its own length.</summary>
    public static IReadOnlyList<VoiceWindow> Windows(ISampleSource samples, IReadOnlyList<SpeechRegion> regions, TimeSpan length, TimeSpan hop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(regions);
        var extractor = new MfccExtractor(new MfccOptions
        {
            SamplingRate = SampleRate,
            FeatureCount = Coefficients,
            FrameDuration = FrameSeconds,
            HopDuration = HopSeconds,
            FilterBankSize = 40,
            LowFrequency = 60,
            HighFrequency = 7600,
            PreEmphasis = 0.97,
        });
        var frameSize = (int)(FrameSeconds * SampleRate);
        var windows = new List<VoiceWindow>();
        foreach (var region in regions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Math.Clamp((int)(region.Start.TotalSeconds * SampleRate), 0, samples.Length);
            var end = Math.Clamp((int)(region.End.TotalSeconds * SampleRate), 0, samples.Length);
            if (end - start < frameSize * 10)
                continue;
            // The region alone is read, with the 40 ms a pitch frame may reach past its end.
            var heard = samples.Read(start, end - start + PitchFrame);
            var mfcc = extractor.ComputeFrom(heard, 0, end - start);
            var loudness = FrameLoudness(heard, 0, mfcc.Count, frameSize);
            var framesPerWindow = Math.Max(1, (int)(length.TotalSeconds / HopSeconds));
            var framesPerHop = Math.Max(1, (int)(hop.TotalSeconds / HopSeconds));
            for (var first = 0; first < mfcc.Count; first += framesPerHop)
            {
                var last = Math.Min(mfcc.Count, first + framesPerWindow);
                // A short tail is already covered by the previous window; keep it only if it is the region's only window.
                if (first > 0 && last - first < framesPerWindow / 2)
                    break;
                var features = Describe(mfcc, loudness, first, last, heard, 0);
                if (features is not null)
                {
                    var t0 = TimeSpan.FromSeconds((start / (double)SampleRate) + (first * HopSeconds));
                    var t1 = TimeSpan.FromSeconds((start / (double)SampleRate) + (last * HopSeconds) + FrameSeconds);
                    windows.Add(new VoiceWindow(t0, t1 < region.End ? t1 : region.End, features));
                }

                if (last == mfcc.Count)
                    break;
            }
        }

        return windows;
    }

    private static double[] FrameLoudness(float[] samples, int start, int frames, int frameSize)
    {
        var hop = (int)(HopSeconds * SampleRate);
        var loudness = new double[frames];
        for (var f = 0; f < frames; f++)
        {
            var sum = 0.0;
            var from = start + (f * hop);
            var to = Math.Min(samples.Length, from + frameSize);
            for (var i = from; i < to; i++)
                sum += samples[i] * samples[i];
            loudness[f] = 10 * Math.Log10((sum / Math.Max(1, to - from)) + 1e-10);
        }

        return loudness;
    }

    /// <summary>Mean of c1..c19 over the voiced frames of a window, then their median pitch; null when the window is all pauses.</summary>
    private static double[]? Describe(List<float[]> mfcc, double[] loudness, int first, int last, float[] samples, int regionStart)
    {
        var peak = double.MinValue;
        for (var f = first; f < last; f++)
            peak = Math.Max(peak, loudness[f]);
        // Pauses between words carry the line's noise, not the voice.
        var kept = Enumerable.Range(first, last - first).Where(f => loudness[f] > peak - 25).ToList();
        if (kept.Count < 10)
            return null;
        const int dims = Coefficients - 1;
        var features = new double[dims + 1];
        foreach (var f in kept)
        {
            for (var d = 0; d < dims; d++)
                features[d] += mfcc[f][d + 1] / kept.Count;
        }

        features[^1] = MedianPitch(samples, regionStart, kept);
        return features;
    }

    /// <summary>Median fundamental frequency (log2 Hz) of the loud frames, by autocorrelation between 60 and 400 Hz.</summary>
    private static double MedianPitch(float[] samples, int regionStart, List<int> frames)
    {
        var hop = (int)(HopSeconds * SampleRate);
        var pitches = new List<double>();
        for (var k = 0; k < frames.Count; k += 2)
        {
            var from = regionStart + (frames[k] * hop);
            if (from + PitchFrame > samples.Length)
                break;
            var pitch = NWaves.Features.Pitch.FromAutoCorrelation(samples, SampleRate, from, from + PitchFrame, 60, 400);
            if (pitch > 0)
                pitches.Add(Math.Log2(pitch));
        }

        if (pitches.Count == 0)
            return 7;
        pitches.Sort();
        return pitches[pitches.Count / 2];
    }
}
