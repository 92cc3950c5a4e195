using Podcast.Shows;
using Podcast.Storage;

namespace Podcast.Site;

/// <summary>
/// Writes <c>index.html</c> for the show and <c>episodes/&lt;slug&gt;/index.html</c> for each episode. Pages link
/// to each other and to the audio, cover and feed by relative URLs, so the show folder can be opened from disk or
/// copied to any static host; only the metadata for crawlers and link previews (canonical, Open Graph, JSON-LD)
/// names the public base URL from show.yml. Each page is replaced atomically.
/// </summary>
internal sealed class StaticSiteWriter : ISiteWriter
{
    public const string PageName = "index.html";

    public void Write(ShowFolder folder, Show show, IReadOnlyList<Episode> episodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(episodes);

        var cover = CoverFile(folder, show);
        foreach (var episode in episodes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var media = EpisodeMediaReader.Read(folder, episode);
            AtomicFile.WriteAllText(Path.Combine(folder.EpisodeDirectory(episode.Slug), PageName), EpisodePage.Render(show, episode, media, cover));
        }

        AtomicFile.WriteAllText(Path.Combine(folder.Root, PageName), ShowPage.Render(show, episodes, cover));
    }

    /// <summary>The cover's path relative to the show folder, with forward slashes; null while the show has none.</summary>
    private static string? CoverFile(ShowFolder folder, Show show)
    {
        var relative = Feed.ShowFeed.CoverName(show).Replace('\\', '/');
        return File.Exists(Path.Combine(folder.Root, relative)) ? relative : null;
    }
}
