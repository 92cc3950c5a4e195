using Hangfire;
using Podcast.Publishing;

namespace Podcast.Queue;

/// <summary>What <c>podcast worker</c> was asked for.</summary>
/// <param name="Drain">Stop when nothing is waiting, running or due to run again.</param>
/// <param name="Workers">Jobs this process runs at once (one publish already takes every core).</param>
/// <param name="Threads">Whisper's threads in a transcription; null for every core. Two workers on one machine each
/// with every core run slower together than one alone (bench/queue-throughput.sh), so each should take its share.</param>
public sealed record WorkerOptions(IReadOnlyList<string> Queues, bool Drain, int Workers = 1, int? Threads = null);

/// <summary>
/// A Hangfire server running queued publishes in this process. Besides running jobs it watches for jobs whose worker
/// died (SIGKILL, a lost machine): a job shown as processing whose lease nobody holds is put back in the queue, so a
/// killed worker costs only the time its job had run.
/// </summary>
public static class QueueWorker
{
    /// <summary>A processing job younger than this may not have taken its lease yet, so it is left alone.</summary>
    private static readonly TimeSpan LeaseGrace = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(PublishJobs queue, WorkerOptions options, Func<PipelineStages> stages, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(options);
        var publish = new PublishJob(queue.Leases, () => stages() with { ShowGate = queue.ShowGate }, log);
        var transcribe = new TranscribeJob(queue.Leases, stages, log, options.Threads);
        var serverOptions = new BackgroundJobServerOptions
        {
            ServerName = $"{Environment.MachineName}:{Environment.ProcessId}",
            Queues = [.. options.Queues],
            WorkerCount = options.Workers,
            Activator = new OneJobActivator(publish, transcribe),
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            ShutdownTimeout = TimeSpan.FromSeconds(30),
        };
        log($"worker {serverOptions.ServerName} on {queue.Location}, queues {string.Join(',', options.Queues)}{(options.Drain ? ", until the queue is empty" : string.Empty)}");
        using (new BackgroundJobServer(serverOptions, queue.Storage))
        {
            var idle = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                Reap(queue, log);

                // Twice in a row, so a job between its fetch and its processing state is not missed.
                idle = queue.Outstanding() == 0 ? idle + 1 : 0;
                if (options.Drain && idle >= 2)
                    break;
            }

            // Disposing the server stops it: a running job's token is cancelled and Hangfire hands the job back.
            log(cancellationToken.IsCancellationRequested ? "stopping: the running job, if any, goes back to the queue" : "the queue is empty");
        }
    }

    /// <summary>Puts back in the queue each processing job that nobody holds the lease of: its worker is gone.</summary>
    internal static void Reap(PublishJobs queue, Action<string> log)
    {
        var monitoring = queue.Storage.GetMonitoringApi();
        var processing = monitoring.ProcessingJobs(0, (int)Math.Max(1000, monitoring.ProcessingCount()));
        foreach (var (id, dto) in processing)
        {
            if (PublishJobs.EpisodeOf(dto?.Job) is not { } episode || dto!.StartedAt is not { } started || DateTime.UtcNow - started < LeaseGrace)
                continue;
            var transcription = PublishJobs.IsTranscription(dto.Job);
            using var probe = queue.Leases.TryTake(transcription ? TranscribeJob.LeaseName(episode) : PublishJob.LeaseName(episode));
            if (probe is null)
                continue;
            if (queue.Replace(id, episode, transcription) is { } replacement)
                log($"job {id} ({Path.GetFileName(episode.Audio)}): its worker {dto.ServerId} is gone; queued again as job {replacement}");
        }
    }

    /// <summary>Hands Hangfire this worker's one <see cref="PublishJob"/> and one <see cref="TranscribeJob"/>, which carry the leases and stages.</summary>
    private sealed class OneJobActivator(PublishJob publish, TranscribeJob transcribe) : JobActivator
    {
        public override object ActivateJob(Type jobType) =>
            jobType == typeof(PublishJob) ? publish : jobType == typeof(TranscribeJob) ? transcribe : base.ActivateJob(jobType);
    }
}
