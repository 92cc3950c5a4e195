using System.Numerics;
using Podcast.Decoding;

namespace Podcast.Speakers;

/// <summary>
/// Who spoke when from the two neural models, as the models' reference pipeline does it: local speakers in 10 s
/// windows (segmentation), one voice vector per window and local speaker from the d-vectors lying in its speech
/// alone, Ward clustering of those into people, and each frame given the people most active there.
/// </summary>
internal sealed class NeuralDiarizer
{
    /// <summary>
    /// Segmentation windows start every 2 s, so 5 windows hear each moment. Every second measured no better on the
    /// real-voice fixtures (DER 14.0 / 25.5 / 13.1 % against 13.9 / 25.3 / 12.9 %) for twice the segmentation's cost.
    /// </summary>
    public const int DefaultStep = 32000;

    /// <summary>A local speaker needs 0.5 s (30 frames of 270 samples) of speech alone in a window to get a voice vector there.</summary>
    private const int AloneFrames = 30;

    /// <summary>A d-vector belongs to a local speaker when at least this share of it lies in their speech alone.</summary>
    private const double Inside = 0.8;

    private readonly SpeakerModelFiles _models;
    private readonly int _workers;
    private readonly int _step;

    /// <param name="workers">
    /// Model sessions run side by side, each on one thread: the models are small enough that one session on two
    /// threads spends a third of its time synchronising (measured 21 ms of CPU per segmentation window on two
    /// threads against 14 ms on one).
    /// </param>
    public NeuralDiarizer(SpeakerModelFiles models, int workers = 0, int step = DefaultStep)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, SpeakerSegmenter.FrameStep);
        _models = models;
        _workers = workers > 0 ? workers : Math.Clamp(Environment.ProcessorCount, 1, 4);
        _step = step;
    }

    /// <param name="people">How many people at most; null when nobody knows, and <see cref="SpeakerCount"/> decides.</param>
    public Diarization Diarize(ISampleSource samples, int? people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var starts = SpeakerSegmenter.WindowStarts(samples.Length, _step);
        var classes = Segment(samples, starts, cancellationToken);
        var dvectors = Embed(samples, cancellationToken);
        var (keys, vectors) = LocalVoices(starts, classes, dvectors);
        if (vectors.Count == 0)
            return Diarization.None;

        var tree = WardClustering.Tree(vectors);
        var labels = Fold(tree.Cut(SpeakerCount.Estimate(tree, vectors, people)), vectors);
        var centroids = Centroids(vectors, labels);
        var person = new Dictionary<(int Window, int Local), (int Person, double Margin)>();
        for (var i = 0; i < keys.Count; i++)
            person[keys[i]] = (labels[i], Margin(vectors[i], labels[i], centroids));
        return new Diarization(VoiceTimeline.Join(Frames(samples.Length, starts, classes, person, centroids.Length)), centroids);
    }

    /// <summary>The segmentation's most likely class for every frame of every window, 589 per window in order.</summary>
    private byte[] Segment(ISampleSource samples, long[] starts, CancellationToken cancellationToken)
    {
        var classes = new byte[starts.Length * SpeakerSegmenter.Frames];
        var batches = (starts.Length + SpeakerSegmenter.Batch - 1) / SpeakerSegmenter.Batch;
        InParallel(batches, () => new SpeakerSegmenter(_models.Segmentation, threads: 1), (segmenter, batch) =>
        {
            var first = batch * SpeakerSegmenter.Batch;
            var count = Math.Min(SpeakerSegmenter.Batch, starts.Length - first);
            var windows = new float[count * SpeakerSegmenter.WindowSamples];
            for (var w = 0; w < count; w++)
                SpeakerSegmenter.Read(samples, starts[first + w], windows.AsSpan(w * SpeakerSegmenter.WindowSamples, SpeakerSegmenter.WindowSamples));
            segmenter.Classify(windows, count, classes.AsSpan(first * SpeakerSegmenter.Frames, count * SpeakerSegmenter.Frames));
        }, cancellationToken);
        return classes;
    }

    /// <summary>Every 0.82 s d-vector of the recording, every 0.4 s, normalised.</summary>
    private float[] Embed(ISampleSource samples, CancellationToken cancellationToken)
    {
        var windows = DVectorEmbedder.WindowCount(samples.Length);
        var dvectors = new float[(long)windows * DVectorEmbedder.Dimensions];
        var batches = (windows + DVectorEmbedder.Batch - 1) / DVectorEmbedder.Batch;
        InParallel(batches, () => new DVectorEmbedder(_models.Embedding, threads: 1), (embedder, batch) =>
        {
            var first = batch * DVectorEmbedder.Batch;
            var count = Math.Min(DVectorEmbedder.Batch, windows - first);
            embedder.EmbedRange(samples, first, dvectors.AsSpan(first * DVectorEmbedder.Dimensions, count * DVectorEmbedder.Dimensions), cancellationToken);
        }, cancellationToken);
        return dvectors;
    }

    /// <summary>Runs <paramref name="work"/> on batches 0..count-1, each worker with a model of its own, taking batches in turn.</summary>
    private void InParallel<TModel>(int count, Func<TModel> open, Action<TModel, int> work, CancellationToken cancellationToken)
        where TModel : IDisposable
    {
        var next = -1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _workers, CancellationToken = cancellationToken };
        Parallel.For(0, Math.Min(_workers, count), options, _ =>
        {
            using var model = open();
            for (var batch = Interlocked.Increment(ref next); batch < count; batch = Interlocked.Increment(ref next))
            {
                cancellationToken.ThrowIfCancellationRequested();
                work(model, batch);
            }
        });
    }

    /// <summary>One vector per window and local speaker with enough speech alone: the mean of the d-vectors lying in it.</summary>
    private static (List<(int Window, int Local)> Keys, List<float[]> Vectors) LocalVoices(long[] starts, byte[] classes, float[] dvectors)
    {
        var windows = dvectors.Length / DVectorEmbedder.Dimensions;
        var keys = new List<(int Window, int Local)>();
        var vectors = new List<float[]>();
        for (var s = 0; s < starts.Length; s++)
        {
            var local = classes.AsSpan(s * SpeakerSegmenter.Frames, SpeakerSegmenter.Frames);
            for (var j = 0; j < 3; j++)
            {
                var alone = (byte)(1 + j);
                if (local.Count(alone) < AloneFrames)
                    continue;
                var mean = new float[DVectorEmbedder.Dimensions];
                var used = 0;

                // Only the d-vectors wholly inside this window can lie in its speech; they start from here.
                var firstWindow = (int)Math.Min(windows, (starts[s] + DVectorEmbedder.WindowStart(1) - 1) / DVectorEmbedder.WindowStart(1));
                for (var w = firstWindow; w < windows; w++)
                {
                    var a = DVectorEmbedder.WindowStart(w) - starts[s];
                    var b = a + DVectorEmbedder.WindowSamples;
                    if (b > SpeakerSegmenter.WindowSamples)
                        break;
                    var first = (int)(a / SpeakerSegmenter.FrameStep);
                    var last = Math.Min(SpeakerSegmenter.Frames - 1, (int)(b / SpeakerSegmenter.FrameStep));
                    if (local[first..(last + 1)].Count(alone) < Inside * (last - first + 1))
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

        return (keys, vectors);
    }

    /// <summary>
    /// Clusters holding under <see cref="SmallCluster"/> of the vectors are stray vectors (overlap, noise, a named
    /// person who never spoke), not a person: each is folded whole into the large cluster whose centroid is closest.
    /// Labels are renumbered 0.. in order of first vector.
    /// </summary>
    private static int[] Fold(int[] labels, List<float[]> vectors)
    {
        var centroids = Centroids(vectors, labels);
        var sizes = new int[centroids.Length];
        foreach (var l in labels)
            sizes[l]++;
        var large = Enumerable.Range(0, centroids.Length).Where(p => sizes[p] >= SmallCluster * labels.Length).ToArray();
        if (large.Length == 0 || large.Length == centroids.Length)
            return labels;
        var into = Enumerable.Range(0, centroids.Length)
            .Select(p => large.Contains(p) ? p : large.MaxBy(q => Vectors.Dot(centroids[p], centroids[q])))
            .ToArray();
        var renumber = new Dictionary<int, int>();
        return [.. labels.Select(l => renumber.TryGetValue(into[l], out var n) ? n : renumber[into[l]] = renumber.Count)];
    }

    private const double SmallCluster = 0.03;

    private static float[][] Centroids(List<float[]> vectors, int[] labels)
    {
        var centroids = new float[labels.Max() + 1][];
        for (var p = 0; p < centroids.Length; p++)
            centroids[p] = new float[DVectorEmbedder.Dimensions];
        for (var i = 0; i < vectors.Count; i++)
            Vectors.Add(centroids[labels[i]], vectors[i]);
        foreach (var c in centroids)
            Vectors.Normalise(c);
        return centroids;
    }

    /// <summary>
    /// How much closer a voice vector is to its own person than to the nearest other, as a share of how far apart
    /// those two people's centroids are (1 for a vector on its own centroid, 0 halfway, negative nearer the other;
    /// 1 with one person). Relative, because voices recorded far from the microphone all sit close together: the AMI
    /// sample's two people have centroids at cosine 0.92, the LibriSpeech call's at 0.25 to 0.34.
    /// </summary>
    private static double Margin(float[] vector, int own, float[][] centroids)
    {
        var nearest = -1;
        for (var p = 0; p < centroids.Length; p++)
        {
            if (p != own && (nearest < 0 || Vectors.Dot(vector, centroids[p]) > Vectors.Dot(vector, centroids[nearest])))
                nearest = p;
        }

        if (nearest < 0)
            return 1;
        var apart = 1 - Vectors.Dot(centroids[own], centroids[nearest]);
        return apart < 1e-6 ? 0 : (Vectors.Dot(vector, centroids[own]) - Vectors.Dot(vector, centroids[nearest])) / apart;
    }

    /// <summary>
    /// Each global frame goes to the people most active there, as many as the windows covering it hear on average.
    /// A span's confidence is how many of those windows heard that person there, times how clearly their voice
    /// vectors there were that person's (<see cref="VoiceMargin"/>).
    /// </summary>
    private static List<VoiceSpan> Frames(long length, long[] starts, byte[] classes, Dictionary<(int Window, int Local), (int Person, double Margin)> person, int clusters)
    {
        var frames = (int)(length / SpeakerSegmenter.FrameStep) + 1;
        var activity = new float[clusters, frames];
        var margin = new float[clusters, frames];
        var speakers = new float[frames];
        var covered = new int[frames];
        for (var s = 0; s < starts.Length; s++)
        {
            var offset = (int)Math.Round(starts[s] / (double)SpeakerSegmenter.FrameStep);
            for (var k = 0; k < SpeakerSegmenter.Frames; k++)
            {
                var g = offset + k;
                if (g >= frames || starts[s] + (k * SpeakerSegmenter.FrameStep) >= length)
                    break;
                var bits = SpeakerSegmenter.Speakers[classes[(s * SpeakerSegmenter.Frames) + k]];
                covered[g]++;
                speakers[g] += BitOperations.PopCount(bits);
                for (var j = 0; j < 3; j++)
                {
                    if ((bits & (1 << j)) != 0 && person.TryGetValue((s, j), out var p))
                    {
                        activity[p.Person, g]++;
                        margin[p.Person, g] += (float)p.Margin;
                    }
                }
            }
        }

        var spans = new List<VoiceSpan>();
        var open = new int[clusters];
        var certainty = new double[clusters];
        Array.Fill(open, -1);
        var order = new int[clusters];
        var on = new bool[clusters];
        for (var g = 0; g <= frames; g++)
        {
            Array.Clear(on);
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
                if (on[p])
                {
                    if (open[p] < 0)
                        (open[p], certainty[p]) = (g, 0);
                    certainty[p] += Math.Min(1, activity[p, g] / covered[g]) * VoiceMargin(margin[p, g] / activity[p, g]);
                }
                else if (open[p] >= 0)
                {
                    spans.Add(new VoiceSpan(Time(open[p]), Time(g), p) { Confidence = certainty[p] / (g - open[p]) });
                    open[p] = -1;
                }
            }
        }

        return [.. spans.OrderBy(s => s.Start)];
    }

    /// <summary>
    /// A voice vector's relative margin (<see cref="Margin"/>) as a certainty from 0 to 1: halfway from the middle to
    /// its own centroid (<see cref="ClearMargin"/>) or closer is certain, the middle is a coin toss.
    /// </summary>
    private static double VoiceMargin(double margin) => Math.Clamp(margin / ClearMargin, 0, 1);

    private const double ClearMargin = 0.5;

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
