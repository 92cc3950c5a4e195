using Podcast.Feed;
using Podcast.Shows;
using Podcast.Storage;

namespace Podcast.Publishing;

/// <summary>
/// Takes one episode out of a show: under the show's lock, feed.xml is rewritten without it (checked, atomically)
/// and only then is its folder removed, so a listener never sees an item whose files are gone.
/// </summary>
public sealed class Unpublisher(IFeedWriter feed)
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Removes the episode and returns it as it was; the feed's warnings go to <paramref name="warn"/>.</summary>
    public async Task<Episode> UnpublishAsync(string showPath, string slug, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(showPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        var folder = new ShowFolder(showPath);
        var show = ShowFile.Load(folder);
        var episodeDir = folder.EpisodeDirectory(slug);
        FeedGuard.EnsureReplaceable(folder);

        using var showLock = await ShowLock.AcquireAsync(folder.LockFile, LockTimeout, warn, cancellationToken).ConfigureAwait(false);
        var episodes = EpisodeStore.LoadAll(folder);
        var removed = episodes.FirstOrDefault(e => e.Slug == slug) ?? throw PodcastException.EpisodeNotFound(folder.Root, slug);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var problem in ShowFeed.Write(folder, show, [.. episodes.Where(e => e.Slug != slug)], feed))
            warn?.Invoke($"feed: {problem.Element}: {problem.Message}");

        // The feed no longer names the episode; from here on its files are only clutter, so removal is not cancellable.
        try
        {
            Directory.Delete(episodeDir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.WriteFailed(episodeDir, AtomicFile.DescribeIoError(e) + "; the feed no longer lists it, so the folder can be deleted by hand", e);
        }

        return removed;
    }
}
