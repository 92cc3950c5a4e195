using System.Text.Json;
using System.Text.Json.Serialization;
using Podcast.Shows;
using Podcast.Transcription.Formats;

namespace Podcast.Site;

/// <summary>A chapter as the page lists it: where it starts and what it is called.</summary>
public sealed record PageChapter(double StartSeconds, string Title);

/// <summary>One transcript segment as the page shows it.</summary>
public sealed record PageSegment(double StartSeconds, double EndSeconds, string Text, string? Speaker);

/// <summary>What an episode page shows beyond <c>episode.json</c>: the transcript and chapters files beside it.</summary>
public sealed record EpisodeMedia(IReadOnlyList<PageSegment> Transcript, IReadOnlyList<PageChapter> Chapters)
{
    public static EpisodeMedia None { get; } = new([], []);
}

/// <summary>
/// Reads an episode's <c>transcript.json</c> (Podcasting 2.0 JSON transcript) and <c>chapters.json</c> (Podcasting 2.0
/// chapters). A missing file means the page goes without that part; a damaged one is an error naming the file,
/// because it is also what the feed links to.
/// </summary>
internal static class EpisodeMediaReader
{
    private const string DefaultTranscript = "transcript.json";
    private const string DefaultChapters = "chapters.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static EpisodeMedia Read(ShowFolder folder, Episode episode)
    {
        var dir = folder.EpisodeDirectory(episode.Slug);
        var transcriptName = episode.Transcripts.FirstOrDefault(t => t.MimeType == "application/json")?.FileName ?? DefaultTranscript;
        var chaptersName = episode.Chapters?.FileName ?? DefaultChapters;
        return new EpisodeMedia(ReadTranscript(Path.Combine(dir, transcriptName)), ReadChapters(Path.Combine(dir, chaptersName)));
    }

    private static List<PageSegment> ReadTranscript(string path)
    {
        if (!File.Exists(path))
            return [];
        try
        {
            var transcript = JsonTranscript.Read(File.ReadAllText(path), "und");
            return [.. transcript.Segments.Select(s => new PageSegment(s.Start.TotalSeconds, s.End.TotalSeconds, s.Text, s.Speaker))];
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw PodcastException.InvalidTranscript(path, e.Message, e);
        }
    }

    private static List<PageChapter> ReadChapters(string path)
    {
        if (!File.Exists(path))
            return [];
        ChaptersFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ChaptersFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw PodcastException.FeedInvalid(path, $"is not a Podcasting 2.0 chapters file ({e.Message})", e);
        }

        // toc=false marks a chapter that exists only to change the artwork or link; it is not a table-of-contents entry.
        return [.. (file?.Chapters ?? [])
            .Where(c => c.Toc != false && !string.IsNullOrWhiteSpace(c.Title) && double.IsFinite(c.StartTime) && c.StartTime >= 0)
            .OrderBy(c => c.StartTime)
            .Select(c => new PageChapter(c.StartTime, c.Title!.Trim()))];
    }

    private sealed record ChaptersFile([property: JsonPropertyName("chapters")] List<ChapterEntry>? Chapters);

    private sealed record ChapterEntry(double StartTime, string? Title, bool? Toc);
}
