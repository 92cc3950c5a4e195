using Podcast.Decoding;

namespace Podcast.Transcription;

/// <summary>
/// Transcribes only where people speak, so that Whisper cannot write text over silence, music or noise ("Thank you
/// for watching"). The speech detector's regions are cut out and stitched together with short pauses between them;
/// the inner transcriber sees only speech, and every segment and word time is mapped back onto the recording.
/// Without a speech model in the request, the inner transcriber runs on everything.
/// </summary>
public sealed class SpeechGatedTranscriber(ITranscriber inner, Func<string, ISpeechDetector> detectorFor) : ITranscriber
{
    public async Task<Transcript> TranscribeAsync(ISampleSource samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(request);
        if (request.SpeechModelPath is null)
            return await inner.TranscribeAsync(samples, request, progress, cancellationToken).ConfigureAwait(false);

        var regions = detectorFor(request.SpeechModelPath).Detect(samples, cancellationToken);
        var timeline = SpeechTimeline.From(regions, samples.Length);
        if (timeline.IsEmpty)
            return Transcript.Empty(request.Language);

        var speech = timeline.Stitch(samples);
        var heard = await inner.TranscribeAsync(speech, request with { SpeechModelPath = null }, progress, cancellationToken).ConfigureAwait(false);
        return timeline.Restore(heard);
    }
}

/// <summary>
/// Where each stretch of speech sits in the stitched samples and in the recording. Regions closer than
/// <see cref="MergeGap"/> are kept together with the audio between them, and so is a shorter silence at either end of
/// the recording: Whisper handles pauses between sentences well, and cutting them moves its 30-second windows, which
/// measurably cost accuracy on the fixture call. Only the long silences and noise, where Whisper invents text, shrink
/// to <see cref="Pause"/> of digital silence.
/// </summary>
public sealed class SpeechTimeline
{
    public const int SampleRate = 16_000;
    public static readonly TimeSpan MergeGap = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(0.5);

    private readonly List<Piece> _pieces;

    private SpeechTimeline(List<Piece> pieces) => _pieces = pieces;

    public bool IsEmpty => _pieces.Count == 0;

    /// <summary>Seconds of audio the transcriber will see.</summary>
    public TimeSpan StitchedDuration => IsEmpty ? TimeSpan.Zero : Time(_pieces[^1].StitchedStart + _pieces[^1].Length);

    public static SpeechTimeline From(IReadOnlyList<SpeechRegion> regions, int sampleCount)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var merged = new List<(int Start, int End)>();
        foreach (var region in regions.OrderBy(r => r.Start))
        {
            var start = Math.Clamp(Index(region.Start), 0, sampleCount);
            var end = Math.Clamp(Index(region.End), 0, sampleCount);
            if (end <= start)
                continue;
            if (merged.Count > 0 && start - merged[^1].End < Index(MergeGap))
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, end));
            else
                merged.Add((start, end));
        }

        if (merged.Count > 0 && merged[0].Start < Index(MergeGap))
            merged[0] = (0, merged[0].End);
        if (merged.Count > 0 && sampleCount - merged[^1].End < Index(MergeGap))
            merged[^1] = (merged[^1].Start, sampleCount);

        var pieces = new List<Piece>();
        var at = 0;
        foreach (var (start, end) in merged)
        {
            pieces.Add(new Piece(at, start, end - start));
            at += end - start + Index(Pause);
        }

        return new SpeechTimeline(pieces);
    }

    /// <summary>
    /// The speech pieces with a pause of silence between each two, read from <paramref name="samples"/> as they are
    /// asked for (nothing is copied); the samples themselves when one piece is all of them.
    /// </summary>
    public ISampleSource Stitch(ISampleSource samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (_pieces is [{ OriginalStart: 0 } only] && only.Length == samples.Length)
            return samples;
        return new Stitched(samples, _pieces);
    }

    /// <summary>A time in the stitched audio as a time in the recording; a time in a pause lands at the end of the speech before it.</summary>
    public TimeSpan ToRecording(TimeSpan stitched)
    {
        var index = Index(stitched);
        var piece = _pieces.LastOrDefault(p => p.StitchedStart <= index) ?? _pieces[0];
        return Time(piece.OriginalStart + Math.Clamp(index - piece.StitchedStart, 0, piece.Length));
    }

    public Transcript Restore(Transcript stitched)
    {
        ArgumentNullException.ThrowIfNull(stitched);
        return stitched with
        {
            Segments = [.. stitched.Segments.Select(s => s with
            {
                Start = ToRecording(s.Start),
                End = ToRecording(s.End),
                Words = [.. s.Words.Select(w => w with { Start = ToRecording(w.Start), End = ToRecording(w.End) })],
            })],
        };
    }

    private static int Index(TimeSpan t) => (int)Math.Round(t.TotalSeconds * SampleRate);

    private static TimeSpan Time(int index) => TimeSpan.FromSeconds((double)index / SampleRate);

    private sealed record Piece(int StitchedStart, int OriginalStart, int Length);

    private sealed class Stitched(ISampleSource samples, List<Piece> pieces) : ISampleSource
    {
        public int Length => pieces.Count == 0 ? 0 : pieces[^1].StitchedStart + pieces[^1].Length;

        public void Read(int start, Span<float> destination)
        {
            SampleSourceExtensions.CheckRange(this, start, destination.Length);
            destination.Clear();
            var end = start + destination.Length;
            foreach (var piece in pieces)
            {
                var from = Math.Max(start, piece.StitchedStart);
                var to = Math.Min(end, piece.StitchedStart + piece.Length);
                if (from < to)
                    samples.Read(piece.OriginalStart + (from - piece.StitchedStart), destination.Slice(from - start, to - from));
            }
        }
    }
}
