using Podcast.Decoding;

namespace Podcast.Transcription;

/// <summary>
/// Remembers the regions found in each sample source for as long as the source lives, so stages handed the same
/// samples (the transcription gate, then the speaker stage) run the speech detector once.
/// </summary>
public sealed class RememberingSpeechDetector(ISpeechDetector inner) : ISpeechDetector
{
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISampleSource, IReadOnlyList<SpeechRegion>> _found = [];

    public IReadOnlyList<SpeechRegion> Detect(ISampleSource samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (_found.TryGetValue(samples, out var regions))
            return regions;
        regions = inner.Detect(samples, cancellationToken);
        _found.AddOrUpdate(samples, regions);
        return regions;
    }
}
