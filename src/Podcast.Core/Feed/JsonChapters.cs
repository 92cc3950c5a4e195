using System.Text;
using System.Text.Json;
using Podcast.Highlights;

namespace Podcast.Feed;

/// <summary>
/// The Podcasting 2.0 JSON chapters file (version 1.2.0) that <c>podcast:chapters</c> links to: chapters in time
/// order, each with startTime, endTime and title in seconds.
/// </summary>
public static class JsonChapters
{
    public const string FileName = "chapters.json";
    public const string MimeType = "application/json+chapters";

    public static string Write(IReadOnlyList<Chapter> chapters, string podcastName, string title)
    {
        ArgumentNullException.ThrowIfNull(chapters);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.2.0");
            json.WriteString("title", XmlText.Clean(title));
            json.WriteString("podcastName", XmlText.Clean(podcastName));
            json.WriteStartArray("chapters");
            foreach (var chapter in chapters.OrderBy(c => c.Start))
            {
                json.WriteStartObject();
                json.WriteNumber("startTime", Math.Round(chapter.Start.TotalSeconds, 3));
                json.WriteNumber("endTime", Math.Round(chapter.End.TotalSeconds, 3));
                json.WriteString("title", XmlText.Clean(chapter.Title));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
