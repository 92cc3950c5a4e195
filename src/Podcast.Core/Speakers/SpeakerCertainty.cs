using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// The one scale, 0 to 1, for how sure publish is that words are the named person's, and where doubt starts. A turn's
/// confidence is the strength of the evidence its name came from times the voice's confidence that the span is that
/// voice's (<see cref="VoiceSpan.Confidence"/>): the name can be right for the voice and the span still be someone
/// else's, and either failing credits a quote to the wrong person. Strengths, strongest first:
/// <list type="bullet">
/// <item><see cref="Fixed"/> 1: the producer named the voice (<c>--speaker S1=Name</c>) or confirmed the quote
/// (<c>podcast transcript review --confirm N</c>); a voice nobody named ("Speaker N") has no name to doubt either.</item>
/// <item><see cref="Recognised"/> 0.9: the voice sounds like one the show enrolled (cosine 0.7 or more).</item>
/// <item><see cref="Introduced"/> 0.9: the voice said "I'm Name".</item>
/// <item><see cref="Answered"/> 0.8: the voice answered right after the name was said, on its own enough to name it.</item>
/// <item><see cref="Profile"/> 0.4: the name rests on the guest talking most and asking fewest questions.</item>
/// <item><see cref="LastLeft"/> 0.3: the last person left for the last voice.</item>
/// </list>
/// The two weak kinds are below <see cref="Threshold"/> even for a voice the diarizer is sure of, so a quote credited
/// on them alone is flagged for review rather than published under a guessed name; the strong ones stay above it
/// while the voice confidence is above 0.56 (introduced) or 0.63 (answered).
/// </summary>
public static class SpeakerCertainty
{
    /// <summary>Below this a quote's speaker is a guess: flagged in highlights.json, warned about, and credited to no one.</summary>
    public const double Threshold = 0.5;

    public const double Fixed = 1.0;
    public const double Recognised = 0.9;
    public const double Introduced = 0.9;
    public const double Answered = 0.8;
    public const double Profile = 0.4;
    public const double LastLeft = 0.3;

    public static bool IsDoubtful(double confidence) => !(confidence >= Threshold);

    /// <summary>A turn's confidence: how its name was found times how sure the voice is of the span (each clamped to 0..1; not a number counts as 0).</summary>
    public static double Combine(double name, double voice) => Unit(name) * Unit(voice);

    /// <summary>
    /// How sure the turns make the speaker stage that the words from <paramref name="start"/> to <paramref name="end"/>
    /// are <paramref name="speaker"/>'s: for each transcript segment of theirs in that time, the share of the turns
    /// over its quoted part that are that speaker's, weighted by each turn's confidence; the quote is as sure as its least sure
    /// segment, so a confident sentence does not vouch for a doubtful one. 1 when no turn covers the quote (its
    /// speaker came from the producer's transcript, not the speaker stage) or it names no one.
    /// </summary>
    public static double OfWords(TimeSpan start, TimeSpan end, string speaker, Transcript transcript, IReadOnlyList<SpeakerTurn> turns)
    {
        ArgumentNullException.ThrowIfNull(speaker);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(turns);
        if (speaker.Length == 0 || turns.Count == 0)
            return Fixed;
        var confidence = Fixed;
        foreach (var segment in transcript.Segments.Where(s => s.Start < end && s.End > start && s.Speaker == speaker))
        {
            // Only the segment's part inside the quote: a segment may run on past it into words not quoted.
            var from = segment.Start > start ? segment.Start : start;
            var to = segment.End < end ? segment.End : end;
            var covered = 0.0;
            var theirs = 0.0;
            foreach (var turn in turns)
            {
                var overlap = Overlap(from, to, turn.Start, turn.End);
                if (overlap <= 0)
                    continue;
                covered += overlap;
                if (turn.Speaker == speaker)
                    theirs += overlap * Unit(turn.Confidence);
            }

            if (covered > 0)
                confidence = Math.Min(confidence, theirs / covered);
        }

        return confidence;
    }

    private static double Unit(double value) => double.IsFinite(value) ? Math.Clamp(value, 0, 1) : 0;

    private static double Overlap(TimeSpan a0, TimeSpan a1, TimeSpan b0, TimeSpan b1)
    {
        var start = a0 > b0 ? a0 : b0;
        var end = a1 < b1 ? a1 : b1;
        return end > start ? (end - start).TotalSeconds : 0;
    }
}
