using System.Text.Json;
using Podcast.Storage;

namespace Podcast.Transcription;

/// <summary>
/// The transcript as Whisper heard it, with word times, kept in the episode folder so a republish need not
/// transcribe again. It holds no vocabulary correction and no speaker cut: a republish corrects and cuts it afresh.
/// </summary>
internal static class TranscriptCache
{
    public const string FileName = "transcript.words.json";

    /// <summary>The cached transcript, or null when there is none or it no longer reads (then it is transcribed again).</summary>
    public static Transcript? TryRead(string episodeDirectory)
    {
        var path = Path.Combine(episodeDirectory, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<Transcript>(File.ReadAllText(path), JsonFile.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Write(string episodeDirectory, Transcript transcript) =>
        AtomicFile.WriteAllText(Path.Combine(episodeDirectory, FileName), JsonSerializer.Serialize(transcript, JsonFile.Options));
}
