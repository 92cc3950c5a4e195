using Podcast.Decoding;

namespace Podcast.Speakers;

/// <summary>
/// pyannote segmentation-3.0: 10 s of audio in, for each of 589 frames (every 270 samples, each 991 long) which of up
/// to three local speakers talk, at most two at once, as log-probabilities over 7 "powerset" classes. Local means the
/// speakers are numbered afresh in every window; the d-vectors (<see cref="DVectorEmbedder"/>) tie them together by voice.
/// </summary>
internal sealed class SpeakerSegmenter : IDisposable
{
    public const int WindowSamples = 160000;
    public const int Frames = 589;
    public const int FrameStep = 270;
    public const int FrameLength = 991;
    public const int Classes = 7;

    /// <summary>Which local speakers each powerset class means, as bits (A = 1, B = 2, C = 4).</summary>
    public static readonly byte[] Speakers = [0, 1, 2, 4, 1 | 2, 1 | 4, 2 | 4];

    /// <summary>Windows per model call: 4 x 10 s is 2.5 MB of input and keeps the call overhead small.</summary>
    public const int Batch = 4;

    private readonly OnnxModel _model;
    private readonly float[] _output = new float[Batch * Frames * Classes];

    public SpeakerSegmenter(string modelPath, int threads = 2) => _model = new OnnxModel(modelPath, "x", "y", threads);

    /// <summary>The log-probabilities of <paramref name="count"/> windows (<see cref="WindowSamples"/> each, in order in <paramref name="windows"/>), [count, 589, 7].</summary>
    public void LogProbabilities(Memory<float> windows, int count, Span<float> output) =>
        _model.Run(windows, [count, 1, WindowSamples], output);

    /// <summary>The most likely class of every frame of <paramref name="count"/> windows, 589 per window, into <paramref name="classes"/>.</summary>
    public void Classify(Memory<float> windows, int count, Span<byte> classes)
    {
        var output = _output.AsSpan(0, count * Frames * Classes);
        LogProbabilities(windows, count, output);
        for (var f = 0; f < count * Frames; f++)
        {
            var row = output.Slice(f * Classes, Classes);
            var best = 0;
            for (var c = 1; c < Classes; c++)
            {
                if (row[c] > row[best])
                    best = c;
            }

            classes[f] = (byte)best;
        }
    }

    /// <summary>The first sample of each 10 s window every <paramref name="step"/> samples; the last ends at the end of the recording (one window, padded, when it is shorter).</summary>
    public static long[] WindowStarts(long samples, int step)
    {
        if (samples <= WindowSamples)
            return [0];
        var starts = new List<long>();
        for (long s = 0; s + WindowSamples < samples; s += step)
            starts.Add(s);
        starts.Add(samples - WindowSamples);
        return [.. starts];
    }

    /// <summary>Reads one window of the recording into <paramref name="destination"/>, zeros past its end.</summary>
    public static void Read(ISampleSource source, long start, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        var available = (int)Math.Clamp(source.Length - start, 0, destination.Length);
        source.Read((int)start, destination[..available]);
        destination[available..].Clear();
    }

    public void Dispose() => _model.Dispose();
}
