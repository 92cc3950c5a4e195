using Podcast.Decoding;

namespace Podcast.Speakers;

/// <summary>
/// Who spoke when from the two neural models, as the models' reference pipeline does it: local speakers in 10 s
/// windows every second (segmentation), one d-vector per window and local speaker from the d-vectors lying in its
/// speech alone, Ward clustering of those into people, and each frame given the people most active there.
/// </summary>
internal sealed class NeuralDiarizer(SpeakerSegmenter segmenter, DVectorEmbedder embedder)
{
    private const int Step = 16000;
    private const int AloneFrames = 30; // 0.5 s of 270-sample frames
    private const double Inside = 0.8;

    public Diarization Diarize(ISampleSource samples, int people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var starts = SpeakerSegmenter.WindowStarts(samples.Length, Step);
        var classes = new byte[starts.Length * SpeakerSegmenter.Frames];
        var window = new float[SpeakerSegmenter.WindowSamples];
        for (var s = 0; s < starts.Length; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SpeakerSegmenter.Read(samples, starts[s], window);
            segmenter.Classify(window, 1, classes.AsSpan(s * SpeakerSegmenter.Frames, SpeakerSegmenter.Frames));
        }

        var dvectors = embedder.EmbedAll(samples, cancellationToken);
        var windows = dvectors.Length / DVectorEmbedder.Dimensions;

        // One vector per window and local speaker with enough speech alone.
        var keys = new List<(int Window, int Local)>();
        var vectors = new List<float[]>();
        for (var s = 0; s < starts.Length; s++)
        {
            var local = classes.AsSpan(s * SpeakerSegmenter.Frames, SpeakerSegmenter.Frames);
            for (var j = 0; j < 3; j++)
            {
                var alone = (byte)(1 + j);
                var count = 0;
                foreach (var c in local)
                    count += c == alone ? 1 : 0;
                if (count < AloneFrames)
                    continue;
                var mean = new float[DVectorEmbedder.Dimensions];
                var used = 0;
                for (var w = 0; w < windows; w++)
                {
                    var a = DVectorEmbedder.WindowStart(w) - starts[s];
                    var b = a + DVectorEmbedder.WindowSamples;
                    if (a < 0 || b > SpeakerSegmenter.WindowSamples)
                        continue;
                    var first = (int)(a / SpeakerSegmenter.FrameStep);
                    var last = Math.Min(SpeakerSegmenter.Frames - 1, (int)(b / SpeakerSegmenter.FrameStep));
                    var inside = 0;
                    for (var k = first; k <= last; k++)
                        inside += local[k] == alone ? 1 : 0;
                    if (inside < Inside * (last - first + 1))
                        continue;
                    Vectors.Add(mean, dvectors.AsSpan(w * DVectorEmbedder.Dimensions, DVectorEmbedder.Dimensions));
                    used++;
                }

                if (used == 0)
                    continue;
                Vectors.Normalise(mean);
                keys.Add((s, j));
                vectors.Add(mean);
            }
        }

        if (vectors.Count == 0)
            return Diarization.None;
        var labels = WardClustering.Cluster(vectors, Math.Min(people, vectors.Count));
        var clusters = labels.Max() + 1;
        var centroids = new float[clusters][];
        for (var p = 0; p < clusters; p++)
            centroids[p] = new float[DVectorEmbedder.Dimensions];
        for (var i = 0; i < vectors.Count; i++)
            Vectors.Add(centroids[labels[i]], vectors[i]);
        foreach (var c in centroids)
            Vectors.Normalise(c);
        var person = new Dictionary<(int, int), int>();
        for (var i = 0; i < keys.Count; i++)
            person[keys[i]] = labels[i];

        // Each person's activity averaged over the windows covering a global frame; the local count likewise.
        var frames = (int)(samples.Length / SpeakerSegmenter.FrameStep) + 1;
        var activity = new float[clusters, frames];
        var speakers = new float[frames];
        var covered = new int[frames];
        for (var s = 0; s < starts.Length; s++)
        {
            var offset = (int)Math.Round(starts[s] / (double)SpeakerSegmenter.FrameStep);
            for (var k = 0; k < SpeakerSegmenter.Frames; k++)
            {
                var g = offset + k;
                if (g >= frames || starts[s] + (k * SpeakerSegmenter.FrameStep) >= samples.Length)
                    break;
                var bits = SpeakerSegmenter.Speakers[classes[(s * SpeakerSegmenter.Frames) + k]];
                covered[g]++;
                speakers[g] += System.Numerics.BitOperations.PopCount(bits);
                for (var j = 0; j < 3; j++)
                {
                    if ((bits & (1 << j)) != 0 && person.TryGetValue((s, j), out var p))
                        activity[p, g]++;
                }
            }
        }

        var spans = new List<VoiceSpan>();
        var open = new int[clusters];
        Array.Fill(open, -1);
        var order = new int[clusters];
        for (var g = 0; g <= frames; g++)
        {
            var on = new bool[clusters];
            if (g < frames && covered[g] > 0)
            {
                var count = (int)Math.Round(speakers[g] / covered[g]);
                for (var p = 0; p < clusters; p++)
                    order[p] = p;
                var frame = g;
                Array.Sort(order, (x, y) => activity[y, frame].CompareTo(activity[x, frame]));
                for (var i = 0; i < Math.Min(count, clusters); i++)
                {
                    if (activity[order[i], g] > 0)
                        on[order[i]] = true;
                }
            }

            for (var p = 0; p < clusters; p++)
            {
                if (on[p] && open[p] < 0)
                {
                    open[p] = g;
                }
                else if (!on[p] && open[p] >= 0)
                {
                    spans.Add(new VoiceSpan(Time(open[p]), Time(g), p));
                    open[p] = -1;
                }
            }
        }

        return new Diarization([.. spans.OrderBy(s => s.Start)], centroids);
    }

    /// <summary>A frame's time: 270-sample frames, each centred on its 991-sample span.</summary>
    private static TimeSpan Time(int frame) => TimeSpan.FromSeconds(((frame * (double)SpeakerSegmenter.FrameStep) + (SpeakerSegmenter.FrameLength / 2.0)) / 16000);
}

/// <summary>
/// Voices found by <see cref="NeuralDiarizer"/>: the spans, and for each voice number the normalised mean of its
/// voice vectors (what an enrolled voice is compared with).
/// </summary>
internal sealed record Diarization(IReadOnlyList<VoiceSpan> Spans, IReadOnlyList<float[]> Centroids)
{
    public static Diarization None { get; } = new([], []);
}
