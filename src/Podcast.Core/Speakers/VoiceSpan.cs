namespace Podcast.Speakers;

/// <summary>
/// A stretch of speech given to one voice before anyone is named: voices are numbered from 0 in order of first
/// appearance and shown as "Speaker N" (N = voice + 1) until a name is found for them.
/// </summary>
public sealed record VoiceSpan(TimeSpan Start, TimeSpan End, int Voice)
{
    public TimeSpan Duration => End - Start;

    /// <summary>How sure the finder is that this span is this voice's and not another's, 0 to 1.</summary>
    public double Confidence { get; init; } = 1;

    /// <summary>The enrolled person this span's voice sounds like (<see cref="VoicePrints"/>), or null.</summary>
    public EnrolledVoice? Recognised { get; init; }

    /// <summary>The line (channel) carrying the span, in a recording with one line per channel; null in one channel.</summary>
    public int? Line { get; init; }
}

