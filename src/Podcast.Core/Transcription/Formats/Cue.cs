using System.Text;

namespace Podcast.Transcription.Formats;

/// <summary>A caption: what one screen shows, at most <c>maxLines</c> lines of <c>lineLength</c> characters.</summary>
internal sealed record Cue(TimeSpan Start, TimeSpan End, IReadOnlyList<string> Lines, string? Speaker);

/// <summary>
/// Cuts segments into captions that fit a screen. Times come from the words when Whisper gave them,
/// otherwise they are shared out in proportion to the characters.
/// </summary>
internal static class CueSplitter
{
    public static IEnumerable<Cue> Split(Transcript transcript, int lineLength, int maxLines)
    {
        foreach (var segment in transcript.Segments)
        {
            var words = segment.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
                continue;
            var timed = segment.Words.Count == words.Length;
            var totalChars = Math.Max(1, segment.Text.Length);
            var span = segment.End - segment.Start;
            var index = 0;
            var charsBefore = 0;
            while (index < words.Length)
            {
                var first = index;
                var lines = new List<string>();
                while (lines.Count < maxLines && index < words.Length)
                {
                    var line = new StringBuilder(words[index++]);
                    while (index < words.Length && line.Length + 1 + words[index].Length <= lineLength)
                        line.Append(' ').Append(words[index++]);
                    lines.Add(line.ToString());
                }

                var chars = lines.Sum(l => l.Length + 1);
                TimeSpan start, end;
                if (timed)
                {
                    start = segment.Words[first].Start;
                    end = segment.Words[index - 1].End;
                }
                else
                {
                    start = segment.Start + (span * charsBefore / totalChars);
                    end = index >= words.Length ? segment.End : segment.Start + (span * Math.Min(1.0, (double)(charsBefore + chars) / totalChars));
                }

                if (first == 0)
                    start = segment.Start;
                if (index >= words.Length)
                    end = segment.End;
                charsBefore += chars;
                yield return new Cue(start, end < start ? start : end, lines, segment.Speaker);
            }
        }
    }
}
