using Podcast.Feed;
using Podcast.Shows;

namespace Podcast.Deploy;

/// <summary>When a file goes up: everything the feed and pages point to before them, and the feed last of all.</summary>
public enum DeployPhase
{
    Media = 0,
    Text = 1,
    Page = 2,
    Feed = 3,
}

/// <summary>A file listeners fetch: its path under the show (with '/'), where it is on disk, and how it is served.</summary>
public sealed record PublicFile(string RelativePath, string FullPath, DeployPhase Phase)
{
    public string ContentType => PublicFiles.ContentTypeOf(RelativePath);

    public string CacheControl => PublicFiles.CacheControlOf(Phase);
}

/// <summary>
/// The show's public files are exactly what the feed and the pages link to: feed.xml, the show page and cover, and
/// each episode's audio, transcripts, chapters and page. The set is derived from show.yml and the episodes'
/// episode.json rather than from a list of names to skip, so show.yml, episode.json, generated.json, transcript
/// caches, the lock and temp files can never be uploaded, whatever else lands in the folder.
/// </summary>
public static class PublicFiles
{
    /// <summary>Feeds and pages change with every publish; apps and browsers should see a new one within minutes.</summary>
    public const string ShortCache = "public, max-age=300";

    /// <summary>Transcripts and chapters change only when a producer corrects them.</summary>
    public const string MediumCache = "public, max-age=3600";

    /// <summary>
    /// Audio and covers are large and rarely change. Not "immutable": a republish replaces an episode's MP3 at the
    /// same URL, so a day is as long as a CDN may keep the old one.
    /// </summary>
    public const string LongCache = "public, max-age=86400";

    /// <summary>The episodes' folder under the show: the only place deploy deletes objects from.</summary>
    public const string EpisodesFolder = "episodes/";

    public static IReadOnlyList<PublicFile> Of(ShowFolder folder, Show show, IReadOnlyList<Episode> episodes)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(episodes);
        var files = new List<PublicFile>();
        void Add(string relative, DeployPhase phase, bool required)
        {
            var full = Path.Combine(folder.Root, relative.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(full))
                files.Add(new PublicFile(relative, full, phase));
            else if (required)
                throw PodcastException.InputNotFound(full);
        }

        foreach (var episode in episodes)
        {
            var dir = EpisodesFolder + episode.Slug + "/";
            Add(dir + episode.Audio.FileName, DeployPhase.Media, required: true);
            foreach (var transcript in episode.Transcripts)
                Add(dir + transcript.FileName, DeployPhase.Text, required: true);
            if (episode.Chapters is { } chapters)
                Add(dir + chapters.FileName, DeployPhase.Text, required: true);
            Add(dir + "index.html", DeployPhase.Page, required: false);
        }

        Add((show.Image ?? ShowFeed.DefaultCoverName).Replace('\\', '/'), DeployPhase.Media, required: show.Image is not null);
        Add("index.html", DeployPhase.Page, required: false);
        Add("feed.xml", DeployPhase.Feed, required: true);
        return [.. files.DistinctBy(f => f.RelativePath, StringComparer.Ordinal)];
    }

    public static string ContentTypeOf(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        if (relativePath == "feed.xml")
            return "application/rss+xml";
        return Path.GetExtension(relativePath).ToLowerInvariant() switch
        {
            ".mp3" => "audio/mpeg",
            ".m4a" => "audio/mp4",
            ".vtt" => "text/vtt",
            ".srt" => "application/x-subrip",
            ".json" => "application/json",
            ".html" => "text/html",
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".xml" => "application/xml",
            ".txt" => "text/plain",
            _ => "application/octet-stream",
        };
    }

    public static string CacheControlOf(DeployPhase phase) => phase switch
    {
        DeployPhase.Media => LongCache,
        DeployPhase.Text => MediumCache,
        _ => ShortCache,
    };
}
