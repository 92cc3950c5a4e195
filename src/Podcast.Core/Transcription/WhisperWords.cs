using System.Text;
using Whisper.net;

namespace Podcast.Transcription;

/// <summary>
/// Joins Whisper's sub-word tokens into words. A token that starts with a space begins a new word; special tokens
/// (<c>[_BEG_]</c>, <c>&lt;|en|&gt;</c>) carry no text and are dropped.
/// </summary>
internal static class WhisperWords
{
    public static IReadOnlyList<TranscriptWord> From(SegmentData segment)
    {
        var words = new List<TranscriptWord>();
        if (segment.Tokens is null)
            return words;

        var text = new StringBuilder();
        TimeSpan start = default, end = default;
        var probability = 1f;
        foreach (var token in segment.Tokens)
        {
            var piece = token.Text;
            if (string.IsNullOrEmpty(piece) || IsSpecial(piece))
                continue;
            if (piece.StartsWith(' ') && text.Length > 0)
            {
                Flush();
            }

            if (text.Length == 0)
            {
                start = FromCentiseconds(token.Start);
                probability = 1f;
            }

            text.Append(piece);
            end = FromCentiseconds(token.End);
            probability = Math.Min(probability, token.Probability);
        }

        Flush();
        return words;

        void Flush()
        {
            var word = text.ToString().Trim();
            if (word.Length > 0)
                words.Add(new TranscriptWord(start, end < start ? start : end, word, probability));
            text.Clear();
        }
    }

    private static bool IsSpecial(string piece) =>
        (piece.StartsWith("[_", StringComparison.Ordinal) && piece.EndsWith(']')) ||
        (piece.StartsWith("<|", StringComparison.Ordinal) && piece.EndsWith("|>", StringComparison.Ordinal));

    /// <summary>whisper.cpp token times are in units of 10 ms.</summary>
    private static TimeSpan FromCentiseconds(long t) => TimeSpan.FromMilliseconds(t * 10);
}
