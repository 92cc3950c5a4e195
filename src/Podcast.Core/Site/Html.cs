using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Podcast.Site;

/// <summary>
/// Every piece of text that goes into a page goes through here. <see cref="Text"/> is safe both between tags and
/// inside a double-quoted attribute; <see cref="ScriptJson"/> is safe inside a script element (it escapes &lt;, &gt;
/// and &amp;, so no value can close the element).
/// </summary>
internal static class Html
{
    // All of Unicode passes through readable; only what HTML gives meaning to (< > & " ' and controls) is escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly JsonSerializerOptions ScriptJsonOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public static string Text(string? value) => Encoder.Encode(value ?? string.Empty);

    /// <summary>A relative or absolute URL for an href/src attribute; its path segments must already be percent-encoded.</summary>
    public static string Url(string url) => Encoder.Encode(url);

    public static string ScriptJson(JsonNode node) => node.ToJsonString(ScriptJsonOptions);

    /// <summary>Seconds as a plain decimal number for data attributes and media fragments.</summary>
    public static string Seconds(double seconds) => Math.Round(seconds, 3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A time as listeners read it on a player: 1:09, or 1:02:09 past the hour.</summary>
    public static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return t.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}:{t.Seconds:00}");
    }

    /// <summary>An ISO 8601 duration (PT3M32S) for schema.org and the time element's datetime.</summary>
    public static string IsoDuration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        var text = "PT";
        if (t.TotalHours >= 1)
            text += ((int)t.TotalHours).ToString(CultureInfo.InvariantCulture) + "H";
        if (t.Minutes > 0)
            text += t.Minutes.ToString(CultureInfo.InvariantCulture) + "M";
        return text + t.Seconds.ToString(CultureInfo.InvariantCulture) + "S";
    }

    /// <summary>"Approx. 4 minutes", as the seed article gives its read time.</summary>
    public static string ListenTime(double seconds)
    {
        var minutes = Math.Max(1, (int)Math.Round(seconds / 60));
        return minutes == 1 ? "Approx. 1 minute" : string.Create(CultureInfo.InvariantCulture, $"Approx. {minutes} minutes");
    }

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => string.Empty,
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    /// <summary>Each path segment percent-encoded, joined with slashes: a relative URL that works from file:// and any host.</summary>
    public static string RelativeUrl(params string[] segments) => string.Join('/', segments.Select(Uri.EscapeDataString));
}
