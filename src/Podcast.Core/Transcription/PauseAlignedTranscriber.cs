using Podcast.Decoding;

namespace Podcast.Transcription;

/// <summary>
/// Moves each segment boundary onto the pause it belongs to. Whisper opens a segment on a timestamp token that the
/// smaller models all but round to the second, and its token timestamps spread the words from there, so a sentence's
/// first word can sit most of a second before it is spoken, in the previous sentence or the silence before it. The
/// boundary is moved to the end of the pause Whisper's time falls in, else of the longest pause within
/// <see cref="Reach"/> of it, and the words of
/// the two segments beside it are stretched to fit, keeping their order and proportions. Boundaries with no pause
/// near them are left as Whisper placed them.
/// </summary>
/// <remarks>Works on the samples the inner transcriber saw (16 kHz mono), so it can sit inside the speech gate.</remarks>
public sealed class PauseAlignedTranscriber(ITranscriber inner) : ITranscriber
{
    /// <summary>How far from Whisper's time a boundary may move: whole-second rounding is off by up to a second.</summary>
    public static readonly TimeSpan Reach = TimeSpan.FromSeconds(1);

    /// <summary>Shortest quiet stretch that counts as a pause between sentences rather than a stop inside a word.</summary>
    public static readonly TimeSpan ShortestPause = TimeSpan.FromMilliseconds(150);

    private const int SampleRate = 16_000;
    private const int Frame = SampleRate / 100;

    /// <summary>A frame this far below the loud frames near the boundary is quiet: room noise, not speech.</summary>
    private const double QuietBelowSpeechDb = 30;

    public async Task<Transcript> TranscribeAsync(ISampleSource samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var transcript = await inner.TranscribeAsync(samples, request, progress, cancellationToken).ConfigureAwait(false);
        return Align(transcript, samples);
    }

    public static Transcript Align(Transcript transcript, ISampleSource samples)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(samples);
        var segments = transcript.Segments.ToList();
        for (var k = 0; k < segments.Count; k++)
        {
            var segment = segments[k];
            var earliest = k > 0 ? segments[k - 1].Start : TimeSpan.Zero;
            var from = Max(earliest, segment.Start - Reach);
            var to = Min(segment.Start + Reach, segment.End);
            if (to <= from || PauseNear(samples, from, to, segment.Start) is not { } pause)
                continue;

            segments[k] = Stretch(segment, pause.End, segment.End);
            if (k > 0 && segments[k - 1].End > pause.Start && pause.Start > segments[k - 1].Start)
                segments[k - 1] = Stretch(segments[k - 1], segments[k - 1].Start, pause.Start);
        }

        return transcript with { Segments = segments };
    }

    /// <summary>
    /// The quiet run of at least <see cref="ShortestPause"/> in [from, to] that holds <paramref name="near"/>, else the
    /// longest one (of equals, the nearest).
    /// </summary>
    private static (TimeSpan Start, TimeSpan End)? PauseNear(ISampleSource samples, TimeSpan from, TimeSpan to, TimeSpan near)
    {
        var first = (int)(from.TotalSeconds * 100);
        var last = Math.Min((int)(to.TotalSeconds * 100), (samples.Length / Frame) - 1);
        if (last - first < ShortestPause.TotalMilliseconds / 10)
            return null;

        // Only the two seconds around the boundary are read.
        var around = samples.Read(first * Frame, (last - first + 1) * Frame);
        var levels = new double[last - first + 1];
        for (var f = first; f <= last; f++)
        {
            var frame = around.AsSpan((f - first) * Frame, Frame);
            var power = 0.0;
            foreach (var s in frame)
                power += s * s;
            levels[f - first] = 10 * Math.Log10((power / Frame) + 1e-12);
        }

        var loud = levels.Order().ElementAt((int)(levels.Length * 0.9));
        var quiet = loud - QuietBelowSpeechDb;
        (int Start, int End)? best = null;
        for (var i = 0; i < levels.Length;)
        {
            if (levels[i] >= quiet)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < levels.Length && levels[i] < quiet)
                i++;
            if ((i - start) * 10 < ShortestPause.TotalMilliseconds)
                continue;
            if (Time(first + start) <= near && near < Time(first + i))
                return (Time(first + start), Time(first + i));
            if (best is not { } b || i - start > b.End - b.Start || (i - start == b.End - b.Start && Distance(start, i) < Distance(b.Start, b.End)))
                best = (start, i);
        }

        return best is { } run ? (Time(first + run.Start), Time(first + run.End)) : null;

        double Distance(int start, int end) => Math.Abs(Time(first + end).TotalSeconds - near.TotalSeconds);
    }

    /// <summary>The segment's times mapped linearly from its own span onto [start, end].</summary>
    private static TranscriptSegment Stretch(TranscriptSegment segment, TimeSpan start, TimeSpan end)
    {
        if (end <= start || segment.End <= segment.Start)
            return segment;
        var scale = (end - start) / (segment.End - segment.Start);
        TimeSpan Map(TimeSpan t) => start + (Clamp(t, segment.Start, segment.End) - segment.Start) * scale;
        return segment with
        {
            Start = start,
            End = end,
            Words = [.. segment.Words.Select(w => w with { Start = Map(w.Start), End = Map(w.End) })],
        };
    }

    private static TimeSpan Time(int frame) => TimeSpan.FromSeconds(frame / 100.0);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Clamp(TimeSpan t, TimeSpan low, TimeSpan high) => t < low ? low : t > high ? high : t;
}
