using Podcast.Decoding;
using Podcast.Feed;
using Podcast.Highlights;
using Podcast.Mastering;
using Podcast.Site;
using Podcast.Speakers;
using Podcast.Tagging;
using Podcast.Transcription;

namespace Podcast.Publishing;

/// <summary>
/// The stages publish runs, one per field. <see cref="Default"/> is the only place the production adapters are
/// chosen; tests build their own with fakes.
/// </summary>
public sealed record PipelineStages(
    IAudioDecoder Decoder,
    ITranscriber Transcriber,
    ISpeakerFinder? Speakers,
    IHighlightPicker? Highlights,
    IMasteringStage Mastering,
    ITagger Tagger,
    IFeedWriter Feed,
    ISiteWriter? Site,
    WhisperModels Models)
{
    public static PipelineStages Default() => new(
        Decoder: new ManagedAudioDecoder(),
        Transcriber: new SpeechGatedTranscriber(new WhisperTranscriber(), model => new SileroSpeechDetector(model)),
        Speakers: null,
        Highlights: null,
        Mastering: new PassThroughMastering(),
        Tagger: new Id3Tagger(),
        Feed: new RssFeedWriter(),
        Site: null,
        Models: new WhisperModels(WhisperModels.DefaultCacheDirectory()));
}
