using System.Xml.Linq;
using Podcast.Feed;
using Podcast.Shows;
using Podcast.Storage;

namespace Podcast.Deploy;

/// <summary>What <c>podcast deploy</c> was asked: the show folder, and the flags that override show.yml.</summary>
public sealed record DeployRequest(string ShowPath, S3Location? To = null, Uri? Endpoint = null, string? Region = null, bool DryRun = false);

/// <summary>What a deploy did (or, for a dry run, would do), keys relative to the bucket.</summary>
public sealed record DeployResult(string Target, IReadOnlyList<string> Uploaded, int Unchanged, IReadOnlyList<string> Deleted, IReadOnlyList<Uri> Notified, bool DryRun);

/// <summary>A deploy's plan: the uploads in the order they must happen (feed.xml last), then the deletes.</summary>
public sealed record DeployPlan(IReadOnlyList<ObjectUpload> Uploads, int Unchanged, IReadOnlyList<string> Deletes)
{
    /// <summary>
    /// Orders <paramref name="changed"/> so that nothing the web can reach points at an object not uploaded yet:
    /// audio and covers, then transcripts and chapters, then pages, then feed.xml. Deletes are the objects under the
    /// show's episodes/ that no public file has any more (an unpublished episode's), and run only after the feed.
    /// </summary>
    public static DeployPlan Make(S3Location location, IReadOnlyList<(PublicFile File, FileHashes Hashes)> changed, int unchanged, IEnumerable<string> storedKeys, IReadOnlyCollection<PublicFile> all)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(all);
        var uploads = changed
            .OrderBy(c => c.File.Phase).ThenBy(c => c.File.RelativePath, StringComparer.Ordinal)
            .Select(c => new ObjectUpload(location.Key(c.File.RelativePath), c.File.FullPath, c.File.ContentType, c.File.CacheControl, c.Hashes))
            .ToList();
        var keep = all.Select(f => location.Key(f.RelativePath)).ToHashSet(StringComparer.Ordinal);
        var deletes = storedKeys
            .Where(k => k.StartsWith(location.Key(PublicFiles.EpisodesFolder), StringComparison.Ordinal) && !keep.Contains(k))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new DeployPlan(uploads, unchanged, deletes);
    }
}

/// <summary>
/// Puts a show's public files into an S3-compatible bucket so that the web stays consistent at every moment: only
/// files whose content differs from what the bucket holds are uploaded, everything the feed points to goes before
/// the feed, and objects of unpublished episodes are deleted only once the new feed no longer lists them. A deploy
/// that stops anywhere leaves the old feed.xml (or, during deletes, the new one) and a rerun completes it. The show's
/// lock is held throughout, so a publish cannot change the files between the uploads and the feed.
/// </summary>
public sealed class Deployer(Func<DeployTarget, IObjectStore> openStore, HubNotifier notifier, Func<string, string?> environment)
{
    public async Task<DeployResult> DeployAsync(DeployRequest request, Action<string> progress, Action<string> warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(warn);
        var folder = new ShowFolder(request.ShowPath);
        var show = ShowFile.Load(folder);
        var target = DeployTarget.Resolve(show.Deploy, request.To, request.Endpoint, request.Region, environment);
        var location = target.Location;

        using var showLock = await ShowLock.AcquireAsync(folder.LockFile, ShowLock.DefaultTimeout, warn, cancellationToken).ConfigureAwait(false);
        CheckFeed(folder, show, warn);
        var files = PublicFiles.Of(folder, show, EpisodeStore.LoadAll(folder));

        var store = openStore(target);
        try
        {
            var stored = (await store.ListAsync(location.Prefix, cancellationToken).ConfigureAwait(false)).ToDictionary(o => o.Key, StringComparer.Ordinal);
            var changed = new List<(PublicFile, FileHashes)>();
            foreach (var file in files)
            {
                var hashes = FileHashes.Of(file.FullPath);
                if (!stored.TryGetValue(location.Key(file.RelativePath), out var have) || !await HoldsAsync(store, have, hashes, cancellationToken).ConfigureAwait(false))
                    changed.Add((file, hashes));
            }

            var plan = DeployPlan.Make(location, changed, files.Count - changed.Count, stored.Keys, files);
            if (request.DryRun)
            {
                foreach (var upload in plan.Uploads)
                    progress($"would upload {upload.Key} ({upload.ContentType})");
                foreach (var key in plan.Deletes)
                    progress($"would delete {key}");
                return new DeployResult(location.ToString(), [.. plan.Uploads.Select(u => u.Key)], plan.Unchanged, plan.Deletes, [], DryRun: true);
            }

            var done = 0;
            foreach (var upload in plan.Uploads)
            {
                await StepAsync($"upload {upload.Key} ({new FileInfo(upload.FilePath).Length / 1024.0:0.#} KiB, {upload.ContentType}, {upload.CacheControl})", progress,
                    () => store.PutAsync(upload, cancellationToken),
                    () => $"{done} of {plan.Uploads.Count} uploads done, feed.xml not replaced, so listeners still get the old feed: run podcast deploy again to finish").ConfigureAwait(false);
                done++;
            }

            var deleted = new List<string>();
            foreach (var key in plan.Deletes)
            {
                await StepAsync($"delete {key}", progress,
                    () => store.DeleteAsync(key, cancellationToken),
                    () => $"the new feed is live; {plan.Deletes.Count - deleted.Count} objects it no longer lists are still in the bucket: run podcast deploy again to delete them").ConfigureAwait(false);
                deleted.Add(key);
            }

            var feedChanged = plan.Uploads.Any(u => u.Key == location.Key("feed.xml"));
            IReadOnlyList<Uri> notified = feedChanged
                ? await notifier.NotifyAsync(show.FeedUrl, show.Deploy, environment, warn, cancellationToken).ConfigureAwait(false)
                : [];
            return new DeployResult(location.ToString(), [.. plan.Uploads.Select(u => u.Key)], plan.Unchanged, deleted, notified, DryRun: false);
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    /// <summary>Says what it is about to do, does it, and on a store failure says too what state the bucket is left in.</summary>
    private static async Task StepAsync(string line, Action<string> progress, Func<Task> call, Func<string> stateIfStopped)
    {
        progress(line);
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (PodcastException e) when (e.Code == ExitCode.DeployFailed)
        {
            throw PodcastException.DeployInterrupted(e, stateIfStopped());
        }
    }

    /// <summary>Whether the bucket's object has this content: by its ETag when that is an MD5, else by the SHA-256 an upload recorded.</summary>
    private static async Task<bool> HoldsAsync(IObjectStore store, StoredObject stored, FileHashes hashes, CancellationToken cancellationToken) =>
        FileHashes.IsContentMd5(stored.ETag)
            ? hashes.MatchesETag(stored.ETag)
            : string.Equals(await store.ReadSha256Async(stored.Key, cancellationToken).ConfigureAwait(false), hashes.Sha256Hex, StringComparison.OrdinalIgnoreCase);

    /// <summary>A feed that `podcast feed check` fails is not put on the web; one without the hubs show.yml names is, with a warning.</summary>
    private static void CheckFeed(ShowFolder folder, Show show, Action<string> warn)
    {
        if (!File.Exists(folder.FeedFile))
            throw PodcastException.FeedInvalid(folder.FeedFile, "missing: publish an episode first; deploy uploads the show as publish left it");
        var problems = FeedChecker.CheckFile(folder, show.BaseUrl);
        var errors = problems.Where(p => p.Severity == FeedSeverity.Error).Select(p => p.ToString()).ToList();
        if (errors.Count > 0)
            throw PodcastException.FeedInvalid(folder.FeedFile, $"not deployed, it fails `podcast feed check` ({errors.Count} error{(errors.Count == 1 ? string.Empty : "s")}): {string.Join("; ", errors)}");

        var hubs = XDocument.Load(folder.FeedFile).Root?.Element("channel")?.Elements(XName.Get("link", RssFeedWriter.Atom))
            .Where(l => (string?)l.Attribute("rel") == "hub").Select(l => (string?)l.Attribute("href")).ToHashSet(StringComparer.Ordinal) ?? [];
        foreach (var hub in show.Deploy.Hubs.Where(h => !hubs.Contains(h.AbsoluteUri)))
            warn($"{folder.FeedFile}: does not name the hub {hub.AbsoluteUri} that show.yml lists (it was written before the hub was added; the next publish or unpublish adds it); deploy pings the hub all the same");
    }
}
