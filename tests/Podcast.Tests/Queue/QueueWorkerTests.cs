using System.Text.Json;
using Podcast.Queue;
using Podcast.Tests.Support;
using Podcast.Transcription;

namespace Podcast.Tests.Queue;

/// <summary>
/// <c>podcast queue</c> and <c>podcast worker</c> through the real executable: Hangfire on the SQLite file beside the
/// show and on a PostgreSQL of the test's own, the real publish pipeline with the tiny Whisper model, workers killed
/// with SIGKILL mid-job. Every recording must end up in the feed exactly once, and the feed valid.
/// </summary>
public sealed class QueueWorkerTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(8);

    [Fact]
    public void QueuedRecordingsAreEachPublishedOnceByADrainingWorkerAndABadFileFailsOnceWithItsError()
    {
        using var show = new TempShow();
        var env = Environment();
        var calls = Recordings(show, 3);
        var bad = Path.Combine(Path.GetDirectoryName(show.Root)!, "not-audio.mp3");
        File.WriteAllText(bad, "this is a text file, not a recording\n");

        var add = PodcastCli.Run(env, [.. (string[])["queue", "add", .. calls, bad, "--show", show.Root]]);
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Equal(4, add.Stderr.Split('\n').Count(l => l.StartsWith("queued ", StringComparison.Ordinal)));
        var again = PodcastCli.Run(env, "queue", "add", calls[0], "--show", show.Root);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("already queued as job", again.Stderr, StringComparison.Ordinal);

        var worker = PodcastCli.Run(env, Long, "worker", "--drain", "--feeds", Path.GetDirectoryName(show.Root)!);

        Assert.True(worker.ExitCode == 0, worker.Stderr);
        Assert.Equal(3, FeedAssert.IsCompleteAndValid(show.Root).Count);
        Assert.Equal(3, Directory.GetDirectories(Path.Combine(show.Root, "episodes")).Length);
        var check = PodcastCli.Run(env, "feed", "check", show.Root);
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);

        // The bad file was tried once, not retried, and status names it with its one-line error.
        Assert.Single(worker.Stderr.Split('\n'), l => l.Contains("not-audio.mp3: transcribing", StringComparison.Ordinal));
        Assert.DoesNotContain("not-audio.mp3: publishing", worker.Stderr, StringComparison.Ordinal);
        var status = Status(env, show);
        Assert.Equal(3, Jobs(status, show, "publish", "succeeded"));
        Assert.Equal(3, Jobs(status, show, "transcribe", "succeeded"));
        Assert.Equal(1, status.GetProperty("states").GetProperty("failed").GetInt64());
        Assert.Equal(0, status.GetProperty("states").GetProperty("scheduled").GetInt64());
        var failed = Assert.Single(status.GetProperty("failed").EnumerateArray());
        var error = failed.GetProperty("error").GetString()!;
        Assert.Contains("not-audio.mp3: not a supported audio file", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);

        // Published already: skipped, saying so; and --republish queues it.
        var published = PodcastCli.Run(env, "queue", "add", calls[1], "--show", show.Root);
        Assert.Contains("already published it as \"call-02\"", published.Stderr, StringComparison.Ordinal);
        var republish = PodcastCli.Run(env, "queue", "add", calls[1], "--show", show.Root, "--republish");
        Assert.Contains("queued ", republish.Stderr, StringComparison.Ordinal);

        // retry --failed puts the bad file back in the queue; an unknown id is refused.
        var retry = PodcastCli.Run(env, "queue", "retry", "--failed", "--feeds", Path.GetDirectoryName(show.Root)!);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("queued again: 1 failed job", retry.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Status(env, show).GetProperty("states").GetProperty("enqueued").GetInt64());
        var unknown = PodcastCli.Run(env, "queue", "retry", "999", "--feeds", Path.GetDirectoryName(show.Root)!);
        Assert.Equal((int)ExitCode.Usage, unknown.ExitCode);

        // Both run: the bad file fails again, once; the republish keeps its one item.
        var rerun = PodcastCli.Run(env, Long, "worker", "--drain", "--feeds", Path.GetDirectoryName(show.Root)!);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Single(rerun.Stderr.Split('\n'), l => l.Contains("not-audio.mp3: transcribing", StringComparison.Ordinal));
        Assert.Contains("call-02.wav: published \"call-02\"", rerun.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, FeedAssert.IsCompleteAndValid(show.Root).Count);
    }

    [Fact]
    public void ATranscribeWorkerAndAPublishWorkerShareTheWorkAndThePublishOneNeverRunsWhisper()
    {
        using var show = new TempShow();
        var env = Environment();
        var calls = Recordings(show, 3);
        var feeds = Path.GetDirectoryName(show.Root)!;
        Assert.Equal(0, PodcastCli.Run(env, [.. (string[])["queue", "add", .. calls, "--show", show.Root]]).ExitCode);

        // The publish worker has no Whisper model: were it to transcribe, its jobs would fail for want of one.
        var noWhisper = new Dictionary<string, string?>(env) { [Podcast.Models.ModelCatalogue.WhisperEnvironmentVariable] = Path.Combine(feeds, "no-such-model.bin") };
        using var publisher = new WorkerProcess(noWhisper, "worker", "--drain", "--queues", "publish", "--feeds", feeds);
        using var transcriber = new WorkerProcess(env, "worker", "--drain", "--queues", "transcribe", "--threads", "1", "--feeds", feeds);
        Assert.True(transcriber.WaitForExit(Long) == 0, transcriber.Stderr);
        Assert.True(publisher.WaitForExit(Long) == 0, publisher.Stderr);

        Assert.Equal(3, transcriber.Stderr.Split('\n').Count(l => l.Contains(": transcribed; its publish is queued", StringComparison.Ordinal)));
        Assert.DoesNotContain(": publishing", transcriber.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, publisher.Stderr.Split('\n').Count(l => l.Contains(": published \"call-0", StringComparison.Ordinal)));
        Assert.DoesNotContain(": transcrib", publisher.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, FeedAssert.IsCompleteAndValid(show.Root).Count);

        // Whisper's transcript came through as Whisper's own: cached with how Whisper ran, the vocabulary pass run on it;
        // and what the transcribe jobs left beside the show is gone once published.
        foreach (var episode in Directory.GetDirectories(Path.Combine(show.Root, "episodes")))
        {
            Assert.True(File.Exists(Path.Combine(episode, "transcript.words.json")), episode);
            Assert.True(File.Exists(Path.Combine(episode, "transcription.json")), episode);
            Assert.Equal(1, TranscriptionRecord.Read(Path.Combine(episode, "transcription.json"))!.Threads);
            Assert.True(File.Exists(Path.Combine(episode, "corrections.json")), episode);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(feeds, ".heard")));
        var status = Status(env, show);
        Assert.Equal(3, Jobs(status, show, "transcribe", "succeeded"));
        Assert.Equal(3, Jobs(status, show, "publish", "succeeded"));
        Assert.Equal(0, status.GetProperty("states").GetProperty("failed").GetInt64());
    }

    [Fact]
    public void AWorkerAskedForFewerThanOneWhisperThreadRefusesInOneLine()
    {
        using var show = new TempShow();
        var run = PodcastCli.Run(Environment(), ["worker", "--drain", "--threads", "0", "--feeds", Path.GetDirectoryName(show.Root)!]);

        Assert.Equal((int)ExitCode.Usage, run.ExitCode);
        Assert.Equal("podcast: error: --threads must be at least 1", run.Stderr.Trim());
    }

    [Fact]
    public void SigtermHandsTheRunningJobBackAndTheNextWorkerPublishesIt()
    {
        using var show = new TempShow();
        var env = Environment();
        var call = Recordings(show, 1)[0];
        var feeds = Path.GetDirectoryName(show.Root)!;
        Assert.Equal(0, PodcastCli.Run(env, "queue", "add", call, "--show", show.Root).ExitCode);

        using (var worker = new WorkerProcess(env, "worker", "--feeds", feeds))
        {
            // At once: with the tiny model and flash attention the whole transcription can take under a second.
            worker.WaitForLine(l => l.Contains("call-01.wav: transcribing for", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            worker.Terminate();
            Assert.Equal((int)ExitCode.Cancelled, worker.WaitForExit(TimeSpan.FromMinutes(1)));
            Assert.Contains("goes back to the queue", worker.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("call-01.wav: published", worker.Stderr, StringComparison.Ordinal);
        }

        // Handed back: not failed, not published, and the show untouched.
        var status = Status(env, show);
        Assert.Equal(0, status.GetProperty("states").GetProperty("failed").GetInt64());
        Assert.Equal(0, status.GetProperty("states").GetProperty("succeeded").GetInt64());
        Assert.False(File.Exists(show.FeedFile));

        var drain = PodcastCli.Run(env, Long, "worker", "--drain", "--feeds", feeds);
        Assert.True(drain.ExitCode == 0, drain.Stderr);
        Assert.Single(FeedAssert.IsCompleteAndValid(show.Root));
        Assert.Equal(1, Jobs(Status(env, show), show, "publish", "succeeded"));
    }

    [Fact]
    public void WithTheSqliteQueueAWorkerKilledMidJobCostsOnlyTimeEveryRecordingIsPublishedOnce() =>
        KilledWorkerLeavesEveryRecordingPublishedOnce(Environment(), count: 4, survivors: 1);

    [Fact]
    public void WithPostgresAWorkerKilledMidJobCostsOnlyTimeEveryRecordingIsPublishedOnce()
    {
        using var server = new PostgresServer();
        KilledWorkerLeavesEveryRecordingPublishedOnce(Environment(server.ConnectionString), count: 12, survivors: 2);
    }

    [Fact]
    public async Task WithPostgresUnpublishWaitsForTheShowLockAWorkerElsewhereHolds()
    {
        using var server = new PostgresServer();
        using var show = new TempShow();
        Reliability.BadInputTests.SeedOneEpisode(show);
        var slug = Path.GetFileName(Assert.Single(Directory.GetDirectories(Path.Combine(show.Root, "episodes"))));
        var before = show.Snapshot();

        // The lock a worker on another machine takes to write this show (PostgresLeases is that worker's gate).
        var held = await new PostgresLeases(server.ConnectionString).EnterAsync(show.Root, TestContext.Current.CancellationToken);
        using (var unpublish = new WorkerProcess(Environment(server.ConnectionString), "unpublish", slug, "--show", show.Root))
        {
            await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
            Assert.Equal(before, show.Snapshot());
            held.Dispose();
            Assert.True(unpublish.WaitForExit(TimeSpan.FromMinutes(1)) == 0, unpublish.Stderr);
        }

        Assert.Empty(Directory.GetDirectories(Path.Combine(show.Root, "episodes")));
        Assert.Empty(FeedAssert.IsCompleteAndValid(show.Root));
    }

    [Fact]
    public void AJobTheShowRefusesFailsOnceAndLeavesTheShowByteForByteAsItWas()
    {
        using var show = new TempShow();
        var env = Environment();
        Reliability.BadInputTests.SeedOneEpisode(show);
        File.AppendAllText(show.FeedFile, "<item><title>half an edit</title>");
        var before = show.Snapshot();
        var call = Recordings(show, 1)[0];
        Assert.Equal(0, PodcastCli.Run(env, "queue", "add", call, "--show", show.Root).ExitCode);

        var worker = PodcastCli.Run(env, Long, "worker", "--drain", "--feeds", Path.GetDirectoryName(show.Root)!);

        Assert.True(worker.ExitCode == 0, worker.Stderr);
        Assert.Equal(before, show.Snapshot());
        Assert.Single(worker.Stderr.Split('\n'), l => l.Contains("call-01.wav: transcribing", StringComparison.Ordinal));
        var failed = Assert.Single(Status(env, show).GetProperty("failed").EnumerateArray());
        Assert.Contains("feed.xml", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardIsServedReadOnlyOnLoopbackAndRefusedElsewhere()
    {
        using var show = new TempShow();
        var env = Environment();
        var feeds = Path.GetDirectoryName(show.Root)!;
        var elsewhere = PodcastCli.Run(env, "worker", "--drain", "--feeds", feeds, "--dashboard", "0.0.0.0:8081");
        Assert.Equal((int)ExitCode.Usage, elsewhere.ExitCode);
        Assert.Contains("loopback only", elsewhere.Stderr, StringComparison.Ordinal);

        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var worker = new WorkerProcess(env, "worker", "--feeds", feeds, "--dashboard", $"127.0.0.1:{port}");
        worker.WaitForLine(l => l.Contains("dashboard (read-only) at", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var page = await http.GetAsync(new Uri("/hangfire", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("podcast queue", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "1")]);
        var requeue = await http.PostAsync(new Uri("/hangfire/jobs/failed/requeue", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, requeue.StatusCode);

        worker.Terminate();
        Assert.Equal((int)ExitCode.Cancelled, worker.WaitForExit(TimeSpan.FromMinutes(1)));
    }

    /// <summary>
    /// Workers on one show; one is SIGKILLed while it publishes a recording. The others, draining, notice the job
    /// nobody holds, run it again, and exit when all is done. While it runs, status shows the job's progress.
    /// </summary>
    private static void KilledWorkerLeavesEveryRecordingPublishedOnce(IReadOnlyDictionary<string, string?> env, int count, int survivors)
    {
        using var show = new TempShow();
        var calls = Recordings(show, count);
        var add = PodcastCli.Run(env, [.. (string[])["queue", "add", .. calls, "--show", show.Root]]);
        Assert.True(add.ExitCode == 0, add.Stderr);
        var feeds = Path.GetDirectoryName(show.Root)!;
        string killed;

        // The doomed worker starts first, so it surely has a job (a second SQLite worker can lose every fetch race
        // to a first one on a short queue); the others start while it publishes.
        List<WorkerProcess> others;
        using (var doomed = new WorkerProcess(env, "worker", "--feeds", feeds))
        {
            var started = doomed.WaitForLine(l => l.Contains(": transcribing for ", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
            killed = started[(started.IndexOf("worker: ", StringComparison.Ordinal) + 8)..started.IndexOf(": transcribing", StringComparison.Ordinal)];
            others = [.. Enumerable.Range(0, survivors).Select(_ => new WorkerProcess(env, "worker", "--drain", "--feeds", feeds))];
            doomed.WaitForLine(l => l.Contains($"{killed}: transcribe", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
            var running = Status(env, show).GetProperty("running").EnumerateArray().ToList();
            // What the job said it is doing, as text (not the JSON Hangfire stores it as): "transcribe 40 %".
            Assert.Contains(running, r => r.TryGetProperty("progress", out var progress)
                && System.Text.RegularExpressions.Regex.IsMatch(progress.GetString() ?? string.Empty, @"^(transcribe|master|download \S+) \d+ %$"));
            Thread.Sleep(500);
            Assert.DoesNotContain($"{killed}: published", doomed.Stderr, StringComparison.Ordinal);
            doomed.Kill();
        }

        foreach (var other in others)
            Assert.True(other.WaitForExit(Long) == 0, other.Stderr);
        var stderr = string.Join('\n', others.Select(o => o.Stderr));
        others.ForEach(o => o.Dispose());

        Assert.Contains("is gone; queued again", stderr, StringComparison.Ordinal);
        Assert.Contains($"{killed}: published", stderr, StringComparison.Ordinal);
        Assert.Equal(count, FeedAssert.IsCompleteAndValid(show.Root).Count);
        Assert.Equal(count, Directory.GetDirectories(Path.Combine(show.Root, "episodes")).Length);
        Assert.Empty(Directory.EnumerateFiles(show.Root, "*.podcast-tmp", SearchOption.AllDirectories));
        var status = Status(env, show);
        Assert.Equal(count, Jobs(status, show, "publish", "succeeded"));
        Assert.Equal(0, status.GetProperty("states").GetProperty("failed").GetInt64());
        Assert.Equal(0, status.GetProperty("states").GetProperty("processing").GetInt64());
    }

    /// <summary>How many jobs of <paramref name="kind"/> (transcribe, publish) for <paramref name="show"/> are in <paramref name="state"/>.</summary>
    private static long Jobs(JsonElement status, TempShow show, string kind, string state) =>
        status.GetProperty("shows").TryGetProperty(show.Root, out var kinds) && kinds.TryGetProperty(kind, out var states) && states.TryGetProperty(state, out var n) ? n.GetInt64() : 0;

    private static JsonElement Status(IReadOnlyDictionary<string, string?> env, TempShow show)
    {
        var status = PodcastCli.Run(env, "queue", "status", "--json", "--feeds", Path.GetDirectoryName(show.Root)!);
        Assert.True(status.ExitCode == 0, status.Stderr);
        return JsonDocument.Parse(status.Stdout).RootElement.Clone();
    }

    /// <summary>The tiny test Whisper model; the queue in SQLite unless a PostgreSQL connection string is given.</summary>
    private static Dictionary<string, string?> Environment(string? database = null) => new(StringComparer.Ordinal)
    {
        [Podcast.Models.ModelCatalogue.WhisperEnvironmentVariable] = Fixtures.EmptyWhisperModel,
        [PublishJobs.DatabaseVariable] = database,
    };

    /// <summary>
    /// <paramref name="count"/> distinct short recordings (the JFK clip, one sample byte changed in each, so each has
    /// its own SHA-256 and so its own job and episode), named call-01.wav ...
    /// </summary>
    private static string[] Recordings(TempShow show, int count)
    {
        var folder = Path.Combine(Path.GetDirectoryName(show.Root)!, "recordings");
        Directory.CreateDirectory(folder);
        var source = File.ReadAllBytes(Fixtures.JfkWav);
        return [.. Enumerable.Range(1, count).Select(i =>
        {
            var bytes = (byte[])source.Clone();
            bytes[200_000] ^= (byte)i;
            var path = Path.Combine(folder, $"call-{i:00}.wav");
            File.WriteAllBytes(path, bytes);
            return path;
        })];
    }
}
