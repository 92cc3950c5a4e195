using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Storage;

/// <summary>
/// The one shape of every JSON file podcast writes for people to read and edit (episode.json, transcripts,
/// highlights, chapters, records) and of <c>--json</c> output: indented, camelCase, nulls left out, and text kept as
/// written (no \u escapes for accents or quotes) since none of it is embedded in HTML.
/// </summary>
public static class JsonFile
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
