using Podcast.Decoding;

namespace Podcast.Speakers;

/// <summary>
/// The voices of a recording with one line per channel, by the neural diarizer. <see cref="ChannelAttribution"/> has
/// given each stretch of speech to the line carrying it; a line is diarized only when it may hold more than one
/// person, and then on its own speech alone, joined end to end (<see cref="JoinedSpeech"/>): the other line's speech
/// and its echo are never heard, so they cannot make a voice, and a line costs in proportion to its share of the talk.
/// </summary>
internal static class LineVoices
{
    /// <summary>
    /// Two voices found on one line whose centroids are at least this close (cosine) are one person varying, not two
    /// people: the line is then kept whole. Measured on the stereo fixtures' lines split in two (LineVoicesTests): the
    /// two hosts sharing a line 0.33 (LibriSpeech and espeak alike); the guest alone split in two 0.99 (LibriSpeech)
    /// and 0.90 (espeak).
    /// </summary>
    public const double SameVoice = 0.75;

    /// <param name="channels">Each line's samples, 16 kHz.</param>
    /// <param name="byChannel">The speech each line carries (<see cref="ChannelAttribution.Attribute"/>: voices are channel numbers).</param>
    /// <param name="people">
    /// How many people are on the call, when known (a guest was named): a line is split only when there are more
    /// people than lines, the best-separated lines first, into as many voices as there are people to spare. Null: every
    /// line is diarized and the diarizer counts its voices.
    /// </param>
    /// <param name="enrolled">The show's enrolled voices: with any, every line is diarized so its voices can be recognised.</param>
    /// <param name="diarize">The diarizer: samples and the most people in them (null: it estimates).</param>
    public static IReadOnlyList<VoiceSpan> Find(IReadOnlyList<ISampleSource> channels, IReadOnlyList<VoiceSpan> byChannel, int? people, IReadOnlyList<EnrolledVoice> enrolled, Func<ISampleSource, int?, Diarization> diarize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(byChannel);
        ArgumentNullException.ThrowIfNull(enrolled);
        ArgumentNullException.ThrowIfNull(diarize);
        var lines = Enumerable.Range(0, channels.Count)
            .Select(c => (Channel: c, Speech: Merge(byChannel.Where(s => s.Voice == c))))
            .Where(l => l.Speech.Count > 0)
            .ToList();
        if (lines.Count == 0)
            return [];

        var extra = people is { } n ? Math.Max(0, n - lines.Count) : 0;
        if (people is not null && extra == 0 && enrolled.Count == 0)
            return VoiceTimeline.Join(lines.SelectMany((l, i) => l.Speech.Select(s => s with { Voice = i, Line = l.Channel })));

        var lineOf = lines.Select(l => l.Channel).ToList();
        var found = new List<Line>();
        foreach (var (channel, speech) in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var joined = new JoinedSpeech(channels[channel], speech);
            var diarization = diarize(joined, people is null ? null : 1 + extra);
            found.Add(new Line(speech, joined.ToOriginal(diarization.Spans), diarization.Centroids));
        }

        // Known count: the extra people go to the lines whose voices are most clearly different people, or that the
        // enrolled voices recognise as different people; every other line is one person.
        if (people is not null)
        {
            var budget = extra;
            var splits = found.Where(l => l.Centroids.Count >= 2 && (l.Closest < SameVoice || l.Recognised(enrolled) >= 2))
                .OrderByDescending(l => l.Recognised(enrolled) >= 2)
                .ThenBy(l => l.Closest)
                .ToList();
            foreach (var line in splits)
            {
                if (line.Centroids.Count - 1 > budget)
                    continue;
                line.Split = true;
                budget -= line.Centroids.Count - 1;
            }
        }
        else
        {
            foreach (var line in found)
                line.Split = true;
        }

        // Numbered across lines, each voice with its centroid, so an enrolled person is matched once in the recording.
        var spans = new List<VoiceSpan>();
        var centroids = new List<float[]>();
        for (var l = 0; l < found.Count; l++)
        {
            var line = found[l];
            var first = centroids.Count;
            if (line.Split && line.Spans.Count > 0)
            {
                var voices = line.Spans.Select(s => s.Voice).Distinct().Order().ToList();
                spans.AddRange(Fill(line.Speech, line.Spans).Select(s => s with { Voice = first + voices.IndexOf(s.Voice), Line = lineOf[l] }));
                centroids.AddRange(voices.Select(v => line.Centroids[v]));
            }
            else
            {
                spans.AddRange(line.Speech.Select(s => s with { Voice = first, Line = lineOf[l] }));
                centroids.Add(line.Whole());
            }
        }

        var matched = VoicePrints.Match(centroids, enrolled);
        return VoiceTimeline.Join(spans.Select(s => matched.TryGetValue(s.Voice, out var person) ? s with { Recognised = person } : s));
    }

    /// <summary>
    /// The line's speech with no gap: where the diarizer heard nobody inside speech the channel carries (a breath, a
    /// quiet word), the nearest voice of the line in time takes it, since the line is talking there.
    /// </summary>
    private static List<VoiceSpan> Fill(IReadOnlyList<VoiceSpan> speech, IReadOnlyList<VoiceSpan> spans)
    {
        var filled = new List<VoiceSpan>(spans);
        var ordered = spans.OrderBy(s => s.Start).ToList();
        foreach (var region in speech)
        {
            var inside = ordered.Where(s => s.Start < region.End && s.End > region.Start).ToList();
            foreach (var gap in Gaps(region, inside))
            {
                var nearest = ordered.MinBy(s => Distance(s, gap.Start, gap.End))!;
                filled.Add(nearest with { Start = gap.Start, End = gap.End });
            }
        }

        return filled;
    }

    private static IEnumerable<(TimeSpan Start, TimeSpan End)> Gaps(VoiceSpan region, List<VoiceSpan> inside)
    {
        var cursor = region.Start;
        foreach (var s in inside.OrderBy(s => s.Start))
        {
            if (s.Start > cursor)
                yield return (cursor, s.Start < region.End ? s.Start : region.End);
            if (s.End > cursor)
                cursor = s.End;
        }

        if (cursor < region.End)
            yield return (cursor, region.End);
    }

    private static double Distance(VoiceSpan s, TimeSpan start, TimeSpan end) =>
        s.End <= start ? (start - s.End).TotalSeconds : s.Start >= end ? (s.Start - end).TotalSeconds : 0;

    /// <summary>A line's speech as sorted, non-overlapping spans.</summary>
    private static List<VoiceSpan> Merge(IEnumerable<VoiceSpan> spans)
    {
        var merged = new List<VoiceSpan>();
        foreach (var s in spans.OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End)
                merged[^1] = merged[^1] with { End = s.End > merged[^1].End ? s.End : merged[^1].End };
            else
                merged.Add(s with { Voice = 0 });
        }

        return merged;
    }

    private sealed class Line(List<VoiceSpan> speech, IReadOnlyList<VoiceSpan> spans, IReadOnlyList<float[]> centroids)
    {
        public List<VoiceSpan> Speech { get; } = speech;

        /// <summary>The diarizer's voices on the line, in the recording's time.</summary>
        public IReadOnlyList<VoiceSpan> Spans { get; } = spans;

        public IReadOnlyList<float[]> Centroids { get; } = centroids;

        public bool Split { get; set; }

        /// <summary>The cosine of the two closest voices on the line (1 with fewer than two).</summary>
        public double Closest { get; } = centroids.Count < 2 ? 1 : centroids.SelectMany((a, i) => centroids.Skip(i + 1).Select(b => Vectors.Cosine(a, b))).Max();

        /// <summary>How many different enrolled people the line's voices sound like.</summary>
        public int Recognised(IReadOnlyList<EnrolledVoice> enrolled) => enrolled.Count == 0 ? 0 : VoicePrints.Match(Centroids, enrolled).Count;

        /// <summary>The line as one voice: its voices' centroids weighted by how long each talks.</summary>
        public float[] Whole()
        {
            var whole = new float[Centroids.Count == 0 ? DVectorEmbedder.Dimensions : Centroids[0].Length];
            for (var v = 0; v < Centroids.Count; v++)
            {
                var seconds = (float)Spans.Where(s => s.Voice == v).Sum(s => s.Duration.TotalSeconds);
                for (var i = 0; i < whole.Length; i++)
                    whole[i] += seconds * Centroids[v][i];
            }

            Vectors.Normalise(whole);
            return whole;
        }
    }
}

/// <summary>
/// Stretches of one channel played end to end, as one source; <see cref="ToOriginal"/> takes times on it back to the
/// recording's, cutting a span at every join.
/// </summary>
internal sealed class JoinedSpeech : ISampleSource
{
    private readonly ISampleSource _source;
    private readonly long[] _from;
    private readonly long[] _at;
    private readonly int[] _length;

    public JoinedSpeech(ISampleSource source, IReadOnlyList<VoiceSpan> stretches)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(stretches);
        _source = source;
        var pieces = stretches
            .Select(s => (From: Sample(s.Start, source.Length), To: Sample(s.End, source.Length)))
            .Where(p => p.To > p.From)
            .OrderBy(p => p.From)
            .ToList();
        _from = new long[pieces.Count];
        _at = new long[pieces.Count];
        _length = new int[pieces.Count];
        long at = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            _from[i] = pieces[i].From;
            _at[i] = at;
            _length[i] = (int)(pieces[i].To - pieces[i].From);
            at += _length[i];
        }

        Length = (int)at;
    }

    public int Length { get; }

    public void Read(int start, Span<float> destination)
    {
        SampleSourceExtensions.CheckRange(this, start, destination.Length);
        var piece = Piece(start);
        var done = 0;
        while (done < destination.Length)
        {
            var offset = (int)(start + done - _at[piece]);
            var count = Math.Min(_length[piece] - offset, destination.Length - done);
            _source.Read((int)(_from[piece] + offset), destination.Slice(done, count));
            done += count;
            piece++;
        }
    }

    /// <summary>Spans on the joined speech as spans of the recording: one per stretch each overlaps.</summary>
    public IReadOnlyList<VoiceSpan> ToOriginal(IEnumerable<VoiceSpan> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        var original = new List<VoiceSpan>();
        foreach (var span in spans)
        {
            var a = Math.Clamp((long)Math.Round(span.Start.TotalSeconds * Rate), 0, Length);
            var b = Math.Clamp((long)Math.Round(span.End.TotalSeconds * Rate), 0, Length);
            for (var piece = a < Length ? Piece((int)a) : _at.Length; piece < _at.Length && _at[piece] < b; piece++)
            {
                var from = Math.Max(a, _at[piece]) - _at[piece] + _from[piece];
                var to = Math.Min(b, _at[piece] + _length[piece]) - _at[piece] + _from[piece];
                if (to > from)
                    original.Add(span with { Start = TimeSpan.FromSeconds(from / (double)Rate), End = TimeSpan.FromSeconds(to / (double)Rate) });
            }
        }

        return original;
    }

    private const int Rate = SampleProviderExtensions.WhisperSampleRate;

    private static long Sample(TimeSpan t, int length) => Math.Clamp((long)Math.Round(t.TotalSeconds * Rate), 0, length);

    /// <summary>The stretch holding joined sample <paramref name="sample"/>.</summary>
    private int Piece(int sample)
    {
        var i = Array.BinarySearch(_at, (long)sample);
        return i >= 0 ? i : ~i - 1;
    }
}
