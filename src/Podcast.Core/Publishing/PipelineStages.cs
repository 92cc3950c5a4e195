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

        // One detector per VAD model, remembering what it found: the gate and the speaker stage are handed the same
        // 16 kHz samples, so the recording is searched for speech once.
        var detectors = new System.Collections.Concurrent.ConcurrentDictionary<string, ISpeechDetector>(StringComparer.Ordinal);
        ISpeechDetector DetectorFor(string model) => detectors.GetOrAdd(model, m => new RememberingSpeechDetector(new SileroSpeechDetector(m)));
        return new(
            Decoder: decoder,
            Transcriber: new SpeechGatedTranscriber(
                new PauseAlignedTranscriber(new WhisperTranscriber(flashAttention: Environment.GetEnvironmentVariable("PODCAST_FLASH_ATTENTION") == "1")),
                DetectorFor),
            Speakers: SpeakerFinder.FromModelCache(decoder, cache, DetectorFor),
            Highlights: new HighlightPicker(),
            Mastering: (IMasteringStage?)LameMastering.TryCreate() ?? new PassThroughMastering(),
            Tagger: new Id3Tagger(),
            Feed: new RssFeedWriter(),
            Site: new StaticSiteWriter(),
            Models: new WhisperModels(cache));
    }
}
