using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Podcast.Highlights;
using Podcast.Shows;
using Podcast.Storage;
using Podcast.Transcription;

namespace Podcast.Publishing;

/// <summary>
/// The highlights, chapters and notes in an episode folder, and the producer's right to overrule them. Each generated
/// file's SHA-256 is recorded in <c>generated.json</c>; a file whose bytes no longer match (the producer edited it, or
/// made it) is the producer's, and republishing reads it instead of writing over it. Deleting a file, or its line in
/// generated.json, hands it back to the generator.
/// </summary>
internal sealed class EpisodeExtras
{
    public const string ManifestFileName = "generated.json";

    private readonly string _dir;
    private readonly Dictionary<string, string> _generated;

    public EpisodeExtras(string episodeDir)
    {
        _dir = episodeDir;
        _generated = ReadManifest(Path.Combine(episodeDir, ManifestFileName));
    }

    /// <summary>The producer's highlights.json when edited, else the picked ones.</summary>
    public IReadOnlyList<Highlight> Highlights(IReadOnlyList<Highlight> picked) =>
        IsProducers(HighlightsFile.FileName) ? HighlightsFile.Read(PathOf(HighlightsFile.FileName)) : picked;

    /// <summary>The producer's chapters.json when edited, else the picked chapters; one chapter alone is no table of contents, so none.</summary>
    public IReadOnlyList<Chapter> Chapters(IReadOnlyList<Chapter> picked, TimeSpan end) =>
        IsProducers(ChaptersFile.FileName) ? ChaptersFile.Read(PathOf(ChaptersFile.FileName), end) : picked.Count > 1 ? picked : [];

    /// <summary>
    /// Writes highlights.json, chapters.json (when there are chapters), notes.md and notes.html, keeping the producer's
    /// versions, and returns the chapters file for the feed and the notes HTML.
    /// </summary>
    public (EpisodeFile? Chapters, string NotesHtml) Write(IReadOnlyList<Highlight> highlights, IReadOnlyList<Chapter> chapters, string title,
        NotesRequest notes, Transcript transcript)
    {
        WriteUnlessProducers(HighlightsFile.FileName, () => HighlightsFile.Write(highlights));

        EpisodeFile? chaptersFile = null;
        if (chapters.Count > 0 || IsProducers(ChaptersFile.FileName))
        {
            WriteUnlessProducers(ChaptersFile.FileName, () => ChaptersFile.Write(chapters, title));
            chaptersFile = new EpisodeFile(ChaptersFile.FileName, ChaptersFile.MimeType, new FileInfo(PathOf(ChaptersFile.FileName)).Length);
        }

        WriteUnlessProducers(ShowNotes.MarkdownFileName, () => ShowNotes.Compose(notes, transcript, highlights, chapters).Markdown);
        var html = ShowNotes.ToHtml(File.ReadAllText(PathOf(ShowNotes.MarkdownFileName)));
        AtomicFile.WriteAllText(PathOf(ShowNotes.HtmlFileName), html + "\n");
        AtomicFile.WriteAllText(PathOf(ManifestFileName), JsonSerializer.Serialize(_generated, JsonFile.Options) + "\n");
        return (chaptersFile, html);
    }

    private bool IsProducers(string name)
    {
        var path = PathOf(name);
        return File.Exists(path) && (!_generated.TryGetValue(name, out var hash) || hash != Sha256(File.ReadAllBytes(path)));
    }

    private void WriteUnlessProducers(string name, Func<string> generate)
    {
        if (IsProducers(name))
        {
            _generated.Remove(name);
            return;
        }

        var text = generate();
        AtomicFile.WriteAllText(PathOf(name), text);
        _generated[name] = Sha256(File.ReadAllBytes(PathOf(name)));
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static Dictionary<string, string> ReadManifest(string path)
    {
        if (!File.Exists(path))
            return new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path, Encoding.UTF8)) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A damaged manifest only means every existing file is treated as the producer's: nothing they wrote is lost.
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
    }
}
