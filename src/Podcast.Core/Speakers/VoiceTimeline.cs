namespace Podcast.Speakers;

/// <summary>A voice's spans separated by short pauses, with nobody else between, become one turn.</summary>
internal static class VoiceTimeline
{
    /// <summary>A pause shorter than this between two spans of one voice is a breath, not the end of a turn.</summary>
    public static readonly TimeSpan JoinPause = TimeSpan.FromSeconds(1.5);

    /// <summary>Joins consecutive spans of one voice across short pauses; spans of different voices may overlap (two lines talking at once).</summary>
    internal static IReadOnlyList<VoiceSpan> Join(IEnumerable<VoiceSpan> spans)
    {
        var all = spans.ToList();
        var joined = new List<VoiceSpan>();
        foreach (var voice in all.GroupBy(s => s.Voice))
        {
            VoiceSpan? open = null;
            foreach (var span in voice.OrderBy(s => s.Start))
            {
                if (open is not null && span.Start - open.End <= JoinPause && !Interrupted(all, voice.Key, open.End, span.Start))
                {
                    open = Joined(open, span);
                    continue;
                }

                if (open is not null)
                    joined.Add(open);
                open = span;
            }

            if (open is not null)
                joined.Add(open);
        }

        return [.. joined.OrderBy(s => s.Start).ThenBy(s => s.Voice)];
    }

    /// <summary>Two spans of one voice as one; its confidence is theirs weighted by their lengths.</summary>
    private static VoiceSpan Joined(VoiceSpan open, VoiceSpan next)
    {
        var seconds = open.Duration.TotalSeconds + next.Duration.TotalSeconds;
        var confidence = seconds > 0 ? ((open.Confidence * open.Duration.TotalSeconds) + (next.Confidence * next.Duration.TotalSeconds)) / seconds : open.Confidence;
        return open with { End = next.End > open.End ? next.End : open.End, Confidence = confidence };
    }

    private static bool Interrupted(List<VoiceSpan> spans, int voice, TimeSpan from, TimeSpan to) =>
        spans.Any(s => s.Voice != voice && s.Start < to && s.End > from);
}
