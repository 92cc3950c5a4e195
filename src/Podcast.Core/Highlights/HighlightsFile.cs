using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Highlights;

/// <summary>
/// <c>highlights.json</c>: <c>{"highlights":[{"start":71.2,"end":93.4,"speaker":"...","text":"...","speakerConfidence":0.8}]}</c>,
/// times in seconds, best first; <c>"needsReview": true</c> marks a quote whose speaker is a guess (confidence below
/// <see cref="Speakers.SpeakerCertainty.Threshold"/>). The same shape <c>podcast highlights --json</c> prints, so a
/// producer can edit either. In a file the producer edited, a highlight without <c>"needsReview"</c> is settled: their
/// word, whatever the confidence says; one without <c>"speakerConfidence"</c> is certain.
/// </summary>
public static class HighlightsFile
{
    public const string FileName = "highlights.json";

    private static readonly JsonSerializerOptions Json = Storage.JsonFile.Options;

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
            if (e.SpeakerConfidence is { } c && (!double.IsFinite(c) || c < 0 || c > 1))
                throw PodcastException.InvalidEpisodeFile(path, $"the highlight at {e.Start}s must have a \"speakerConfidence\" from 0 to 1, not {c}");
            var speaker = e.Speaker?.Trim() ?? string.Empty;
            highlights.Add(new Highlight(TimeSpan.FromSeconds(e.Start), TimeSpan.FromSeconds(e.End), speaker, e.Text.Trim())
            {
                SpeakerConfidence = e.SpeakerConfidence ?? 1,
                NeedsReview = e.NeedsReview == true && speaker.Length > 0,
            });
        }

        return highlights;
    }

    /// <summary>One highlight as JSON holds it; <see cref="NeedsReview"/> is written only when true.</summary>
    public sealed record Entry(double Start, double End, string? Speaker, string Text, double? SpeakerConfidence = null, bool? NeedsReview = null)
    {
        public static Entry From(Highlight h)
        {
            ArgumentNullException.ThrowIfNull(h);
            return new Entry(Math.Round(h.Start.TotalSeconds, 3), Math.Round(h.End.TotalSeconds, 3), h.Speaker, h.Text,
                Truncated(h.SpeakerConfidence), h.NeedsReview ? true : null);
        }

        /// <summary>Cut (not rounded) to 3 decimals, so a confidence just under the threshold never reads as the threshold.</summary>
        private static double Truncated(double confidence) => Math.Floor((confidence * 1000) + 1e-9) / 1000;
    }

    private sealed record Document(List<Entry>? Highlights);
}
