using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Transcription;

/// <summary>One line of <c>corrections.json</c>: a correction and whether the producer rejected it.</summary>
public sealed record CorrectionEntry(int Number, double Time, string Heard, string Written, double Score, bool Rejected)
{
    public Correction ToCorrection() => new(TimeSpan.FromSeconds(Time), Heard, Written, Score);
}

/// <summary>
/// <c>corrections.json</c> in the episode folder: every change the vocabulary pass made, numbered in time order, and
/// the ones the producer rejected (<c>podcast transcript review --reject N</c>), which a republish leaves as heard.
/// </summary>
public static class CorrectionsFile
{
    public const string FileName = "corrections.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<CorrectionEntry> Read(string path)
    {
        if (!File.Exists(path))
            return [];
        try
        {
            return JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json)?.Corrections ?? [];
        }
        catch (JsonException e)
        {
            throw PodcastException.InvalidTranscript(path, $"corrections file is damaged: {e.Message}", e);
        }
    }

    /// <summary>The applied corrections and the rejected ones, numbered together in time order.</summary>
    public static IReadOnlyList<CorrectionEntry> Entries(IEnumerable<Correction> applied, IEnumerable<Correction> rejected) =>
        [.. applied.Select(c => (c, false)).Concat(rejected.Select(c => (c, true)))
            .OrderBy(x => x.c.Time)
            .Select((x, i) => new CorrectionEntry(i + 1, Math.Round(x.c.Time.TotalSeconds, 3), x.c.Heard, x.c.Written, x.c.Score, x.Item2))];

    public static string ToJson(IReadOnlyList<CorrectionEntry> entries) =>
        JsonSerializer.Serialize(new Document(1, entries), Json) + "\n";

    public static void Write(string path, IReadOnlyList<CorrectionEntry> entries) =>
        Storage.AtomicFile.WriteAllText(path, ToJson(entries));

    private sealed record Document(int Version, IReadOnlyList<CorrectionEntry> Corrections);
}
