using System.Security.Cryptography;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Hangfire.Storage.SQLite;
using Podcast.Shows;

namespace Podcast.Queue;

/// <summary>
/// The queue of publishes, on Hangfire: with <c>PODCAST_JOBS_DB</c> (an Npgsql connection string) one PostgreSQL that
/// every worker on every machine shares; without it an SQLite file, jobs.db, in the folder that holds the shows (one
/// machine, no server). Adding, status and retry are here; running the jobs is <see cref="QueueWorker"/>'s.
/// </summary>
public sealed class PublishJobs
{
    public const string DatabaseVariable = "PODCAST_JOBS_DB";

    /// <summary>The queue of the part of a publish that writes the show (Hangfire's names are lower-case letters, digits and underscores).</summary>
    public const string QueueName = "publish";

    /// <summary>The queue of the heavy part, Whisper, which runs anywhere and writes nothing in the show.</summary>
    public const string TranscribeQueueName = "transcribe";

    /// <summary>What a worker takes jobs from unless told otherwise: both, a transcribed recording's publish first.</summary>
    public static readonly IReadOnlyList<string> AllQueues = [QueueName, TranscribeQueueName];

    /// <summary>
    /// Hash from job key (<see cref="QueuedEpisode.Key"/>) to the Hangfire job id that publishes it, and from the key
    /// with <see cref="TranscribeSuffix"/> to the job that transcribes it first.
    /// </summary>
    private const string KeysHash = "podcast:job-keys";

    private const string TranscribeSuffix = "|transcribe";

    /// <summary>States of a job that will still run: adding its recording again queues nothing.</summary>
    private static readonly HashSet<string> Unfinished = [EnqueuedState.StateName, ProcessingState.StateName, ScheduledState.StateName, AwaitingState.StateName];

    private static readonly Lock FiltersLock = new();
    private static bool _filtersSet;

    private PublishJobs(JobStorage storage, IJobLeases leases, string location)
    {
        Storage = storage;
        Leases = leases;
        Location = location;
    }

    public JobStorage Storage { get; }

    public IJobLeases Leases { get; }

    /// <summary>The lock per show across machines (PostgreSQL); null for the SQLite queue, where the show's lock file is enough.</summary>
    public Podcast.Storage.IShowGate? ShowGate => Leases as Podcast.Storage.IShowGate;

    /// <summary>Where the queue lives, for messages: the SQLite file, or "PostgreSQL ($PODCAST_JOBS_DB)".</summary>
    public string Location { get; }

    /// <summary>
    /// The lock per show that workers on many machines take before writing a show, when <c>PODCAST_JOBS_DB</c> names
    /// their PostgreSQL; null without it (one machine: the show's lock file is enough). For commands that change a
    /// show outside the queue (unpublish), so they never write it while a worker elsewhere does.
    /// </summary>
    public static Podcast.Storage.IShowGate? ShowGateFromEnvironment()
    {
        var connectionString = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
            return null;
        try
        {
            return new PostgresLeases(connectionString);
        }
        catch (ArgumentException e)
        {
            throw PodcastException.Busy($"${DatabaseVariable}", $"the jobs database cannot be opened ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>The SQLite queue of the shows in <paramref name="feedsFolder"/>, unless <c>PODCAST_JOBS_DB</c> names a PostgreSQL.</summary>
    public static PublishJobs Open(string feedsFolder)
    {
        UseFilters();
        var connectionString = Environment.GetEnvironmentVariable(DatabaseVariable);
        if (!string.IsNullOrWhiteSpace(connectionString))
            return OpenPostgres(connectionString);
        if (!Directory.Exists(feedsFolder))
            throw PodcastException.ShowInvalid(feedsFolder, "no such folder; the queue lives beside the shows (--feeds, default ./feeds), or set PODCAST_JOBS_DB");
        var file = Path.GetFullPath(Path.Combine(feedsFolder, "jobs.db"));

        // A worker killed mid-job is noticed through its lease (QueueWorker.Reap), so the storage's own
        // invisibility timeout is only the backstop for a job whose queue record was lost with its worker.
        var storage = new SQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1), InvisibilityTimeout = TimeSpan.FromHours(2) });
        return new PublishJobs(storage, new FileLeases(file + ".leases"), file);
    }

    private static PublishJobs OpenPostgres(string connectionString)
    {
        var options = new PostgreSqlStorageOptions
        {
            QueuePollInterval = TimeSpan.FromSeconds(1),
            PrepareSchemaIfNecessary = true,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(5),
        };
        try
        {
            var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
            return new PublishJobs(storage, new PostgresLeases(connectionString), $"PostgreSQL (${DatabaseVariable})");
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw PodcastException.Busy($"${DatabaseVariable}", $"the jobs database cannot be opened ({e.Message.Split('\n')[0]})");
        }
    }

    /// <summary>
    /// Queues the publish of <paramref name="audio"/> into <paramref name="show"/>, once: a recording the show already
    /// published is skipped unless <paramref name="republish"/>, and one queued and not yet finished is not queued again.
    /// </summary>
    public async Task<AddOutcome> AddAsync(string audio, string show, string? title, IReadOnlyList<string> guests, bool republish, CancellationToken cancellationToken)
    {
        var audioPath = Path.GetFullPath(audio);
        var showPath = Path.GetFullPath(show);
        if (Directory.Exists(audioPath))
            throw PodcastException.InputIsDirectory(audio);
        if (!File.Exists(audioPath))
            throw PodcastException.InputNotFound(audio);
        var folder = new ShowFolder(showPath);
        ShowFile.Load(folder);
        var sha = await Sha256Async(audioPath, cancellationToken).ConfigureAwait(false);
        if (!republish && EpisodeStore.LoadAll(folder).FirstOrDefault(e => e.SourceSha256 == sha) is { } published)
            return new AddOutcome(AddResult.AlreadyPublished, null, published.Slug);

        var episode = new QueuedEpisode(showPath, audioPath, sha, title, guests, republish);

        // Two producers adding the same file at once: the lease makes the look-up and the enqueue one step.
        using var adding = await Leases.TakeAsync("podcast:queue-add", TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        using var connection = Storage.GetConnection();
        var keys = connection.GetAllEntriesFromHash(KeysHash);
        var publish = keys?.GetValueOrDefault(episode.Key);
        var transcribe = keys?.GetValueOrDefault(episode.Key + TranscribeSuffix);
        var publishState = publish is null ? null : connection.GetStateData(publish)?.Name;
        var transcribeState = transcribe is null ? null : connection.GetStateData(transcribe)?.Name;
        if (publishState == AwaitingState.StateName && transcribeState is not null && transcribeState != FailedState.StateName && transcribeState != DeletedState.StateName)
            return new AddOutcome(AddResult.AlreadyQueued, transcribe, $"transcribing: {transcribeState}");
        if (publishState is not null && publishState != AwaitingState.StateName && Unfinished.Contains(publishState))
            return new AddOutcome(AddResult.AlreadyQueued, publish, publishState);

        // A publish still waiting on a transcription that failed would wait for ever: the new pair replaces it.
        if (publishState == AwaitingState.StateName)
            new BackgroundJobClient(Storage).ChangeState(publish!, new DeletedState(), AwaitingState.StateName);
        var id = Enqueue(episode, connection);
        return new AddOutcome(AddResult.Queued, id, null);
    }

    /// <summary>
    /// Replaces the job <paramref name="id"/>, still shown as processing though its worker is gone, with a new job for the
    /// same recording; null when its state changed meanwhile (another worker replaced or finished it). The old job is
    /// deleted, so the dead worker's fetch of it, which the storage shows again after its invisibility timeout, runs
    /// nothing; the new one starts with its full set of retries. A transcription is replaced with a new pair (Hangfire
    /// deletes the old one's waiting publish, whose condition, the old one's success, can no longer be met).
    /// </summary>
    internal string? Replace(string id, QueuedEpisode episode, bool transcription)
    {
        if (!new BackgroundJobClient(Storage).ChangeState(id, new DeletedState(), ProcessingState.StateName))
            return null;
        using var connection = Storage.GetConnection();
        return transcription ? Enqueue(episode, connection) : EnqueuePublish(episode, connection);
    }

    /// <summary>A transcription in the transcribe queue, then its publish in the publish queue once it has succeeded; returns the first.</summary>
    private string Enqueue(QueuedEpisode episode, IStorageConnection connection)
    {
        var client = new BackgroundJobClient(Storage);
        var transcribe = client.Create<TranscribeJob>(j => j.RunAsync(episode, null, CancellationToken.None), new EnqueuedState(TranscribeQueueName));
        var publish = client.Create<PublishJob>(j => j.RunAsync(episode, null, CancellationToken.None),
            new AwaitingState(transcribe, new EnqueuedState(QueueName), JobContinuationOptions.OnlyOnSucceededState));
        Remember(connection, (episode.Key + TranscribeSuffix, transcribe), (episode.Key, publish));
        return transcribe;
    }

    private string EnqueuePublish(QueuedEpisode episode, IStorageConnection connection)
    {
        var publish = new BackgroundJobClient(Storage).Create<PublishJob>(j => j.RunAsync(episode, null, CancellationToken.None), new EnqueuedState(QueueName));
        Remember(connection, (episode.Key, publish));
        return publish;
    }

    private static void Remember(IStorageConnection connection, params (string Key, string Id)[] jobs)
    {
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(KeysHash, [.. jobs.Select(j => new KeyValuePair<string, string>(j.Key, j.Id))]);
        transaction.Commit();
    }

    /// <summary>Counts per state and per show, the failed jobs with their one-line errors, and what each running job is doing.</summary>
    public QueueStatus Status()
    {
        var monitoring = Storage.GetMonitoringApi();
        var stats = monitoring.GetStatistics();
        var perShow = new SortedDictionary<string, SortedDictionary<string, SortedDictionary<string, long>>>(StringComparer.Ordinal);
        void Count(string state, Hangfire.Common.Job? job)
        {
            var show = EpisodeOf(job)?.Show ?? "(unknown)";
            var kind = IsTranscription(job) ? TranscribeQueueName : QueueName;
            if (!perShow.TryGetValue(show, out var kinds))
                perShow[show] = kinds = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
            if (!kinds.TryGetValue(kind, out var counts))
                kinds[kind] = counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
            counts[state] = counts.GetValueOrDefault(state) + 1;
        }

        foreach (var queue in monitoring.Queues())
        {
            foreach (var (_, job) in monitoring.EnqueuedJobs(queue.Name, 0, (int)Math.Min(int.MaxValue, queue.Length)))
                Count("enqueued", job?.Job);
        }

        using var connection = Storage.GetConnection();
        var running = new List<RunningJob>();
        foreach (var (id, job) in monitoring.ProcessingJobs(0, (int)Math.Max(1000, stats.Processing)))
        {
            Count("processing", job?.Job);
            running.Add(new RunningJob(id, Describe(job?.Job), job?.ServerId, Progress(connection, id)));
        }

        foreach (var (_, job) in monitoring.ScheduledJobs(0, (int)Math.Max(1, stats.Scheduled)))
            Count("scheduled", job?.Job);
        foreach (var (_, job) in monitoring.SucceededJobs(0, (int)Math.Max(1, stats.Succeeded)))
            Count("succeeded", job?.Job);
        var failed = new List<FailedJob>();
        foreach (var (id, job) in monitoring.FailedJobs(0, (int)Math.Max(1, stats.Failed)))
        {
            Count("failed", job?.Job);
            failed.Add(new FailedJob(id, Describe(job?.Job), (job?.ExceptionMessage ?? string.Empty).Split('\n')[0].Trim()));
        }

        var states = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["enqueued"] = stats.Enqueued,
            ["processing"] = stats.Processing,
            ["scheduled"] = stats.Scheduled,
            ["succeeded"] = stats.Succeeded,
            ["failed"] = stats.Failed,
        };
        return new QueueStatus(Location, states, perShow.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>)s.Value.ToDictionary(k => k.Key, k => (IReadOnlyDictionary<string, long>)k.Value, StringComparer.Ordinal), StringComparer.Ordinal),
            running, failed, stats.Servers);
    }

    /// <summary>Puts the job <paramref name="id"/> back in the queue; false when there is no such job.</summary>
    public bool Retry(string id)
    {
        using var connection = Storage.GetConnection();
        if (connection.GetJobData(id) is null)
            return false;
        return new BackgroundJobClient(Storage).Requeue(id);
    }

    /// <summary>Puts every failed job back in the queue; returns their ids.</summary>
    public IReadOnlyList<string> RetryFailed()
    {
        var monitoring = Storage.GetMonitoringApi();
        var client = new BackgroundJobClient(Storage);
        var ids = monitoring.FailedJobs(0, (int)Math.Max(1, monitoring.FailedCount())).Select(j => j.Key).ToList();
        return [.. ids.Where(client.Requeue)];
    }

    /// <summary>Jobs waiting, running or due to run again: what a draining worker waits for.</summary>
    public long Outstanding()
    {
        var stats = Storage.GetMonitoringApi().GetStatistics();
        return stats.Enqueued + stats.Processing + stats.Scheduled;
    }

    /// <summary>What the running job <paramref name="id"/> last said it was doing (<see cref="PublishJob.ProgressParameter"/>), as text.</summary>
    private static string? Progress(IStorageConnection connection, string id) =>
        connection.GetJobParameter(id, PublishJob.ProgressParameter) is { } stored ? SerializationHelper.Deserialize<string>(stored, SerializationOption.User) : null;

    internal static string Describe(Hangfire.Common.Job? job) =>
        EpisodeOf(job) is { } e ? $"{(IsTranscription(job) ? "transcribe" : "publish")} {e.Audio} -> {e.Show}" : "(unreadable job)";

    /// <summary>Whether <paramref name="job"/> is the Whisper half of a publish (<see cref="TranscribeJob"/>).</summary>
    internal static bool IsTranscription(Hangfire.Common.Job? job) => job?.Type == typeof(TranscribeJob);

    /// <summary>The publish a Hangfire job stands for, or null for a job of another kind or one that cannot be read.</summary>
    internal static QueuedEpisode? EpisodeOf(Hangfire.Common.Job? job) => job is { Args.Count: > 0 } ? job.Args[0] as QueuedEpisode : null;

    /// <summary>Hangfire's retries, except for bad input: set once per process, before any job is created or run.</summary>
    private static void UseFilters()
    {
        lock (FiltersLock)
        {
            if (_filtersSet)
                return;
            GlobalJobFilters.Filters.Remove<AutomaticRetryAttribute>();
            GlobalJobFilters.Filters.Add(new RetryUnlessBadInput());
            _filtersSet = true;
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.UnreadableInput(path, Podcast.Storage.AtomicFile.DescribeIoError(e), e);
        }
    }
}

public enum AddResult
{
    Queued,
    AlreadyQueued,
    AlreadyPublished,
}

/// <param name="JobId">The job that publishes it: the new one, or the one already queued.</param>
/// <param name="Detail">The earlier job's state, or the slug the show published it as.</param>
public sealed record AddOutcome(AddResult Result, string? JobId, string? Detail);

public sealed record RunningJob(string Id, string Job, string? Server, string? Progress);

public sealed record FailedJob(string Id, string Job, string Error);

/// <param name="States">Jobs per state, all kinds: a recording is two jobs, its transcription and then its publish.</param>
/// <param name="Shows">Per show, per kind of job (transcribe, publish), jobs per state; a publish waiting for its transcription is not counted.</param>
public sealed record QueueStatus(string Queue, IReadOnlyDictionary<string, long> States, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> Shows,
    IReadOnlyList<RunningJob> Running, IReadOnlyList<FailedJob> Failed, long Servers);
