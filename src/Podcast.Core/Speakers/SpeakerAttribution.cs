using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>Gives each transcript segment the speaker whose turns overlap it most; segments a turn does not cover keep theirs.</summary>
public static class SpeakerAttribution
{
    public static Transcript Apply(Transcript transcript, IReadOnlyList<SpeakerTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(turns);
        if (turns.Count == 0)
            return transcript;
        var segments = transcript.Segments.Select(segment =>
        {
            var best = turns
                .Select(t => (t.Speaker, Overlap: Overlap(segment.Start, segment.End, t.Start, t.End)))
                .Where(x => x.Overlap > TimeSpan.Zero)
                .GroupBy(x => x.Speaker)
                .Select(g => (Speaker: g.Key, Overlap: g.Aggregate(TimeSpan.Zero, (a, x) => a + x.Overlap)))
                .OrderByDescending(x => x.Overlap)
                .FirstOrDefault();
            return best.Speaker is null ? segment : segment with { Speaker = best.Speaker };
        }).ToList();
        return transcript with { Segments = segments };
    }

    private static TimeSpan Overlap(TimeSpan a0, TimeSpan a1, TimeSpan b0, TimeSpan b1)
    {
        var start = a0 > b0 ? a0 : b0;
        var end = a1 < b1 ? a1 : b1;
        return end > start ? end - start : TimeSpan.Zero;
    }
}
