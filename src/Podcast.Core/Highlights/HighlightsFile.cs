using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Highlights;

/// <summary>
/// <c>highlights.json</c>: <c>{"highlights":[{"start":71.2,"end":93.4,"speaker":"...","text":"..."}]}</c>, times in
/// seconds, best first. The same shape <c>podcast highlights --json</c> prints, so a producer can edit either.
/// </summary>
public static class HighlightsFile
{
    public const string FileName = "highlights.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(IReadOnlyList<Highlight> highlights)
    {
        ArgumentNullException.ThrowIfNull(highlights);
        return JsonSerializer.Serialize(new Document([.. highlights.Select(Entry.From)]), Json) + "\n";
    }

    /// <summary>Reads a file a producer may have edited; every rule it breaks is named in the message.</summary>
    public static IReadOnlyList<Highlight> Read(string path)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw PodcastException.InvalidEpisodeFile(path, $"highlights must be {{\"highlights\":[{{\"start\":s,\"end\":s,\"speaker\":\"...\",\"text\":\"...\"}}]}}: {e.Message}", e);
        }

        if (document?.Highlights is null)
            throw PodcastException.InvalidEpisodeFile(path, "no \"highlights\" array");
        var highlights = new List<Highlight>();
        foreach (var e in document.Highlights)
        {
            if (!double.IsFinite(e.Start) || !double.IsFinite(e.End) || e.Start < 0 || e.End <= e.Start)
                throw PodcastException.InvalidEpisodeFile(path, $"the highlight at {e.Start}s must have 0 <= start < end (end is {e.End}s)");
            if (string.IsNullOrWhiteSpace(e.Text))
                throw PodcastException.InvalidEpisodeFile(path, $"the highlight at {e.Start}s has no \"text\"");
            highlights.Add(new Highlight(TimeSpan.FromSeconds(e.Start), TimeSpan.FromSeconds(e.End), e.Speaker?.Trim() ?? string.Empty, e.Text.Trim()));
        }

        return highlights;
    }

    /// <summary>One highlight as JSON holds it.</summary>
    public sealed record Entry(double Start, double End, string? Speaker, string Text)
    {
        public static Entry From(Highlight h)
        {
            ArgumentNullException.ThrowIfNull(h);
            return new Entry(Math.Round(h.Start.TotalSeconds, 3), Math.Round(h.End.TotalSeconds, 3), h.Speaker, h.Text);
        }
    }

    private sealed record Document(List<Entry>? Highlights);
}
