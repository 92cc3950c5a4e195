using System.Text;
using Podcast.Transcription;

namespace Podcast.Highlights;

/// <summary>One sentence of the transcript, with its speaker (empty when the transcript names none) and its time.</summary>
public sealed record TranscriptSentence(int Index, TimeSpan Start, TimeSpan End, string Speaker, string Text)
{
    public bool IsQuestion => Text.TrimEnd('"', '\u201D', '\'', ')', ' ').EndsWith('?');
}

/// <summary>
/// Cuts a transcript into sentences with times. Whisper's segments end wherever it paused, not where sentences end,
/// so a speaker's consecutive segments are read as one stream and cut at sentence punctuation; a change of speaker
/// always ends a sentence. Word times place the cuts when the segments have words, else times are shared out in
/// proportion to characters.
/// </summary>
public static class SentenceSplitter
{
    // Abbreviations whose full stop does not end a sentence even before a capital ("Mr. Smith", "Dr. Who").
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr.", "mrs.", "ms.", "dr.", "prof.", "st.", "jr.", "sr.", "vs.", "etc.", "e.g.", "i.e.", "gen.", "col.", "lt.", "sgt.", "gov.", "sen.", "rep.", "no.", "approx.",
    };

    public static IReadOnlyList<TranscriptSentence> Split(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var sentences = new List<TranscriptSentence>();
        var current = new List<TimedToken>();
        string? speaker = null;

        void Flush()
        {
            if (current.Count == 0)
                return;
            var text = Join(current);
            if (text.Any(char.IsLetterOrDigit))
                sentences.Add(new TranscriptSentence(sentences.Count, current[0].Start, current[^1].End, speaker ?? string.Empty, text));
            current.Clear();
        }

        foreach (var segment in transcript.Segments)
        {
            if (segment.Speaker != speaker)
            {
                Flush();
                speaker = segment.Speaker;
            }

            var tokens = Tokens(segment);
            for (var i = 0; i < tokens.Count; i++)
            {
                current.Add(tokens[i]);
                var next = i + 1 < tokens.Count ? tokens[i + 1].Text : null;
                if (EndsSentence(tokens[i].Text, next))
                    Flush();
            }
        }

        Flush();
        return sentences;
    }

    /// <summary>A token ends a sentence at . ! ? (before closing quotes), unless it is a known abbreviation or an initialism followed by a lower-case word.</summary>
    internal static bool EndsSentence(string token, string? next)
    {
        var bare = token.TrimEnd('"', '\'', '\u201D', '\u2019', ')', ']');
        if (bare.Length == 0 || bare[^1] is not ('.' or '!' or '?' or '\u2026'))
            return false;
        if (bare[^1] == '.' && Abbreviations.Contains(bare.TrimStart('(', '"', '\u201C')))
            return false;
        if (next is null)
            return true;
        var first = next.TrimStart('"', '\'', '\u201C', '\u2018', '(', '[').FirstOrDefault();
        // "The U.S. also plans": an initialism's full stop before a lower-case word is not a sentence end.
        return !char.IsLower(first);
    }

    private static string Join(List<TimedToken> tokens)
    {
        var text = new StringBuilder();
        foreach (var token in tokens)
        {
            if (text.Length > 0 && !token.GluedToPrevious)
                text.Append(' ');
            text.Append(token.Text);
        }

        return text.ToString().Trim();
    }

    private static List<TimedToken> Tokens(TranscriptSegment segment)
    {
        if (segment.Words.Count > 0)
        {
            // Words are whole words (WhisperWords joins the sub-word tokens); only stray punctuation attaches to the word before.
            return [.. segment.Words
                .Where(w => w.Text.Trim().Length > 0 && !IsSpecialToken(w.Text))
                .Select((w, i) => new TimedToken(w.Text.Trim(), w.Start, w.End, i > 0 && w.Text.Trim()[0] is ',' or '.' or ';' or ':' or '!' or '?' or ')' or '%'))];
        }

        var words = segment.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var totalChars = words.Sum(w => w.Length + 1);
        var span = segment.End - segment.Start;
        var tokens = new List<TimedToken>(words.Length);
        var offset = 0;
        foreach (var word in words)
        {
            var start = segment.Start + (span * offset / Math.Max(1, totalChars));
            offset += word.Length + 1;
            var end = segment.Start + (span * offset / Math.Max(1, totalChars));
            tokens.Add(new TimedToken(word, start, end > segment.End ? segment.End : end, false));
        }

        return tokens;
    }

    /// <summary>Whisper's non-speech tokens such as "[_BEG_]" or "[BLANK_AUDIO]".</summary>
    private static bool IsSpecialToken(string text)
    {
        var t = text.Trim();
        return t.Length > 2 && t[0] == '[' && t[^1] == ']';
    }

    private readonly record struct TimedToken(string Text, TimeSpan Start, TimeSpan End, bool GluedToPrevious);
}
