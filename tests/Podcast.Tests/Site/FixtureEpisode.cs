using System.Text.Json;
using System.Text.Json.Nodes;
using Podcast.Shows;
using Podcast.Tests.Support;

namespace Podcast.Tests.Site;

/// <summary>
/// The fixture call published into a scratch show with the real executable. Where the publish did not pick
/// highlights or chapters, the editor's highlights from truth.json become the episode's soundbites and each host
/// question starts a chapter, so the page has all its parts whatever stages exist; the pages are then rebuilt by
/// <c>podcast serve</c> when it starts.
/// </summary>
public sealed class FixtureEpisode : IDisposable
{
    private readonly Lazy<ServedShow> _served;

    public FixtureEpisode()
    {
        Show = new TempShow();
        if (!File.Exists(Path.Combine(Show.Root, "cover.png")))
        {
            // A plain square in the Apple size range, so the pages have a cover to show.
            var cover = PodcastCli.Tool("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=0x7a1f24:s=1400x1400", "-frames:v", "1", Path.Combine(Show.Root, "cover.png"));
            Assert.True(cover.ExitCode == 0, cover.Stderr);
        }

        var result = PodcastCli.Run("publish", Fixtures.CallMp3, "--show", Show.Root, "--transcript", Fixtures.CallTranscript,
            "--title", "Deeply Talks: The Battle Against ISIS in Deir Ezzor", "--guest", "Hassan Hassan",
            "--summary", "Syria Deeply talks with Hassan Hassan of the Tahrir Institute for Middle East Policy about the battle for ISIS' last Syrian stronghold.",
            "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Directory = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("episodeDir").GetString()!;

        using var truth = JsonDocument.Parse(File.ReadAllText(Fixtures.CallTruth));
        var episode = EpisodeStore.Load(EpisodeJson);
        if (episode.Soundbites.Count == 0)
            episode = episode with { Soundbites = EditorHighlights(truth.RootElement) };
        var chapters = Path.Combine(Directory, episode.Chapters?.FileName ?? "chapters.json");
        if (!File.Exists(chapters))
        {
            File.WriteAllText(chapters, HostQuestionChapters(truth.RootElement).ToJsonString());
            episode = episode with { Chapters = new EpisodeFile("chapters.json", "application/json+chapters", new FileInfo(chapters).Length) };
        }

        EpisodeStore.Save(new ShowFolder(Show.Root), episode);
        Episode = episode;
        ChaptersFile = chapters;
        _served = new Lazy<ServedShow>(() => ServedShow.Start(Show.Root));
    }

    /// <summary>One <c>podcast serve</c> of the show shared by a test class, started on first use; it also rebuilds the pages.</summary>
    public ServedShow Served => _served.Value;

    public TempShow Show { get; }

    /// <summary>The width of the show's cover.png in pixels, as ffprobe reads it.</summary>
    public int CoverWidth
    {
        get
        {
            var probe = PodcastCli.Tool("ffprobe", "-v", "error", "-show_entries", "stream=width", "-of", "csv=p=0", Path.Combine(Show.Root, "cover.png"));
            Assert.True(probe.ExitCode == 0, probe.Stderr);
            return int.Parse(probe.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public string Directory { get; }

    public Episode Episode { get; }

    public string ChaptersFile { get; }

    public string EpisodeJson => Path.Combine(Directory, "episode.json");

    public string PagePath => $"episodes/{Episode.Slug}/";

    /// <summary>Chapter start times as chapters.json gives them, in order.</summary>
    public IReadOnlyList<double> ChapterStarts()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(ChaptersFile));
        return [.. json.RootElement.GetProperty("chapters").EnumerateArray().Select(c => c.GetProperty("startTime").GetDouble())];
    }

    public void Dispose()
    {
        if (_served.IsValueCreated)
            _served.Value.Dispose();
        Show.Dispose();
    }

    private static List<Soundbite> EditorHighlights(JsonElement truth)
    {
        var sentences = truth.GetProperty("sentences").EnumerateArray().ToList();
        return [.. truth.GetProperty("editor_highlights").EnumerateArray().Select(h =>
        {
            var text = string.Join(' ', h.GetProperty("sentences").EnumerateArray().Select(i => sentences[i.GetInt32()].GetProperty("text").GetString()));
            var start = h.GetProperty("start").GetDouble();
            return new Soundbite(start, h.GetProperty("end").GetDouble() - start, text, h.GetProperty("speaker").GetString());
        })];
    }

    private static JsonObject HostQuestionChapters(JsonElement truth)
    {
        var sentences = truth.GetProperty("sentences").EnumerateArray().ToList();
        var chapters = new JsonArray();
        var turn = -1;
        foreach (var s in sentences.Where(s => s.GetProperty("role").GetString() == "host"))
        {
            if (s.GetProperty("turn").GetInt32() == turn)
                continue;
            turn = s.GetProperty("turn").GetInt32();
            var title = s.GetProperty("text").GetString()!;
            chapters.Add(new JsonObject
            {
                ["startTime"] = chapters.Count == 0 ? 0 : s.GetProperty("start").GetDouble(),
                ["title"] = title.Length > 60 ? title[..57] + "..." : title,
            });
        }

        return new JsonObject { ["version"] = "1.2.0", ["chapters"] = chapters };
    }
}
