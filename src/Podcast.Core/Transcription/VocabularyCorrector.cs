using System.Globalization;
using Quickenshtein;

namespace Podcast.Transcription;

/// <summary>A spelling the transcript must use (a name, place, organisation) and the ways it is known to be misheard.</summary>
public sealed record CorrectionTerm
{
    public CorrectionTerm(string written, IReadOnlyList<string>? heardAs = null)
    {
        if (string.IsNullOrWhiteSpace(written) || SoundKey.Letters(written).Trim().Length == 0)
            throw PodcastException.InvalidArgument($"vocabulary term \"{written}\" must contain letters");
        Written = written.Trim();
        HeardAs = heardAs ?? [];
    }

    public string Written { get; }

    public IReadOnlyList<string> HeardAs { get; }
}

/// <summary>One change the correction pass made: at <see cref="Time"/>, <see cref="Heard"/> became <see cref="Written"/>.</summary>
public sealed record Correction(TimeSpan Time, string Heard, string Written, double Score)
{
    /// <summary>Identifies the correction across republishes of the same recording, so a rejection sticks.</summary>
    public bool SameAs(Correction other) =>
        other is not null && Math.Abs((Time - other.Time).TotalSeconds) < 0.01 &&
        string.Equals(Heard, other.Heard, StringComparison.Ordinal) && string.Equals(Written, other.Written, StringComparison.Ordinal);
}

/// <summary>The corrected transcript and every change made to it.</summary>
public sealed record CorrectedTranscript(Transcript Transcript, IReadOnlyList<Correction> Corrections);

/// <summary>
/// Replaces word sequences that sound like a vocabulary term with the term. A window of whole words (never part of a
/// word, never across a comma or full stop) is compared with each term by two measures: the edit distance of their
/// <see cref="SoundKey"/>s (how alike they sound) and of their letters (how alike Whisper spelled them), each as a
/// similarity from 0 to 1, plus Whisper's doubt about the heard words; only windows scoring at least <see cref="Threshold"/> are
/// replaced, best first, without overlaps. A known mishearing (heardAs) scores 1, and so does a term heard right
/// but written in the wrong case ("Syria deeply"). Text that already is another term is left alone, and acronyms are only matched through heardAs: they are spoken letter by letter, so their spelling
/// says nothing of their sound. Word times are kept: the term's words share the replaced words' span.
/// </summary>
public sealed class VocabularyCorrector
{
    /// <summary>Tuned on held-out calls (see README): below it, corrections start to invent names.</summary>
    public const double DefaultThreshold = 0.66;

    private readonly List<Entry> _terms;
    private readonly HashSet<string> _termLetters;

    public VocabularyCorrector(IEnumerable<CorrectionTerm> terms, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (threshold is <= 0 or > 1)
            throw PodcastException.InvalidArgument($"correction threshold {threshold} must be above 0 and at most 1");
        Threshold = threshold;
        _terms = [.. terms.DistinctBy(t => t.Written, StringComparer.OrdinalIgnoreCase).Select(t => new Entry(t))];
        _termLetters = [.. _terms.Select(t => t.Letters)];
    }

    public double Threshold { get; }

    /// <summary>
    /// Corrects every segment that has word times; <paramref name="rejected"/> are corrections the producer turned
    /// down, which keep the heard text. Segments without words (a transcript from a file) are left as they are.
    /// </summary>
    public CorrectedTranscript Correct(Transcript transcript, IReadOnlyCollection<Correction>? rejected = null)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var corrections = new List<Correction>();
        var segments = new List<TranscriptSegment>(transcript.Segments.Count);
        foreach (var segment in transcript.Segments)
        {
            if (segment.Words.Count == 0 || _terms.Count == 0)
            {
                segments.Add(segment);
                continue;
            }

            var words = segment.Words.ToList();
            var chosen = Candidates(words)
                .Where(c => rejected is null || !rejected.Any(r => r.SameAs(c.Correction)))
                .OrderByDescending(c => c.Correction.Score)
                .ThenByDescending(c => c.Length)
                .Aggregate(new List<Candidate>(), (picked, c) =>
                {
                    if (!picked.Any(p => c.Start < p.Start + p.Length && p.Start < c.Start + c.Length))
                        picked.Add(c);
                    return picked;
                });
            if (chosen.Count == 0)
            {
                segments.Add(segment);
                continue;
            }

            foreach (var c in chosen.OrderByDescending(c => c.Start))
            {
                words.RemoveRange(c.Start, c.Length);
                words.InsertRange(c.Start, c.Replacement);
            }

            corrections.AddRange(chosen.OrderBy(c => c.Start).Select(c => c.Correction));
            segments.Add(segment with { Text = string.Join(' ', words.Select(w => w.Text)), Words = words });
        }

        return new CorrectedTranscript(transcript with { Segments = segments }, corrections);
    }

    /// <summary>
    /// Sound and spelling count equally; Whisper's own doubt adds up to a fifth, because a misheard name is decoded
    /// with low token probability while an ordinary phrase that happens to sound alike ("is the", Assad) is not.
    /// </summary>
    private static double Combine(double sound, double letters, float probability) =>
        (0.4 * sound) + (0.4 * letters) + (0.2 * (1 - Math.Clamp(probability, 0f, 1f)));

    private IEnumerable<Candidate> Candidates(List<TranscriptWord> words)
    {
        var cores = words.Select(w => Squash(w.Text)).ToArray();

        // Words that already spell a term are never part of another correction.
        var spelled = new bool[words.Count];
        foreach (var term in _terms)
        {
            for (var start = 0; start + term.WordCount <= words.Count; start++)
            {
                if (string.Concat(cores.AsSpan(start, term.WordCount).ToArray()) == term.Letters)
                    Array.Fill(spelled, true, start, term.WordCount);
            }
        }

        foreach (var term in _terms)
        {
            for (var length = Math.Max(1, term.WordCount - 1); length <= term.WordCount + 1; length++)
            {
                for (var start = 0; start + length <= words.Count; start++)
                {
                    if (!Usable(words, cores, start, length))
                        continue;
                    var heard = string.Join(' ', words.Skip(start).Take(length).Select(w => Trim(w.Text)));
                    var heardLetters = string.Concat(cores.AsSpan(start, length).ToArray());
                    var recased = heardLetters == term.Letters;
                    if (recased ? string.Equals(heard, term.Written, StringComparison.Ordinal) || length != term.WordCount : _termLetters.Contains(heardLetters))
                        continue;
                    if (!recased && spelled.AsSpan(start, length).Contains(true))
                        continue;
                    var score = recased ? 1.0 : ScoreOf(start, length);
                    if (score < Threshold)
                        continue;

                    // The window must be minimal: if it matches as well without its first or last word, that word
                    // is an ordinary word beside the name ("the Euphrates"), not part of it.
                    if (length > 1 && (ScoreOf(start + 1, length - 1) >= score || ScoreOf(start, length - 1) >= score))
                        continue;
                    var window = words.GetRange(start, length);
                    yield return new Candidate(start, length,
                        new Correction(window[0].Start, heard, term.Written, Math.Round(score, 3)),
                        Replace(window, term.Written));
                }
            }

            double ScoreOf(int start, int length)
            {
                var letters = string.Concat(cores.AsSpan(start, length).ToArray());
                if (letters == term.Letters || term.HeardAs.Contains(letters))
                    return 1.0;
                if (term.IsAcronym)
                    return 0;
                var window = words.GetRange(start, length);
                var sound = string.Concat(window.Select(w => SoundKey.Of(w.Text)));
                return Combine(Similarity(sound, term.Key), Similarity(letters, term.Letters), window.Min(w => w.Probability));
            }
        }
    }

    /// <summary>
    /// A window is whole words with letters, and no word but the last ends a clause: a name never spans a comma.
    /// </summary>
    private static bool Usable(List<TranscriptWord> words, string[] cores, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (cores[i].Length == 0 || cores[i].All(char.IsAsciiDigit))
                return false;
            if (i < start + length - 1 && words[i].Text.TrimEnd().LastOrDefault() is ',' or '.' or '?' or '!' or ';' or ':')
                return false;
        }

        return true;
    }

    /// <summary>The term's words over the window's span, split by length; the window's outer punctuation is kept.</summary>
    private static List<TranscriptWord> Replace(List<TranscriptWord> window, string written)
    {
        var parts = written.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lead = Leading(window[0].Text);
        var trail = Trailing(window[^1].Text);
        var probability = window.Min(w => w.Probability);
        var result = new List<TranscriptWord>(parts.Length);
        if (parts.Length == window.Count)
        {
            for (var i = 0; i < parts.Length; i++)
                result.Add(new TranscriptWord(window[i].Start, window[i].End, parts[i], probability));
        }
        else
        {
            var start = window[0].Start;
            var span = window[^1].End - start;
            var total = parts.Sum(p => p.Length + 1);
            var done = 0;
            foreach (var part in parts)
            {
                var from = start + (span * done / total);
                done += part.Length + 1;
                result.Add(new TranscriptWord(from, start + (span * done / total), part, probability));
            }
        }

        result[0] = result[0] with { Text = lead + result[0].Text };
        result[^1] = result[^1] with { Text = result[^1].Text + trail };
        return result;
    }

    private static double Similarity(string a, string b)
    {
        var longest = Math.Max(a.Length, b.Length);
        return longest == 0 ? 0 : 1 - ((double)Levenshtein.GetDistance(a, b) / longest);
    }

    /// <summary>Lower-case letters only: how a word is spelled, without case, spaces or punctuation.</summary>
    private static string Squash(string text) => SoundKey.Letters(text).Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    private static string Trim(string word) => word.Trim().Trim(Punctuation);

    private static string Leading(string word)
    {
        var t = word.Trim();
        return t[..(t.Length - t.TrimStart(Punctuation).Length)];
    }

    private static string Trailing(string word)
    {
        var t = word.Trim();
        return t[t.TrimEnd(Punctuation).Length..];
    }

    private static readonly char[] Punctuation = ['.', ',', '?', '!', ';', ':', '"', '\'', '(', ')', '\u201c', '\u201d', '\u2019', '-'];

    private sealed record Candidate(int Start, int Length, Correction Correction, List<TranscriptWord> Replacement);

    private sealed class Entry
    {
        public Entry(CorrectionTerm term)
        {
            Written = term.Written;
            Letters = Squash(term.Written);
            Key = SoundKey.Of(term.Written);
            WordCount = SoundKey.Letters(term.Written).Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            IsAcronym = term.Written.Length <= 5 && term.Written.All(c => char.IsAsciiLetterUpper(c) || c == '.');
            HeardAs = [.. term.HeardAs.Select(Squash).Where(h => h.Length > 0)];
        }

        public string Written { get; }

        public string Letters { get; }

        public string Key { get; }

        public int WordCount { get; }

        public bool IsAcronym { get; }

        public HashSet<string> HeardAs { get; }
    }
}
