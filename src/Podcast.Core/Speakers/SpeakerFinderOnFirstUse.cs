using Podcast.Decoding;
using Podcast.Models;
using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// The speaker stage as publish wires it: its models come from the model cache, which publish has filled (or failed
/// on, naming what is missing) before the stage runs, so the finder is built on first use rather than up front.
/// </summary>
internal sealed class SpeakerFinderOnFirstUse(IAudioDecoder decoder, ModelCache cache, Func<string, ISpeechDetector> detectorFor) : ISpeakerFinder
{
    public IReadOnlyList<KnownModel> Models { get; } = [ModelCatalogue.SileroVad, ModelCatalogue.Segmentation, ModelCatalogue.SpeakerEmbedding];

    public Task<IReadOnlyList<SpeakerTurn>> FindAsync(AudioInfo audio, ISampleSource? speech, Transcript transcript, SpeakerHints hints, CancellationToken cancellationToken)
    {
        string Local(KnownModel model) => cache.Locate(model)
            ?? throw PodcastException.ModelUnavailable($"{model.FileName} is not in {cache.CacheDirectory}; run `podcast models download {model.Name}`");
        var neural = new SpeakerModelFiles(Local(ModelCatalogue.Segmentation), Local(ModelCatalogue.SpeakerEmbedding));
        return new SpeakerFinder(decoder, detectorFor(Local(ModelCatalogue.SileroVad)), neural).FindAsync(audio, speech, transcript, hints, cancellationToken);
    }
}
