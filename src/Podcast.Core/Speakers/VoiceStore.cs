using System.Text.Json;
using System.Text.Json.Serialization;
using Podcast.Models;
using Podcast.Shows;

namespace Podcast.Speakers;

/// <summary>The speaker model a voice print was made with: prints from another model cannot be compared.</summary>
public sealed record VoiceModel(string File, string Sha256)
{
    public static VoiceModel Of(KnownModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new(model.FileName, model.Checksum.Hex);
    }
}

/// <summary>
/// One enrolled person as <c>voices.json</c> keeps them: the print (<see cref="DVectorEmbedder.Dimensions"/> numbers,
/// never audio), the model that made it, and how much speech it was made from.
/// </summary>
public sealed record StoredVoice
{
    public required string Name { get; init; }
    public required string Role { get; init; }
    public required VoiceModel Model { get; init; }
    public required double SpeechSeconds { get; init; }
    public required DateTimeOffset Enrolled { get; init; }
    public required float[] Vector { get; init; }

    public EnrolledVoice ToEnrolled() => new(Name, Role, Vector);
}

/// <summary>
/// Reads and writes a show's <c>voices.json</c>: the voices of its regular people, recognised by sound in every
/// episode. Written atomically; a file that is damaged, or made with another speaker model, is refused with a
/// message saying how to enrol again, never silently ignored (the hosts would quietly become "Speaker N").
/// </summary>
public static class VoiceStore
{
    public const string FileName = "voices.json";

    public static readonly IReadOnlyList<string> Roles = [SpeakerNaming.Host, SpeakerNaming.Guest];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static string PathIn(ShowFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        return Path.Combine(folder.Root, FileName);
    }

    /// <summary>Every enrolled voice, in the file's order; none when the show has no <c>voices.json</c>.</summary>
    public static IReadOnlyList<StoredVoice> Load(ShowFolder folder)
    {
        var path = PathIn(folder);
        if (!File.Exists(path))
            return [];
        VoicesFile? file;
        try
        {
            file = JsonSerializer.Deserialize<VoicesFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw Damaged(path, $"not valid JSON ({e.Message.Split('\n')[0]})", e);
        }
        catch (IOException e)
        {
            throw PodcastException.UnreadableInput(path, e.Message, e);
        }

        var voices = file?.Voices ?? throw Damaged(path, "no \"voices\" list");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < voices.Count; i++)
        {
            var v = voices[i];
            var what = $"voice {i + 1}";
            if (v is null || string.IsNullOrWhiteSpace(v.Name))
                throw Damaged(path, $"{what} has no name");
            what = $"\"{v.Name}\"";
            if (!seen.Add(v.Name.Trim()))
                throw Damaged(path, $"{what} is enrolled twice");
            if (!Roles.Contains(v.Role))
                throw Damaged(path, $"{what} has role \"{v.Role}\"; a role is host or guest");
            if (v.Model is null || string.IsNullOrWhiteSpace(v.Model.File) || string.IsNullOrWhiteSpace(v.Model.Sha256))
                throw Damaged(path, $"{what} does not say which speaker model made it");
            if (v.Vector is null || v.Vector.Length != DVectorEmbedder.Dimensions || !v.Vector.All(float.IsFinite) || Vectors.Dot(v.Vector, v.Vector) < 0.5)
                throw Damaged(path, $"{what} has no voice print of {DVectorEmbedder.Dimensions} numbers");
        }

        return voices;
    }

    /// <summary>
    /// The voices to recognise in an episode, each checked to have been made by <paramref name="model"/> (the speaker
    /// model in use): a print from another model would match nobody, or the wrong person.
    /// </summary>
    public static IReadOnlyList<EnrolledVoice> Enrolled(ShowFolder folder, KnownModel model)
    {
        var current = VoiceModel.Of(model);
        var voices = Load(folder);
        var stale = voices.Where(v => !SameModel(v.Model, current)).ToList();
        if (stale.Count > 0)
        {
            throw PodcastException.ShowInvalid(PathIn(folder),
                $"{string.Join(", ", stale.Select(v => $"\"{v.Name}\""))} {(stale.Count == 1 ? "was" : "were")} enrolled with {stale[0].Model.File} (SHA-256 {Short(stale[0].Model.Sha256)}), " +
                $"not the speaker model in use, {current.File} (SHA-256 {Short(current.Sha256)}); enrol {(stale.Count == 1 ? "it" : "them")} again with `podcast voices enroll NAME CLIP`");
        }

        return [.. voices.Select(v => v.ToEnrolled())];
    }

    public static bool SameModel(VoiceModel a, VoiceModel b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.Sha256, b.Sha256, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Writes every voice, replacing the file atomically; no voices left removes it.</summary>
    public static void Save(ShowFolder folder, IReadOnlyList<StoredVoice> voices)
    {
        ArgumentNullException.ThrowIfNull(voices);
        var path = PathIn(folder);
        if (voices.Count == 0)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw PodcastException.WriteFailed(path, e.Message, e);
            }

            return;
        }

        Storage.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new VoicesFile { Voices = [.. voices] }, Json) + "\n");
    }

    /// <summary><paramref name="voices"/> with <paramref name="voice"/> added, or in place of the one of the same name.</summary>
    public static IReadOnlyList<StoredVoice> With(IReadOnlyList<StoredVoice> voices, StoredVoice voice)
    {
        ArgumentNullException.ThrowIfNull(voices);
        ArgumentNullException.ThrowIfNull(voice);
        var at = IndexOf(voices, voice.Name);
        var list = voices.ToList();
        if (at < 0)
            list.Add(voice);
        else
            list[at] = voice;
        return list;
    }

    public static int IndexOf(IReadOnlyList<StoredVoice> voices, string name)
    {
        ArgumentNullException.ThrowIfNull(voices);
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < voices.Count; i++)
        {
            if (string.Equals(voices[i].Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }

    private static PodcastException Damaged(string path, string problem, Exception? inner = null) =>
        PodcastException.ShowInvalid(path, $"{problem}; fix it, or delete it and enrol the voices again with `podcast voices enroll NAME CLIP`", inner);

    private static string Short(string sha256) => sha256.Length > 12 ? sha256[..12] + "…" : sha256;

    private sealed class VoicesFile
    {
        public List<StoredVoice>? Voices { get; init; }
    }
}
