using Podcast.Decoding;
using Podcast.Models;
using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// A stretch of time one person spoke, with the name and role the speaker stage gave them. <see cref="Confidence"/>
/// (0 to 1) is how sure the stage is that this stretch is that person's: how its name was found times how sure the
/// voice is of the stretch, on <see cref="SpeakerCertainty"/>'s scale (1 for a stretch the producer confirmed).
/// </summary>
public sealed record SpeakerTurn(TimeSpan Start, TimeSpan End, string Speaker, string Role, double Confidence = 1);

/// <summary>
/// Who to look for: the show's hosts, the episode's guests, and names fixed by the producer (S1=Name).
/// <see cref="Voices"/> are the show's enrolled voices, recognised by sound with no other hint.
/// </summary>
public sealed record SpeakerHints(IReadOnlyList<string> Hosts, IReadOnlyList<string> Guests, IReadOnlyDictionary<string, string> Overrides)
{
    public IReadOnlyList<EnrolledVoice> Voices { get; init; } = [];
}

/// <summary>A person's voice print: the normalised mean d-vector of a clip of them alone (never the audio itself).</summary>
public sealed record EnrolledVoice(string Name, string Role, float[] Vector);

/// <summary>Finds who spoke when in a recording, using the transcript for name cues.</summary>
public interface ISpeakerFinder
{
    /// <summary>The models <see cref="FindAsync"/> loads: publish fetches them before it writes anything.</summary>
    IReadOnlyList<KnownModel> Models { get; }

    /// <param name="speech">
    /// The recording as 16 kHz mono when the caller already has it (publish decoded it for Whisper), so it is not
    /// decoded twice; null, and the finder decodes <paramref name="audio"/> itself.
    /// </param>
    Task<IReadOnlyList<SpeakerTurn>> FindAsync(AudioInfo audio, ISampleSource? speech, Transcript transcript, SpeakerHints hints, CancellationToken cancellationToken);
}
