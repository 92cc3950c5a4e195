using Podcast.Decoding;

namespace Podcast.Transcription;

/// <summary>A stretch of samples: where it starts and how many.</summary>
public sealed record SampleRange(int Start, int Length)
{
    public TimeSpan Offset => TimeSpan.FromSeconds((double)Start / SampleProviderExtensions.WhisperSampleRate);
}

/// <summary>
/// Where a long recording is cut for Whisper: into pieces of at most <see cref="Longest"/>, each cut at the quietest
/// moment of the last <see cref="Search"/> before that length. whisper.cpp holds the samples and the log-mel
/// spectrogram of everything it is handed (about 350 MB an hour with its padded copy), so one piece at a time keeps
/// memory flat however long the call. One Whisper state transcribes the pieces in order, but each piece starts without
/// the text before it, as a recording of its own would: Whisper.net leaves whisper.cpp's <c>no_context</c> at its
/// default, on, with no way to turn it off. The cut moves Whisper's 30-second windows, so the words differ from a
/// whole-recording run, though not in accuracy (bench/profile.md).
/// </summary>
public static class TranscriptionChunks
{
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Search = TimeSpan.FromSeconds(30);

    private const int Rate = SampleProviderExtensions.WhisperSampleRate;
    private const int Frame = Rate / 100;

    /// <summary>A quiet moment is the quietest run of this many 10 ms frames: a pause between words or sentences, not a stop consonant.</summary>
    private const int QuietFrames = 20;

    public static IReadOnlyList<SampleRange> Plan(ISampleSource samples, CancellationToken cancellationToken = default) =>
        Plan(samples, Longest, cancellationToken);

    /// <param name="longest">The longest piece; more than <see cref="Search"/>.</param>
    public static IReadOnlyList<SampleRange> Plan(ISampleSource samples, TimeSpan longest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (longest <= Search)
            throw new ArgumentOutOfRangeException(nameof(longest), $"a piece must be longer than the {Search.TotalSeconds} s searched for its cut");
        return Cut(samples, (int)(longest.TotalSeconds * Rate), cancellationToken);
    }

    private static List<SampleRange> Cut(ISampleSource samples, int longest, CancellationToken cancellationToken)
    {
        var search = (int)(Search.TotalSeconds * Rate);
        var chunks = new List<SampleRange>();
        var at = 0;
        while (samples.Length - at > longest)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var from = at + longest - search;
            var cut = from + QuietestMoment(samples.Read(from, search));
            chunks.Add(new SampleRange(at, cut - at));
            at = cut;
        }

        if (samples.Length > at || chunks.Count == 0)
            chunks.Add(new SampleRange(at, samples.Length - at));
        return chunks;
    }

    /// <summary>The sample index, within <paramref name="samples"/>, of the middle of its quietest run of frames.</summary>
    private static int QuietestMoment(float[] samples)
    {
        var frames = samples.Length / Frame;
        var energy = new double[frames];
        for (var f = 0; f < frames; f++)
        {
            foreach (var s in samples.AsSpan(f * Frame, Frame))
                energy[f] += s * s;
        }

        var best = 0;
        var bestSum = double.MaxValue;
        var sum = 0.0;
        for (var f = 0; f < frames; f++)
        {
            sum += energy[f];
            if (f >= QuietFrames)
                sum -= energy[f - QuietFrames];
            if (f >= QuietFrames - 1 && sum <= bestSum)
            {
                bestSum = sum;
                best = f - QuietFrames + 1;
            }
        }

        return (best + (QuietFrames / 2)) * Frame;
    }
}
