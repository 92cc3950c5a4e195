using System.CommandLine;
using System.Runtime.InteropServices;
using Podcast.Publishing;
using Podcast.Queue;

namespace Podcast.Cli.Commands;

/// <summary>
/// <c>podcast worker [--drain]</c>: runs queued publishes until stopped (or, with --drain, until nothing is left).
/// Start one per machine against one PostgreSQL (<c>PODCAST_JOBS_DB</c>) and they share the work.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var queues = new Option<string>("--queues")
        {
            Description = $"Queues to take jobs from, comma-separated: {PublishJobs.TranscribeQueueName} (Whisper) and {PublishJobs.QueueName} (the rest, writing the show)",
            DefaultValueFactory = _ => string.Join(',', PublishJobs.AllQueues),
        };
        var threads = new Option<int?>("--threads") { Description = "Whisper's threads (default: every core); with several workers on one machine, give each its share of the cores" };
        var drain = new Option<bool>("--drain") { Description = "Exit when no job is waiting, running or due to run again" };
        var feeds = QueueCommand.Feeds();
        var dashboard = new Option<string?>("--dashboard") { Description = "Serve Hangfire's dashboard, read-only, at ADDRESS:PORT on loopback (e.g. 127.0.0.1:8081), path /hangfire" };
        var command = new Command("worker", "Run queued publishes (`podcast queue add`); stop with Ctrl-C or SIGTERM, which hands the running job back") { queues, drain, threads, feeds, dashboard };
        command.SetRunner(async (parse, cancellationToken) =>
        {
            var names = parse.GetValue(queues)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Length == 0 || names.Any(n => !n.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')))
                throw PodcastException.InvalidArgument("--queues takes names of lower-case letters, digits and underscores, comma-separated");
            // SIGTERM (a service manager, `kill`) stops the worker as Ctrl-C does: the running job is cancelled and
            // Hangfire hands it back to the queue, instead of the process dying and the job waiting to be noticed.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            if (parse.GetValue(threads) is < 1)
                throw PodcastException.InvalidArgument("--threads must be at least 1");
            var endpoint = parse.GetValue(dashboard) is { } address ? Serving.DashboardServer.ParseEndpoint(address) : null;
            var jobs = PublishJobs.Open(parse.GetValue(feeds)!);
            var options = new WorkerOptions(names, parse.GetValue(drain), Threads: parse.GetValue(threads));
            await using var served = endpoint is null ? null : await Serving.DashboardServer.StartAsync(endpoint, jobs.Storage, cancellationToken).ConfigureAwait(false);
            if (served is not null)
                Console.Error.WriteLine($"podcast worker: dashboard (read-only) at {served.Url}");
            using var hostStopping = served?.Stopping.Register(stop.Cancel);
            await QueueWorker.RunAsync(jobs, options, () => PipelineStages.Default(), line => Console.Error.WriteLine($"podcast worker: {line}"), stop.Token).ConfigureAwait(false);
            return stop.IsCancellationRequested ? (int)ExitCode.Cancelled : 0;
        });
        return command;
    }
}
