using Podcast.Decoding;
using Podcast.Models;
using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>The two neural speaker models' files.</summary>
public sealed record SpeakerModelFiles(string Segmentation, string Embedding);

/// <summary>
/// Who spoke when, offline. One channel: the neural models (<see cref="NeuralDiarizer"/>), as many people as were
/// named when a guest is among them, else as many as the voices show. Two channels (one line each): Silero VAD finds
/// the speech, each stretch goes to the channel that carries it, and a line is split further only if it clearly holds
/// more than one voice, diarized on that line's own speech (<see cref="LineVoices"/>). <see cref="SpeakerNaming"/>
/// then puts names on the voices.
/// </summary>
internal sealed class SpeakerFinder : ISpeakerFinder
{
    private readonly IAudioDecoder _decoder;
    private readonly ISpeechDetector _speech;
    private readonly SpeakerModelFiles _neural;

    /// <param name="speech">Finds the speech in a two-channel recording, to give each stretch to its line.</param>
    /// <param name="neural">The segmentation and d-vector models that tell people apart.</param>
    public SpeakerFinder(IAudioDecoder decoder, ISpeechDetector speech, SpeakerModelFiles neural)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentNullException.ThrowIfNull(neural);
        _decoder = decoder;
        _speech = speech;
        _neural = neural;
    }

    public IReadOnlyList<KnownModel> Models => [ModelCatalogue.SileroVad, ModelCatalogue.Segmentation, ModelCatalogue.SpeakerEmbedding];

    public Task<IReadOnlyList<SpeakerTurn>> FindAsync(AudioInfo audio, ISampleSource? speech, Transcript transcript, SpeakerHints hints, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(hints);
        // The work is CPU-bound and synchronous (decoding, VAD, clustering); run it off the caller's thread.
        return Task.Run(() => SpeakerNaming.Name(Voices(audio, speech, VoicePrints.Counting(hints), cancellationToken), transcript, hints), cancellationToken);
    }

    /// <summary>The voices before naming: numbered spans of speech.</summary>
    private IReadOnlyList<VoiceSpan> Voices(AudioInfo audio, ISampleSource? speech, SpeakerHints hints, CancellationToken cancellationToken)
    {
        using var decoded = speech is null ? Read(audio.Path, null, cancellationToken) : null;
        var mono = speech ?? decoded!;
        var people = hints.Hosts.Concat(hints.Guests).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Count();

        // Hosts alone are not a count of the people on a call (the guest is missing); only with a guest named is the
        // sum one, else the models count the voices.
        int? count = hints.Guests.Count > 0 ? people : null;

        // The segmentation model hears speech itself, so one channel needs no VAD pass (8 s an hour).
        if (audio.Channels < 2)
            return Diarize(mono, _neural, count, hints.Voices, cancellationToken);
        var regions = _speech.Detect(mono, cancellationToken);
        if (regions.Count == 0)
            return [];

        var channels = new List<SampleFile>();
        using var deleteChannels = new Disposables(channels);
        for (var c = 0; c < audio.Channels; c++)
            channels.Add(Read(audio.Path, c, cancellationToken));
        var byChannel = ChannelAttribution.Attribute(channels, regions);
        return LineVoices.Find(channels, byChannel, count, hints.Voices, (line, count) => new NeuralDiarizer(_neural).Diarize(line, count, cancellationToken), cancellationToken);
    }

    /// <summary>The voices, those sounding like an enrolled person marked so (<see cref="VoicePrints.Recognise"/>).</summary>
    private static IReadOnlyList<VoiceSpan> Diarize(ISampleSource samples, SpeakerModelFiles models, int? people, IReadOnlyList<EnrolledVoice> enrolled, CancellationToken cancellationToken)
    {
        return VoicePrints.Recognise(new NeuralDiarizer(models).Diarize(samples, people, cancellationToken), enrolled);
    }

    /// <summary>The recording, or one channel of it, as 16 kHz samples in a temporary file.</summary>
    private SampleFile Read(string path, int? channel, CancellationToken cancellationToken)
    {
        using var audio = _decoder.Open(path);
        var samples = channel is { } c ? audio.Samples.Channel(c).ResampleTo(SampleProviderExtensions.WhisperSampleRate) : audio.Samples.ForSpeech();
        return SampleFile.Write(samples, Path.GetTempPath(), cancellationToken);
    }

    private sealed class Disposables(IEnumerable<IDisposable> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
                item.Dispose();
        }
    }
}
