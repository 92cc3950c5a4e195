using System.Globalization;
using Podcast.Decoding;
using Podcast.Models;
using Podcast.Shows;
using Podcast.Storage;
using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// <c>podcast voices enroll</c>: a clip of one person alone becomes their voice print in the show's
/// <c>voices.json</c>. The clip is read, never kept: only the print (and how much speech made it) is stored.
/// </summary>
public sealed class VoiceEnrolment(IAudioDecoder decoder, ModelCache models)
{

    /// <summary>The models enrolment loads: Silero VAD (how much speech the clip holds) and the d-vector encoder.</summary>
    public static IReadOnlyList<KnownModel> Models { get; } = [ModelCatalogue.SileroVad, ModelCatalogue.SpeakerEmbedding];

    /// <summary>Enrols <paramref name="name"/> from <paramref name="clipPath"/>, replacing an earlier print of that name.</summary>
    public async Task<StoredVoice> EnrollAsync(ShowFolder folder, string name, string clipPath, string role, IProgress<StageProgress>? progress, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(clipPath);
        name = (name ?? string.Empty).Trim();
        if (name.Length == 0)
            throw PodcastException.InvalidArgument("a voice needs a name, e.g. podcast voices enroll \"Alessandria Masi\" clip.mp3");
        role = (role ?? string.Empty).Trim().ToLowerInvariant();
        if (!VoiceStore.Roles.Contains(role))
            throw PodcastException.InvalidArgument($"--role \"{role}\" must be host or guest");
        if (!File.Exists(folder.ShowFile))
            throw PodcastException.ShowInvalid(folder.ShowFile, "missing (create one with `podcast init <slug>`)");
        _ = VoiceStore.Load(folder); // a damaged voices.json is reported now, not after the clip is heard

        using var audio = decoder.Open(clipPath);
        // The speaker stage's own models (SpeakerFinder.Models): a print is only comparable with what it was made by.
        var (vad, dvector) = (ModelCatalogue.SileroVad, ModelCatalogue.SpeakerEmbedding);
        var files = await models.EnsureAsync([vad, dvector], progress, cancellationToken).ConfigureAwait(false);

        var (vector, speech) = await Task.Run(
            () =>
            {
                using var samples = SampleFile.Write(audio.Samples.ForSpeech(), Path.GetTempPath(), cancellationToken);
                using var embedder = new DVectorEmbedder(files[dvector]);
                return VoicePrints.Embed(samples, new SileroSpeechDetector(files[vad]), embedder, cancellationToken);
            },
            cancellationToken).ConfigureAwait(false);
        if (speech < VoicePrints.MinimumSpeech)
        {
            throw PodcastException.InvalidAudio(clipPath, string.Create(CultureInfo.InvariantCulture,
                $"holds {speech.TotalSeconds:0.0} s of speech; a voice print needs at least {VoicePrints.MinimumSpeech.TotalSeconds:0} s of the person alone (20-60 s is better)"));
        }

        var voice = new StoredVoice
        {
            Name = name,
            Role = role,
            Model = VoiceModel.Of(dvector),
            SpeechSeconds = Math.Round(speech.TotalSeconds, 1),
            Enrolled = DateTimeOffset.UtcNow,
            Vector = vector,
        };

        // Read again under the lock: another enrolment may have written the file while this one listened.
        using var showLock = await ShowLock.AcquireAsync(folder.LockFile, ShowLock.DefaultTimeout, warn, cancellationToken).ConfigureAwait(false);
        VoiceStore.Save(folder, VoiceStore.With(VoiceStore.Load(folder), voice));
        return voice;
    }

    /// <summary>Removes <paramref name="name"/>'s print; an unknown name is an error naming the ones enrolled.</summary>
    public static async Task<StoredVoice> RemoveAsync(ShowFolder folder, string name, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(name);
        using var showLock = await ShowLock.AcquireAsync(folder.LockFile, ShowLock.DefaultTimeout, warn, cancellationToken).ConfigureAwait(false);
        var voices = VoiceStore.Load(folder);
        var at = VoiceStore.IndexOf(voices, name);
        if (at < 0)
            throw PodcastException.VoiceNotFound(VoiceStore.PathIn(folder), name, [.. voices.Select(v => v.Name)]);
        var removed = voices[at];
        VoiceStore.Save(folder, [.. voices.Where((_, i) => i != at)]);
        return removed;
    }
}
