using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Transcription.Formats;

/// <summary>The Podcasting 2.0 JSON transcript: <c>{"version":"1.0.0","segments":[{speaker,startTime,endTime,body}]}</c>.</summary>
internal static class JsonTranscript
{
    private static readonly JsonSerializerOptions Options = Storage.JsonFile.Options;

    public static string Write(Transcript transcript)
    {
        var file = new JsonFile("1.0.0", [.. transcript.Segments.Select(s => new JsonSegment(s.Speaker, Seconds(s.Start), Seconds(s.End), s.Text.Trim()))]);
        return JsonSerializer.Serialize(file, Options) + "\n";
    }

    public static Transcript Read(string json, string language)
    {
        var file = JsonSerializer.Deserialize<JsonFile>(json, Options)
            ?? throw new FormatException("the file holds JSON null");
        if (file.Segments is null)
            throw new FormatException("no \"segments\" array");
        var segments = new List<TranscriptSegment>();
        foreach (var s in file.Segments)
        {
            if (s.Body is null)
                throw new FormatException("a segment has no \"body\"");
            if (s.StartTime < 0 || s.EndTime < s.StartTime || !double.IsFinite(s.StartTime) || !double.IsFinite(s.EndTime))
                throw new FormatException($"segment at {s.StartTime}s has endTime {s.EndTime}s before its startTime");
            segments.Add(new TranscriptSegment(Timestamps.FromSeconds(s.StartTime), Timestamps.FromSeconds(s.EndTime), s.Body.Trim(), string.IsNullOrWhiteSpace(s.Speaker) ? null : s.Speaker.Trim()));
        }

        return new Transcript(segments, language);
    }

    private static double Seconds(TimeSpan t) => Math.Round(t.TotalSeconds, 3);

    private sealed record JsonFile(string? Version, List<JsonSegment>? Segments);

    private sealed record JsonSegment(string? Speaker, double StartTime, double EndTime, string? Body);
}
