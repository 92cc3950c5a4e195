using Podcast.Feed;
using Podcast.Shows;
using Podcast.Storage;

namespace Podcast.Publishing;

/// <summary>
/// The one way publish and unpublish change a show, under its lock: the temp files of killed runs are swept, the
/// feed the change makes is rendered and must pass <c>podcast feed check</c> before anything listeners see is
/// touched; then the staged audio is moved into place, the episode.json written (or the episode's folder removed) and
/// feed.xml replaced, each atomically. A refused feed leaves feed.xml, the episode.json files and the audio as they were.
/// </summary>
internal sealed class ShowCommit : IDisposable
{
    private readonly ShowLock _lock;
    private readonly IDisposable? _gate;
    private readonly ShowFolder _folder;
    private readonly Show _show;
    private readonly IFeedWriter _feed;
    private readonly Action<string>? _warn;

    private ShowCommit(ShowLock held, IDisposable? gate, ShowFolder folder, Show show, IFeedWriter feed, Action<string>? warn)
    {
        _lock = held;
        _gate = gate;
        _folder = folder;
        _show = show;
        _feed = feed;
        _warn = warn;
    }

    /// <summary>
    /// Waits for the show's lock (saying so through <paramref name="warn"/>), then sweeps what killed runs left. With a
    /// <paramref name="gate"/> (workers on many machines) its lock is taken first: the lock file's owner check only
    /// knows this machine's processes.
    /// </summary>
    public static async Task<ShowCommit> BeginAsync(ShowFolder folder, Show show, IFeedWriter feed, Action<string>? warn, IShowGate? gate, CancellationToken cancellationToken)
    {
        var entered = gate is null ? null : await gate.EnterAsync(folder.Root, cancellationToken).ConfigureAwait(false);
        try
        {
            var held = await ShowLock.AcquireAsync(folder.LockFile, ShowLock.DefaultTimeout, warn, cancellationToken).ConfigureAwait(false);
            AtomicFile.SweepStale(folder.Root);
            return new ShowCommit(held, entered, folder, show, feed, warn);
        }
        catch
        {
            entered?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Puts <paramref name="episode"/>, whose other files are already in its folder, into the show: the feed with it
    /// is checked with <paramref name="audio"/> seen in place; then the audio is moved there, episode.json written
    /// (from then on <paramref name="draft"/> is kept) and feed.xml replaced, last. Returns the show's episodes, feed order.
    /// </summary>
    public IReadOnlyList<Episode> Add(Episode episode, StagedFile audio, EpisodeDraft draft)
    {
        var episodes = EpisodeStore.Ordered([.. EpisodeStore.LoadAll(_folder).Where(e => e.Slug != episode.Slug), episode]);
        var feed = ShowFeed.Prepare(_folder, _show, episodes, _feed, audio.AsMap());
        audio.MoveIntoPlace();
        EpisodeStore.Save(_folder, episode);
        draft.Keep();
        Replace(feed);
        return episodes;
    }

    /// <summary>
    /// Takes the episode <paramref name="slug"/> out of the show: feed.xml is replaced without it (checked) and only
    /// then is its folder removed, so a listener never sees an item whose files are gone. Returns it as it was.
    /// </summary>
    public Episode Remove(string slug, CancellationToken cancellationToken)
    {
        var episodes = EpisodeStore.LoadAll(_folder);
        var removed = episodes.FirstOrDefault(e => e.Slug == slug) ?? throw PodcastException.EpisodeNotFound(_folder.Root, slug);
        cancellationToken.ThrowIfCancellationRequested();
        Replace(ShowFeed.Prepare(_folder, _show, [.. episodes.Where(e => e.Slug != slug)], _feed));

        // The feed no longer names the episode; from here on its files are only clutter, so removal is not cancellable.
        var episodeDir = _folder.EpisodeDirectory(slug);
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

    public void Dispose()
    {
        _lock.Dispose();
        _gate?.Dispose();
    }

    private void Replace(CheckedFeed feed)
    {
        AtomicFile.WriteAllText(_folder.FeedFile, feed.Xml);
        foreach (var problem in feed.Warnings)
            _warn?.Invoke($"feed: {problem.Element}: {problem.Message}");
    }
}
