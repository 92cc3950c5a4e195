using Podcast.Decoding;

namespace Podcast.Speakers;

/// <summary>
/// The d-vector speaker encoder (GE2E, VoxCeleb2): 80 frames of <see cref="LogMel"/> (0.82 s) in, 256 numbers out
/// that are close (by cosine) for one voice and far apart for two. Windows of 80 frames every 40 (0.4 s).
/// </summary>
internal sealed class DVectorEmbedder : IDisposable
{
    public const int WindowFrames = 80;
    public const int WindowHop = 40;
    public const int Dimensions = 256;

    /// <summary>Samples a window spans: 79 hops and one frame (0.82 s).</summary>
    public const int WindowSamples = ((WindowFrames - 1) * LogMel.Hop) + LogMel.FrameLength;

    /// <summary>Windows per model call: enough to amortise the call, small enough that a batch's input stays under 1 MB.</summary>
    public const int Batch = 64;

    private readonly OnnxModel _model;
    private readonly LogMel _mel = new();

    public DVectorEmbedder(string modelPath, int threads = 2) => _model = new OnnxModel(modelPath, "mel_window", "embedding", threads);

    /// <summary>How many windows a recording of <paramref name="samples"/> samples gives (at least one when it has a frame).</summary>
    public static int WindowCount(long samples)
    {
        var frames = LogMel.FrameCount(samples);
        return frames == 0 ? 0 : frames < WindowFrames ? 1 : 1 + ((frames - WindowFrames) / WindowHop);
    }

    /// <summary>The first sample of window <paramref name="window"/>.</summary>
    public static long WindowStart(int window) => (long)window * WindowHop * LogMel.Hop;

    /// <summary>
    /// Every window's d-vector, each L2-normalised, <see cref="Dimensions"/> floats per window in order. Frames are
    /// made a batch at a time, so memory holds one batch of them however long the recording is.
    /// </summary>
    public float[] EmbedAll(ISampleSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var embeddings = new float[(long)WindowCount(source.Length) * Dimensions];
        EmbedRange(source, 0, embeddings, cancellationToken);
        return embeddings;
    }

    /// <summary>
    /// The normalised d-vectors of the windows from <paramref name="first"/> on, as many as <paramref name="embeddings"/>
    /// holds (<see cref="Dimensions"/> floats each). Ranges are independent, so workers with an embedder each can
    /// share a recording between them.
    /// </summary>
    public void EmbedRange(ISampleSource source, int first, Span<float> embeddings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var windows = embeddings.Length / Dimensions;
        var frames = LogMel.FrameCount(source.Length);
        var mel = new float[(((Batch - 1) * WindowHop) + WindowFrames) * LogMel.Mels];
        var input = new float[Batch * WindowFrames * LogMel.Mels];
        for (var done = 0; done < windows; done += Batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(Batch, windows - done);
            var firstFrame = (first + done) * WindowHop;
            var frameCount = Math.Min(frames - firstFrame, ((count - 1) * WindowHop) + WindowFrames);
            Array.Clear(input);
            _mel.Compute(source, firstFrame, mel.AsSpan(0, frameCount * LogMel.Mels));
            for (var w = 0; w < count; w++)
            {
                // A clip shorter than one window is padded with zero rows, as the model's reference does.
                var from = w * WindowHop;
                var rows = Math.Min(WindowFrames, frameCount - from);
                mel.AsSpan(from * LogMel.Mels, rows * LogMel.Mels).CopyTo(input.AsSpan(w * WindowFrames * LogMel.Mels));
            }

            Embed(input.AsMemory(0, count * WindowFrames * LogMel.Mels), count, embeddings.Slice(done * Dimensions, count * Dimensions));
        }

        for (var w = 0; w < windows; w++)
            Vectors.Normalise(embeddings.Slice(w * Dimensions, Dimensions));
    }

    /// <summary>The raw (not normalised) embeddings of <paramref name="count"/> windows of 80 x 40 log-mel values.</summary>
    public void Embed(Memory<float> windows, int count, Span<float> embeddings) =>
        _model.Run(windows, [count, WindowFrames, LogMel.Mels], embeddings);

    /// <summary>One voice's d-vector for a whole clip, as the model's reference makes it: the mean of its windows' normalised d-vectors, normalised.</summary>
    public float[] EmbedClip(ISampleSource clip, CancellationToken cancellationToken)
    {
        var all = EmbedAll(clip, cancellationToken);
        var mean = new float[Dimensions];
        for (var w = 0; w < all.Length / Dimensions; w++)
            Vectors.Add(mean, all.AsSpan(w * Dimensions, Dimensions));
        Vectors.Normalise(mean);
        return mean;
    }

    public void Dispose() => _model.Dispose();
}
