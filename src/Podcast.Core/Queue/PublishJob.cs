using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.States;
using Hangfire.Storage;
using Podcast.Publishing;
using Podcast.Shows;

namespace Podcast.Queue;

/// <summary>
/// One queued publish, run by a worker once its <see cref="TranscribeJob"/> has succeeded: the real publish pipeline
/// on what Whisper heard there (never Whisper itself), under a lease on the job so that only one worker runs it at a
/// time, and skipped when the show already has the recording (a rerun after a worker died past its commit).
/// </summary>
public sealed class PublishJob(IJobLeases leases, Func<PipelineStages> stages, Action<string> log)
{
    /// <summary>The job parameter that holds what a running job is doing ("transcribe 40%"), for status and the dashboard.</summary>
    public const string ProgressParameter = "podcast-progress";

    /// <summary>Hangfire calls this; <paramref name="context"/> and <paramref name="cancellationToken"/> are its own (the worker's shutdown).</summary>
    /// <remarks>The queue is the method's, so a retry or requeue puts the job back in it rather than in "default".</remarks>
    [JobDisplayName("publish {0}")]
    [Queue(PublishJobs.QueueName)]
    public async Task RunAsync(QueuedEpisode episode, PerformContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(episode);
        using var lease = leases.TryTake(LeaseName(episode)) ?? throw new JobHeldElsewhereException($"{episode.Audio}: another worker is publishing it; this run waits for a retry");
        var name = Path.GetFileName(episode.Audio);
        if (episode.PublishedSlug() is { } done)
        {
            log($"{name}: already published as \"{done}\"; nothing to do");
            TranscribeJob.Forget(episode);
            return;
        }

        log($"{name}: publishing to {episode.Show}");
        var request = new PublishRequest(episode.Audio, episode.Show) { Title = episode.Title, Guests = episode.Guests, HeardPath = episode.HeardPath };
        var result = await JobProgress.Logged(name, log, () => new PublishPipeline(stages()).PublishAsync(request, new JobProgress(context, name, log), w => log($"{name}: warning: {w}"), cancellationToken)).ConfigureAwait(false);
        context?.SetJobParameter(ProgressParameter, "published");
        TranscribeJob.Forget(episode);
        log(string.Create(CultureInfo.InvariantCulture, $"{name}: published \"{result.Slug}\" ({result.AudioSeconds:0} s) to {result.Feed}"));
    }

    /// <summary>The lease a running publish of <paramref name="episode"/> holds: the reaper's sign that its worker lives.</summary>
    internal static string LeaseName(QueuedEpisode episode) => "job:" + episode.Key;
}

/// <summary>
/// Stage progress into the job (status, dashboard) and the worker's log: a new stage at once, the same stage at most
/// every few seconds, and never more than a few writes a second (stages that report side by side, in turn, would
/// otherwise write the jobs database at each report).
/// </summary>
internal sealed class JobProgress(PerformContext? context, string name, Action<string> log) : IProgress<StageProgress>
{
    private static readonly TimeSpan SameStage = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan AnyStage = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private string _stage = string.Empty;
    private string _text = string.Empty;
    private DateTime _last = DateTime.MinValue;

    public void Report(StageProgress value)
    {
        var now = DateTime.UtcNow;
        var text = string.Create(CultureInfo.InvariantCulture, $"{value.Stage} {value.Fraction:P0}");
        using var held = _lock.EnterScope();
        if (text == _text || now - _last < AnyStage || (value.Stage == _stage && now - _last < SameStage && value.Fraction < 1))
            return;
        _stage = value.Stage;
        _text = text;
        _last = now;
        context?.SetJobParameter(PublishJob.ProgressParameter, text);
        log($"{name}: {text}");
    }

    /// <summary>Runs a job's work; its one-line error, if any, goes to the worker's log (saying whether it is retried) before Hangfire gets it.</summary>
    public static async Task<T> Logged<T>(string name, Action<string> log, Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (PodcastException e)
        {
            log($"{name}: failed{(RetryUnlessBadInput.Retryable(e.Code) ? string.Empty : " (not retried)")}: {e.Message}");
            throw;
        }
    }
}

/// <summary>Another live worker holds this job's lease: this run is a duplicate and stands aside; the retry finds it done.</summary>
public sealed class JobHeldElsewhereException(string message) : Exception(message);

/// <summary>
/// Hangfire's automatic retry, except for what a retry cannot fix: bad input (not audio, a missing file, a broken show
/// or transcript) fails once with its one-line error. A busy show, a failed write or a bug is retried a few times.
/// </summary>
internal sealed class RetryUnlessBadInput : JobFilterAttribute, IElectStateFilter, IApplyStateFilter
{
    private readonly AutomaticRetryAttribute _retry = new() { Attempts = 5, DelaysInSeconds = [5, 30, 120, 600, 1800] };

    public void OnStateElection(ElectStateContext context)
    {
        if (context.CandidateState is FailedState { Exception: PodcastException e } && !Retryable(e.Code))
            return;
        _retry.OnStateElection(context);
    }

    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction) => _retry.OnStateApplied(context, transaction);

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction) => _retry.OnStateUnapplied(context, transaction);

    internal static bool Retryable(ExitCode code) => code is ExitCode.Busy or ExitCode.WriteFailed or ExitCode.Failure;
}
