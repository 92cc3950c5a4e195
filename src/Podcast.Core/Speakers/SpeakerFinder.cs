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
/// more than one voice (with the neural models, diarized on that line's own speech: <see cref="LineVoices"/>). <see cref="SpeakerNaming"/> then puts names on the voices.
/// </summary>
internal sealed class SpeakerFinder : ISpeakerFinder
{
    private static readonly TimeSpan WindowLength = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan WindowHop = WindowLength / 2;
    private static readonly TimeSpan LongRegion = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Below this mean silhouette a split into voices is not trusted: one voice varying, not two people. On the
    /// benchmark's lines, one voice split in two scores 0.35 to 0.48 and two voices 0.51 to 0.78.
    /// </summary>
    private const double MinSilhouette = 0.5;

    private readonly IAudioDecoder _decoder;
    private readonly ISpeechDetector _speech;
    private readonly SpeakerModelFiles? _neural;

    /// <param name="neural">
    /// The segmentation and d-vector models. With them a one-channel recording is diarized by
    /// <see cref="NeuralDiarizer"/> (real voices: 14 % DER where MFCC + pitch scored 47 %); without them (tests of the
    /// older path) by MFCC + pitch clustering.
    /// </param>
    public SpeakerFinder(IAudioDecoder decoder, ISpeechDetector speech, SpeakerModelFiles? neural = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(speech);
        _decoder = decoder;
        _speech = speech;
        _neural = neural;
    }

    public IReadOnlyList<KnownModel> Models => _neural is null ? [ModelCatalogue.SileroVad] : [ModelCatalogue.SileroVad, ModelCatalogue.Segmentation, ModelCatalogue.SpeakerEmbedding];

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

        // For the neural models: hosts alone are not a count of the people on a call (the guest is missing); only with
        // a guest named is the sum one, else the models count the voices.
        int? count = hints.Guests.Count > 0 ? people : null;

        // The segmentation model hears speech itself, so the one-channel neural path needs no VAD pass (8 s an hour).
        if (audio.Channels < 2 && _neural is not null)
            return Diarize(mono, _neural, count, hints.Voices, cancellationToken);
        var regions = _speech.Detect(mono, cancellationToken);
        if (regions.Count == 0)
            return [];
        if (audio.Channels < 2)
            return Cluster(mono, regions, people > 0 ? people : null, cancellationToken);

        var channels = new List<SampleFile>();
        using var deleteChannels = new Disposables(channels);
        for (var c = 0; c < audio.Channels; c++)
            channels.Add(Read(audio.Path, c, cancellationToken));
        var byChannel = ChannelAttribution.Attribute(channels, regions);
        if (_neural is { } models)
            return LineVoices.Find(channels, byChannel, count, hints.Voices, (line, count) => new NeuralDiarizer(models).Diarize(line, count, cancellationToken), cancellationToken);
        var lines = new List<(int Channel, List<SpeechRegion> Regions, IReadOnlyList<VoiceWindow> Windows, int[] Split, double Silhouette)>();
        for (var c = 0; c < channels.Count; c++)
        {
            var own = byChannel.Where(s => s.Voice == c).Select(s => new SpeechRegion(s.Start, s.End)).ToList();
            if (own.Count == 0)
                continue;
            var windows = VoiceFeatures.Windows(channels[c], own, WindowLength, WindowHop, cancellationToken);
            var vectors = windows.Select(w => w.Features).ToList();
            var split = vectors.Count >= 4 ? VoiceClustering.Cluster(vectors, 2, VoiceFeatures.Weights(vectors[0].Length)) : new int[vectors.Count];
            var silhouette = split.Distinct().Count() == 2 ? VoiceClustering.Silhouette(vectors, split, VoiceFeatures.Weights(vectors[0].Length)) : double.MinValue;
            lines.Add((c, own, windows, split, silhouette));
        }

        // One line may carry several people (both hosts in one studio). Only when more people were named than there
        // are lines is a line split, and then the lines that split most cleanly, one extra voice each.
        var extra = Math.Max(0, people - lines.Count);
        var splitting = lines.Where(l => l.Silhouette >= MinSilhouette).OrderByDescending(l => l.Silhouette).Take(extra).Select(l => l.Channel).ToHashSet();
        var spans = new List<VoiceSpan>();
        var next = 0;
        foreach (var line in lines)
        {
            var labels = splitting.Contains(line.Channel) ? line.Split : new int[line.Windows.Count];
            var within = line.Windows.Count == 0
                ? [.. line.Regions.Select(r => new VoiceSpan(r.Start, r.End, 0))]
                : VoiceTimeline.FromWindows(line.Regions, line.Windows, labels);
            spans.AddRange(within.Select(s => s with { Voice = next + s.Voice }));
            next += within.Count == 0 ? 0 : within.Max(s => s.Voice) + 1;
        }

        return spans;
    }

    /// <summary>
    /// Two passes. Windows clustered by voice find where the voice changes inside long regions; the pieces between
    /// pauses and changes are then described as a whole (a sentence's median pitch is far steadier than a window's)
    /// and clustered again.
    /// </summary>
    private static IReadOnlyList<VoiceSpan> Cluster(ISampleSource samples, IReadOnlyList<SpeechRegion> regions, int? people, CancellationToken cancellationToken)
    {
        var windows = VoiceFeatures.Windows(samples, regions, WindowLength, WindowHop, cancellationToken);
        if (windows.Count == 0)
            return [.. regions.Select(r => new VoiceSpan(r.Start, r.End, 0))];
        var first = VoiceTimeline.Pieces(regions, windows, Labels(windows, people));
        cancellationToken.ThrowIfCancellationRequested();

        // A region shorter than LongRegion is taken whole (a sentence between pauses is nearly always one person, and the
        // first pass flips inside it more often than people do); longer ones are cut where the first pass heard a change.
        var pieces = regions.SelectMany(r => r.Duration < LongRegion
            ? [r]
            : first.Where(p => p.Start >= r.Start && p.End <= r.End).Select(p => new SpeechRegion(p.Start, p.End))).ToList();
        var whole = VoiceFeatures.Windows(samples, pieces, TimeSpan.FromHours(10), TimeSpan.FromHours(10), cancellationToken);
        if (whole.Count < 4)
            return VoiceTimeline.Join(first);
        return VoiceTimeline.FromWindows(pieces, whole, Labels(whole, people));
    }

    private static int[] Labels(IReadOnlyList<VoiceWindow> windows, int? people)
    {
        var vectors = windows.Select(w => w.Features).ToList();
        var weights = VoiceFeatures.Weights(vectors[0].Length);
        var seconds = windows.Select(w => (w.End - w.Start).TotalSeconds).ToArray();
        return people switch
        {
            null => VoiceClustering.ClusterUnknown(vectors, SpeakerCount.MaxUnnamed, MinSilhouette, weights, seconds),
            1 => new int[windows.Count],
            { } k => VoiceClustering.Cluster(vectors, Math.Min(k, windows.Count), weights, seconds),
        };
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
