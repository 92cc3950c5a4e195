using Hangfire;
using Hangfire.Server;
using Podcast.Publishing;
using Podcast.Shows;

namespace Podcast.Queue;

/// <summary>
/// The heavy first half of a queued publish, in the transcribe queue: Whisper on the recording, as publish would run it,
/// its transcript left at <see cref="QueuedEpisode.HeardPath"/> for the <see cref="PublishJob"/> that Hangfire runs
/// after it (a continuation, in the publish queue). It runs on any worker, takes no lock on the show and does not
/// change it; a lease on the job keeps a second run of it from running at once.
/// </summary>
public sealed class TranscribeJob(IJobLeases leases, Func<PipelineStages> stages, Action<string> log, int? threads = null)
{
    /// <summary>Hangfire calls this; <paramref name="context"/> and <paramref name="cancellationToken"/> are its own (the worker's shutdown).</summary>
    [JobDisplayName("transcribe {0}")]
    [Queue(PublishJobs.TranscribeQueueName)]
    public async Task RunAsync(QueuedEpisode episode, PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        using var lease = leases.TryTake(LeaseName(episode)) ?? throw new JobHeldElsewhereException($"{episode.Audio}: another worker is transcribing it; this run waits for a retry");
        var name = Path.GetFileName(episode.Audio);
        if (episode.PublishedSlug() is { } done)
        {
            log($"{name}: already published as \"{done}\"; nothing to transcribe");
            return;
        }

        log($"{name}: transcribing for {episode.Show}");
        var request = new PublishRequest(episode.Audio, episode.Show) { Title = episode.Title, Guests = episode.Guests, HeardPath = episode.HeardPath };
        if (threads is { } n)
            request = request with { Threads = n };
        var heard = await JobProgress.Logged(name, log, () => new PublishPipeline(stages()).HearAsync(request, new JobProgress(context, name, log), w => log($"{name}: warning: {w}"), cancellationToken)).ConfigureAwait(false);
        context?.SetJobParameter(PublishJob.ProgressParameter, "transcribed");
        log(heard ? $"{name}: transcribed; its publish is queued" : $"{name}: a transcript is already there; its publish is queued");
    }

    /// <summary>The lease a running transcription of <paramref name="episode"/> holds: the reaper's sign that its worker lives.</summary>
    internal static string LeaseName(QueuedEpisode episode) => "transcribe:" + episode.Key;

    /// <summary>Removes what Whisper heard once the show has the episode (it then caches its own copy); best effort.</summary>
    internal static void Forget(QueuedEpisode episode)
    {
        try
        {
            if (Directory.Exists(episode.HeardPath))
                Directory.Delete(episode.HeardPath, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
