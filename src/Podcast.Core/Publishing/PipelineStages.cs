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
    public static PipelineStages Default()
    {
        var decoder = new ManagedAudioDecoder(others: new FfmpegAudioDecoder());
        var cache = WhisperModels.DefaultCacheDirectory();
        return new(
            Decoder: decoder,
            Transcriber: new SpeechGatedTranscriber(new PauseAlignedTranscriber(new WhisperTranscriber()), model => new SileroSpeechDetector(model)),
            Speakers: SpeakerFinder.FromModelCache(decoder, cache),
            Highlights: new HighlightPicker(),
            Mastering: (IMasteringStage?)LameMastering.TryCreate() ?? new PassThroughMastering(),
            Tagger: new Id3Tagger(),
            Feed: new RssFeedWriter(),
            Site: new StaticSiteWriter(),
            Models: new WhisperModels(cache));
    }
}
