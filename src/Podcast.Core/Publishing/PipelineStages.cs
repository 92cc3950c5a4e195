using Podcast.Decoding;
using Podcast.Feed;
using Podcast.Highlights;
using Podcast.Mastering;
using Podcast.Models;
using Podcast.Site;
using Podcast.Speakers;
using Podcast.Tagging;
using Podcast.Transcription;
using Podcast.Storage;

namespace Podcast.Publishing;

/// <summary>
/// The stages publish runs, one per field. <see cref="Default"/> and the factories beside it are the only place the
/// production adapters are chosen: a command that needs one stage takes it from here without building the rest;
/// tests build their own with fakes (tests/Podcast.Tests/Publishing/PipelineWithFakeStagesTests).
/// </summary>
/// <param name="Models">Where every model a stage loads is found or downloaded; publish fetches them all first.</param>
public sealed record PipelineStages(
    IAudioDecoder Decoder,
    ITranscriber Transcriber,
    ISpeakerFinder? Speakers,
    IHighlightPicker? Highlights,
    IMasteringStage Mastering,
    ITagger Tagger,
    IFeedWriter Feed,
    ISiteWriter? Site,
    ModelCache Models)
{
    /// <summary>A lock per show that spans machines, taken before the show's lock file; null on one machine.</summary>
    public IShowGate? ShowGate { get; init; }

    /// <param name="models">The model cache; the user's, with the default catalogue, unless a test brings its own.</param>
    public static PipelineStages Default(ModelCache? models = null)
    {
        var decoder = DefaultDecoder();
        var cache = models ?? ModelCache.ForCurrentUser();

        // One detector per VAD model, remembering what it found: the gate and the speaker stage are handed the same
        // 16 kHz samples, so the recording is searched for speech once.
        var detectors = new System.Collections.Concurrent.ConcurrentDictionary<string, ISpeechDetector>(StringComparer.Ordinal);
        ISpeechDetector DetectorFor(string model) => detectors.GetOrAdd(model, m => new RememberingSpeechDetector(new SileroSpeechDetector(m)));
        return new(
            Decoder: decoder,
            Transcriber: new SpeechGatedTranscriber(
                new PauseAlignedTranscriber(new WhisperTranscriber()),
                DetectorFor),
            Speakers: new SpeakerFinderOnFirstUse(decoder, cache, DetectorFor),
            Highlights: DefaultHighlights(),
            Mastering: (IMasteringStage?)LameMastering.TryCreate() ?? new PassThroughMastering(),
            Tagger: new Id3Tagger(),
            Feed: DefaultFeed(),
            Site: DefaultSite(),
            Models: cache);
    }

    /// <summary>WAV, MP3 and Ogg Vorbis in process; the rest through ffmpeg when it is on PATH.</summary>
    public static IAudioDecoder DefaultDecoder() => new ManagedAudioDecoder(others: new FfmpegAudioDecoder());

    public static IHighlightPicker DefaultHighlights() => new HighlightPicker();

    public static IFeedWriter DefaultFeed() => new RssFeedWriter();

    public static ISiteWriter DefaultSite() => new StaticSiteWriter();
}
