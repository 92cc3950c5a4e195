namespace Podcast.Transcription;

/// <summary>
/// The time left in a transcription, from Whisper's progress. The rate is taken from the end of the first window on:
/// it holds Whisper's warm-up, and with a prompt leading the context (the producer's <c>--prompt</c>) whisper.cpp can
/// decode it four more times (19.9 s against about 4 s on the fixture call; bench/profile.md), so a rate that counted
/// it would overstate the time left by a third or more a minute in.
/// </summary>
public sealed class TranscriptionEta
{
    /// <summary>Progress needed past the first window before the rate is trusted.</summary>
    private const double Settled = 0.02;

    private (TimeSpan Elapsed, double Fraction)? _firstWindow;

    /// <summary>The time left once <paramref name="fraction"/> (0..1) is done after <paramref name="elapsed"/>; null while too little is known.</summary>
    public TimeSpan? Left(double fraction, TimeSpan elapsed)
    {
        if (fraction >= 1)
            return TimeSpan.Zero;
        if (_firstWindow is null && fraction > 0)
            _firstWindow = (elapsed, fraction);
        if (_firstWindow is { } first && fraction - first.Fraction >= Settled)
            return (elapsed - first.Elapsed) * ((1 - fraction) / (fraction - first.Fraction));
        return null;
    }
}
