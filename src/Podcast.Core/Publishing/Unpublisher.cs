using Podcast.Feed;
using Podcast.Shows;

namespace Podcast.Publishing;

/// <summary>
/// Takes one episode out of a show: under the show's lock, feed.xml is rewritten without it (checked, atomically)
/// and only then is its folder removed (<see cref="ShowCommit.Remove"/>).
/// </summary>
/// <param name="gate">The lock per show across machines that queue workers take (<c>PODCAST_JOBS_DB</c>); null on one machine.</param>
public sealed class Unpublisher(IFeedWriter feed, Storage.IShowGate? gate = null)
{
    /// <summary>Removes the episode and returns it as it was; the feed's warnings go to <paramref name="warn"/>.</summary>
    public async Task<Episode> UnpublishAsync(string showPath, string slug, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(showPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        var folder = new ShowFolder(showPath);
        var show = ShowFile.Load(folder);
        FeedGuard.EnsureReplaceable(folder);

        using var commit = await ShowCommit.BeginAsync(folder, show, feed, warn, gate, cancellationToken).ConfigureAwait(false);
        return commit.Remove(slug, cancellationToken);
    }
}
