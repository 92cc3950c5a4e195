using Podcast.Decoding;

namespace Podcast.Transcription;

/// <summary>A stretch of the recording that holds speech.</summary>
public sealed record SpeechRegion(TimeSpan Start, TimeSpan End)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>Finds where people speak in 16 kHz mono samples (voice activity detection).</summary>
public interface ISpeechDetector
{
    IReadOnlyList<SpeechRegion> Detect(ISampleSource samples, CancellationToken cancellationToken);
}
