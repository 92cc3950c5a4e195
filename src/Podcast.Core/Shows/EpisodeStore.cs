using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Shows;

/// <summary>Reads and writes <c>episode.json</c>, the record of each published episode.</summary>
public static class EpisodeStore
{
    internal static readonly JsonSerializerOptions Json = Storage.JsonFile.Options;

    /// <summary>Every complete episode of the show, newest first. A folder without a readable episode.json is not published.</summary>
    public static IReadOnlyList<Episode> LoadAll(ShowFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder.EpisodesDirectory))
            return [];
        var episodes = new List<Episode>();
        foreach (var dir in Directory.EnumerateDirectories(folder.EpisodesDirectory))
        {
            var slug = Path.GetFileName(dir);
            if (!EpisodeSlug.IsValid(slug))
                continue;
            var file = Path.Combine(dir, "episode.json");
            if (!File.Exists(file))
                continue;
            episodes.Add(Load(file));
        }

        return Ordered(episodes);
    }

    /// <summary>The feed's order: newest first, ties by slug so the order never depends on the file system.</summary>
    public static IReadOnlyList<Episode> Ordered(IEnumerable<Episode> episodes) =>
        [.. episodes.OrderByDescending(e => e.Published).ThenBy(e => e.Slug, StringComparer.Ordinal)];

    public static Episode Load(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<Episode>(File.ReadAllText(file), Json)
                ?? throw PodcastException.FeedInvalid(file, "holds JSON null");
        }
        catch (JsonException e)
        {
            throw PodcastException.FeedInvalid(file, $"is not a valid episode record ({e.Message}); restore it from a backup or remove the episode folder", e);
        }
    }

    public static void Save(ShowFolder folder, Episode episode)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(episode);
        Storage.AtomicFile.WriteAllText(folder.EpisodeFile(episode.Slug), JsonSerializer.Serialize(episode, Json) + "\n");
    }
}
