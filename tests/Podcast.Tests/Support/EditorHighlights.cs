using System.Text.Json;
using Podcast.Highlights;
using Podcast.Transcription;

namespace Podcast.Tests.Support;

/// <summary>
/// A highlight stage that returns the fixture's editor highlights (truth.json) as soundbites, and one chapter per
/// highlight after an introduction: so the feed has soundbites and chapters before the real picker exists.
/// </summary>
public sealed class EditorHighlights : IHighlightPicker
{
    public EditorHighlights()
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Fixtures.CallTruth));
        var sentences = truth.RootElement.GetProperty("sentences").EnumerateArray().Select(s => s.GetProperty("text").GetString()!).ToList();
        var duration = TimeSpan.FromSeconds(truth.RootElement.GetProperty("duration_seconds").GetDouble());
        Highlights = [.. truth.RootElement.GetProperty("editor_highlights").EnumerateArray().Select(h => new Highlight(
            TimeSpan.FromSeconds(h.GetProperty("start").GetDouble()),
            TimeSpan.FromSeconds(h.GetProperty("end").GetDouble()),
            h.GetProperty("speaker").GetString()!,
            string.Join(' ', h.GetProperty("sentences").EnumerateArray().Select(i => sentences[i.GetInt32()]))))];
        var starts = new[] { TimeSpan.Zero }.Concat(Highlights.Select(h => h.Start)).ToList();
        Chapters = [.. starts.Select((start, i) => new Chapter(
            start,
            i + 1 < starts.Count ? starts[i + 1] : duration,
            i == 0 ? "Introduction" : $"Hassan Hassan, part {i}"))];
    }

    public IReadOnlyList<Highlight> Highlights { get; }

    public IReadOnlyList<Chapter> Chapters { get; }

    public EpisodeHighlights Pick(Transcript transcript, HighlightRequest request, CancellationToken cancellationToken) => new(Highlights, Chapters);
}
