using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// Puts the speaker stage's turns on the transcript. Words, not segments, carry speakers: each word Whisper timed goes
/// to the speaker whose turns cover most of it (a word lying mostly in a pause goes by the words around it), and a
/// segment is cut where the speaker changes between its words, so a cue holding a host's question and the guest's
/// answer becomes two cues, one per person. A segment without word times (a transcript from a file) goes whole to the
/// speaker whose turns overlap it most. A segment no turn touches keeps the speaker it had.
/// </summary>
/// <remarks>
/// Contract: a segment that is not cut keeps its text, times and words exactly, only its speaker changes; the pieces of
/// a cut segment together hold its words in order, the first starts where the segment started and the last ends where
/// it ended, each piece's text is its words joined by single spaces (as the vocabulary pass joins them: Whisper's
/// punctuation travels inside the words), and pieces never overlap. The same transcript and turns always give the same
/// result, so a republish from the cached transcript cuts the same places.
/// </remarks>
public static class SpeakerAttribution
{
    /// <summary>
    /// The shortest run of words that counts as a change of voice: at least <see cref="MinimumRunWords"/> words lasting at
    /// least <see cref="MinimumRunLength"/>. Shorter runs are flicker and go to a neighbouring run. The limit is set by
    /// Whisper, not by the turns: the neural diarizer's turns are placed to a 17 ms frame, but Whisper's word times are
    /// off by 0.1 to 0.3 s, which is about a word, so one word (typically 0.2 to 0.4 s) can fall into the next person's
    /// turn by timing error alone, and a word inside another's run is more often a short diarizer flicker over
    /// crosstalk than a real turn. Two words spanning half a second are beyond that error. The cost: a real one-word
    /// interjection ("Right.") inside someone else's segment stays credited to them, as the whole segment was before.
    /// </summary>
    public const int MinimumRunWords = 2;

    /// <inheritdoc cref="MinimumRunWords"/>
    public static readonly TimeSpan MinimumRunLength = TimeSpan.FromSeconds(0.5);

    public static Transcript Apply(Transcript transcript, IReadOnlyList<SpeakerTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(turns);
        if (turns.Count == 0)
            return transcript;
        var index = new TurnIndex(turns);
        var segments = new List<TranscriptSegment>(transcript.Segments.Count);
        foreach (var segment in transcript.Segments)
        {
            if (segment.Words.Count == 0)
                segments.Add(WholeSegment(segment, index));
            else
                segments.AddRange(ByWords(segment, index));
        }

        return transcript with { Segments = segments };
    }

    private static TranscriptSegment WholeSegment(TranscriptSegment segment, TurnIndex turns) =>
        turns.Best(segment.Start, segment.End) is { } speaker ? segment with { Speaker = speaker } : segment;

    private static IEnumerable<TranscriptSegment> ByWords(TranscriptSegment segment, TurnIndex turns)
    {
        var words = segment.Words;
        var labels = words.Select(w => turns.Covering(w.Start, w.End)).ToArray();
        if (labels.All(l => l is null))
            return [WholeSegment(segment, turns)];
        FillPauses(words, labels);

        var runs = Runs(labels);
        while (runs.Count > 1)
        {
            var flicker = runs.Where(r => IsFlicker(words, r)).OrderBy(r => r.Count).ThenBy(r => Length(words, r)).ThenBy(r => r.First).FirstOrDefault();
            if (flicker is null)
                break;
            var at = runs.IndexOf(flicker);
            var before = at > 0 ? runs[at - 1].Speaker : null;
            var after = at + 1 < runs.Count ? runs[at + 1].Speaker : null;
            // Between two different voices the flicker is the change point itself, off by the words' timing error:
            // it goes to whichever side's turns cover more of it (the earlier on a tie).
            var to = before is null ? after! : after is null ? before
                : turns.Overlap(after, words, flicker) > turns.Overlap(before, words, flicker) ? after : before;
            Array.Fill(labels, to, flicker.First, flicker.Count);
            runs = Runs(labels);
        }

        if (runs.Count == 1)
            return [segment with { Speaker = runs[0].Speaker }];
        return Cut(segment, runs);
    }

    /// <summary>
    /// Gives the words that lie mostly in a pause a speaker. The diarizer leaves the pause between two people out of
    /// both their turns, and Whisper, off by a few tenths of a second, puts the word either side of a change into it
    /// ("here. Let's" with "Let's" wholly in the pause before the next voice). Such a word goes with the words before
    /// it, unless a sentence ended before it: turns change at a sentence's end, so a word after one begins the next
    /// person's sentence. In a stretch of such words, those up to the last sentence end go back and the rest forward.
    /// </summary>
    private static void FillPauses(IReadOnlyList<TranscriptWord> words, string?[] labels)
    {
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not null)
                continue;
            var end = i;
            while (end < labels.Length && labels[end] is null)
                end++;
            var before = i > 0 ? labels[i - 1] : null;
            var after = end < labels.Length ? labels[end] : null;
            // Words [i, cut) go back to the voice before, [cut, end) forward to the voice after.
            var cut = end;
            for (var k = end - 1; k >= i - 1 && k >= 0; k--)
            {
                if (EndsSentence(words[k].Text))
                {
                    cut = k + 1;
                    break;
                }
            }

            for (var k = i; k < end; k++)
                labels[k] = k < cut ? before ?? after : after ?? before;
            i = end;
        }
    }

    /// <summary>Whether a word ends a sentence: . ? ! or an ellipsis, before any closing quote or bracket.</summary>
    private static bool EndsSentence(string word) =>
        word.TrimEnd().TrimEnd('"', '\'', '\u201D', '\u2019', ')', ']').LastOrDefault() is '.' or '?' or '!' or '\u2026';

    /// <summary>The pieces of a segment, one per run, with times from the words clamped so pieces stay in order and never overlap.</summary>
    private static List<TranscriptSegment> Cut(TranscriptSegment segment, List<Run> runs)
    {
        var words = segment.Words;
        var starts = new TimeSpan[runs.Count];
        starts[0] = segment.Start;
        for (var k = 1; k < runs.Count; k++)
            starts[k] = Clamp(words[runs[k].First].Start, starts[k - 1], segment.End);
        var pieces = new List<TranscriptSegment>(runs.Count);
        for (var k = 0; k < runs.Count; k++)
        {
            var run = runs[k];
            var end = k == runs.Count - 1 ? segment.End : Clamp(words[run.First + run.Count - 1].End, starts[k], starts[k + 1]);
            var own = words.Skip(run.First).Take(run.Count).ToList();
            pieces.Add(new TranscriptSegment(starts[k], end, string.Join(' ', own.Select(w => w.Text.Trim()).Where(t => t.Length > 0)), run.Speaker) { Words = own });
        }

        return pieces;
    }

    private static List<Run> Runs(string?[] labels)
    {
        var runs = new List<Run>();
        for (var i = 0; i < labels.Length; i++)
        {
            if (runs.Count > 0 && runs[^1].Speaker == labels[i])
                runs[^1] = runs[^1] with { Count = runs[^1].Count + 1 };
            else
                runs.Add(new Run(labels[i]!, i, 1));
        }

        return runs;
    }

    private static bool IsFlicker(IReadOnlyList<TranscriptWord> words, Run run) =>
        run.Count < MinimumRunWords || Length(words, run) < MinimumRunLength;

    private static TimeSpan Length(IReadOnlyList<TranscriptWord> words, Run run) =>
        words[run.First + run.Count - 1].End - words[run.First].Start;

    private static TimeSpan Clamp(TimeSpan t, TimeSpan low, TimeSpan high) => t < low ? low : t > high ? (high < low ? low : high) : t;

    /// <summary>Consecutive words given to one speaker.</summary>
    private sealed record Run(string Speaker, int First, int Count);

    /// <summary>
    /// The turns sorted by start, with the latest end so far, so the turns touching a word are found by a binary search
    /// and a short walk back (turns of different people may overlap, where they talked over each other).
    /// </summary>
    private sealed class TurnIndex
    {
        private readonly SpeakerTurn[] _turns;
        private readonly TimeSpan[] _latestEnd;

        public TurnIndex(IReadOnlyList<SpeakerTurn> turns)
        {
            _turns = [.. turns.Where(t => t.End > t.Start).OrderBy(t => t.Start)];
            _latestEnd = new TimeSpan[_turns.Length];
            for (var i = 0; i < _turns.Length; i++)
                _latestEnd[i] = i == 0 || _turns[i].End > _latestEnd[i - 1] ? _turns[i].End : _latestEnd[i - 1];
        }

        /// <summary>
        /// The speaker whose turns cover at least half of a word, most of it when turns overlap; null for a word lying
        /// mostly in a pause between turns, whose speaker the words around it decide.
        /// </summary>
        public string? Covering(TimeSpan start, TimeSpan end)
        {
            if (end <= start)
                end = start + TimeSpan.FromTicks(1);
            var best = Best(start, end);
            return best is not null && Overlap(best, start, end) * 2 >= end - start ? best : null;
        }

        /// <summary>
        /// The speaker whose turns overlap [start, end] most (the one met first on a tie); null when none does. A word
        /// Whisper gave no length is taken as the instant it starts: the turn that holds that instant.
        /// </summary>
        public string? Best(TimeSpan start, TimeSpan end)
        {
            if (end <= start)
                end = start + TimeSpan.FromTicks(1);
            var totals = new List<(string Speaker, TimeSpan Overlap)>();
            foreach (var (speaker, overlap) in Touching(start, end).Reverse())
            {
                var at = totals.FindIndex(t => t.Speaker == speaker);
                if (at < 0)
                    totals.Add((speaker, overlap));
                else
                    totals[at] = (speaker, totals[at].Overlap + overlap);
            }

            string? best = null;
            var most = TimeSpan.Zero;
            foreach (var (speaker, total) in totals)
            {
                if (total > most)
                {
                    most = total;
                    best = speaker;
                }
            }

            return best;
        }

        /// <summary>How much of a run's words <paramref name="speaker"/>'s turns cover.</summary>
        public TimeSpan Overlap(string speaker, IReadOnlyList<TranscriptWord> words, Run run)
        {
            var total = TimeSpan.Zero;
            for (var i = run.First; i < run.First + run.Count; i++)
                total += Overlap(speaker, words[i].Start, words[i].End > words[i].Start ? words[i].End : words[i].Start + TimeSpan.FromTicks(1));
            return total;
        }

        private TimeSpan Overlap(string speaker, TimeSpan start, TimeSpan end)
        {
            var total = TimeSpan.Zero;
            foreach (var (who, overlap) in Touching(start, end))
            {
                if (who == speaker)
                    total += overlap;
            }

            return total;
        }

        /// <summary>Each turn overlapping [start, end), latest-starting first, with the length of the overlap.</summary>
        private IEnumerable<(string Speaker, TimeSpan Overlap)> Touching(TimeSpan start, TimeSpan end)
        {
            // The first turn starting at or after end: it and all later ones cannot overlap.
            int lo = 0, hi = _turns.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_turns[mid].Start < end)
                    lo = mid + 1;
                else
                    hi = mid;
            }

            for (var i = lo - 1; i >= 0 && _latestEnd[i] > start; i--)
            {
                var t = _turns[i];
                var from = t.Start > start ? t.Start : start;
                var to = t.End < end ? t.End : end;
                if (to > from)
                    yield return (t.Speaker, to - from);
            }
        }
    }
}
