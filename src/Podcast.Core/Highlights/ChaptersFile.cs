using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Highlights;

/// <summary>
/// Podcasting 2.0 chapters (<c>application/json+chapters</c>, version 1.2.0):
/// <c>{"version":"1.2.0","chapters":[{"startTime":0,"endTime":59.3,"title":"..."}]}</c>, startTime ascending.
/// </summary>
public static class ChaptersFile
{
    public const string FileName = "chapters.json";
    public const string MimeType = "application/json+chapters";
    public const string Version = "1.2.0";

    private static readonly JsonSerializerOptions Json = Storage.JsonFile.Options;

    public static string Write(IReadOnlyList<Chapter> chapters, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(chapters);
        var entries = chapters.OrderBy(c => c.Start)
            .Select(c => new Entry(Math.Round(c.Start.TotalSeconds, 3), c.Title, Math.Round(c.End.TotalSeconds, 3)))
            .ToList();
        return JsonSerializer.Serialize(new Document(Version, title, entries), Json) + "\n";
    }

    /// <summary>Reads a chapters file a producer may have edited; a chapter without endTime ends where the next starts.</summary>
    public static IReadOnlyList<Chapter> Read(string path, TimeSpan episodeEnd)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw PodcastException.InvalidEpisodeFile(path, $"chapters must be {{\"version\":\"1.2.0\",\"chapters\":[{{\"startTime\":0,\"title\":\"...\"}}]}}: {e.Message}", e);
        }

        if (document?.Chapters is null || document.Chapters.Count == 0)
            throw PodcastException.InvalidEpisodeFile(path, "no \"chapters\" array, or it is empty");
        var entries = document.Chapters;
        for (var i = 0; i < entries.Count; i++)
        {
            if (!double.IsFinite(entries[i].StartTime) || entries[i].StartTime < 0)
                throw PodcastException.InvalidEpisodeFile(path, $"chapter {i + 1} has startTime {entries[i].StartTime}; it must be a number of seconds >= 0");
            if (i > 0 && entries[i].StartTime <= entries[i - 1].StartTime)
                throw PodcastException.InvalidEpisodeFile(path, $"chapter {i + 1} starts at {entries[i].StartTime}s, not after chapter {i} ({entries[i - 1].StartTime}s); startTime must ascend");
            if (string.IsNullOrWhiteSpace(entries[i].Title))
                throw PodcastException.InvalidEpisodeFile(path, $"chapter {i + 1} has no title");
        }

        return [.. entries.Select((e, i) =>
        {
            var end = e.EndTime ?? (i + 1 < entries.Count ? entries[i + 1].StartTime : Math.Max(e.StartTime, episodeEnd.TotalSeconds));
            return new Chapter(TimeSpan.FromSeconds(e.StartTime), TimeSpan.FromSeconds(Math.Max(end, e.StartTime)), e.Title!.Trim());
        })];
    }

    private sealed record Document(string? Version, string? Title, List<Entry>? Chapters);

    private sealed record Entry(double StartTime, string? Title, double? EndTime);
}
