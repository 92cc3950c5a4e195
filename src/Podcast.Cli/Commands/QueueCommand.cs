using System.CommandLine;
using System.Globalization;
using Podcast.Queue;

namespace Podcast.Cli.Commands;

/// <summary>
/// <c>podcast queue add FILE... --show DIR</c> queues publishes for <c>podcast worker</c>; <c>podcast queue status</c>
/// and <c>podcast queue retry</c> look after them. The queue is PostgreSQL with <c>PODCAST_JOBS_DB</c>, else the SQLite
/// file jobs.db in the folder that holds the shows.
/// </summary>
internal static class QueueCommand
{
    public static Command Create()
    {
        var queue = new Command("queue", "Queue publishes for `podcast worker` (on this machine or many), and see how they went");
        queue.Subcommands.Add(Add());
        queue.Subcommands.Add(Status());
        queue.Subcommands.Add(Retry());
        return queue;
    }

    /// <summary>The folder that holds the shows, where the SQLite queue lives (default ./feeds).</summary>
    internal static Option<string> Feeds() =>
        new("--feeds") { Description = $"The folder holding the shows, where the queue file jobs.db lives (ignored with ${PublishJobs.DatabaseVariable})", DefaultValueFactory = _ => "feeds" };

    private static Command Add()
    {
        var files = new Argument<string[]>("audio") { Description = "Recordings to publish, one episode each", Arity = ArgumentArity.OneOrMore };
        var show = new Option<string>("--show") { Description = "The show folder (feeds/<slug>)", DefaultValueFactory = _ => PublishCommand.DefaultShow() };
        var guests = new Option<string[]>("--guest") { Description = "A guest's name (repeat for several)", Arity = ArgumentArity.ZeroOrMore };
        var title = new Option<string?>("--title") { Description = "Episode title (default: the file name)" };
        var republish = new Option<bool>("--republish") { Description = "Queue a recording the show already published, to publish it again" };
        var json = GlobalOptions.Json();
        var command = new Command("add", "Queue one publish per recording; a recording already queued or published is skipped, saying so") { files, show, guests, title, republish, json };
        command.SetRunner(async (parse, cancellationToken) =>
        {
            var showPath = parse.GetValue(show)!;
            if (string.IsNullOrWhiteSpace(showPath))
                throw PodcastException.InvalidArgument("--show needs a show folder, e.g. feeds/my-show");
            var jobs = PublishJobs.Open(Path.GetDirectoryName(Path.GetFullPath(showPath))!);
            var outcomes = new List<object>();
            foreach (var file in parse.GetValue(files)!)
            {
                var outcome = await jobs.AddAsync(file, showPath, parse.GetValue(title), parse.GetValue(guests) ?? [], parse.GetValue(republish), cancellationToken).ConfigureAwait(false);
                outcomes.Add(new { File = file, outcome.Result, outcome.JobId, outcome.Detail });
                Console.Error.WriteLine(outcome.Result switch
                {
                    AddResult.Queued => $"queued {file} as job {outcome.JobId}",
                    AddResult.AlreadyQueued => $"skipped {file}: already queued as job {outcome.JobId} ({outcome.Detail})",
                    _ => $"skipped {file}: {showPath} already published it as \"{outcome.Detail}\" (--republish to publish it again)",
                });
            }

            if (parse.GetValue(json))
                CommandRunner.WriteJson(outcomes);
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var feeds = Feeds();
        var json = GlobalOptions.Json();
        var command = new Command("status", "Jobs per state and per show, what running jobs are doing, and the failed ones with their errors") { feeds, json };
        command.SetRunner((parse, _) =>
        {
            var status = PublishJobs.Open(parse.GetValue(feeds)!).Status();
            if (parse.GetValue(json))
            {
                CommandRunner.WriteJson(status);
                return Task.FromResult(0);
            }

            Console.WriteLine($"queue: {status.Queue} ({status.Servers} worker{(status.Servers == 1 ? string.Empty : "s")} running)");
            Console.WriteLine("  " + string.Join("  ", status.States.Select(s => $"{s.Key} {s.Value}")));
            foreach (var (show, kinds) in status.Shows)
                Console.WriteLine($"  {show}: " + string.Join("; ", kinds.Select(k => $"{k.Key}: " + string.Join("  ", k.Value.Select(s => $"{s.Key} {s.Value}")))));
            foreach (var job in status.Running)
                Console.WriteLine($"  running  job {job.Id}: {job.Job} ({job.Progress ?? "starting"}, on {job.Server})");
            foreach (var job in status.Failed)
                Console.WriteLine($"  failed   job {job.Id}: {job.Error}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static Command Retry()
    {
        var id = new Argument<string?>("id") { Description = "The job to run again (as `podcast queue status` lists it)", Arity = ArgumentArity.ZeroOrOne };
        var failed = new Option<bool>("--failed") { Description = "Run every failed job again" };
        var feeds = Feeds();
        var command = new Command("retry", "Put a job, or every failed job, back in the queue") { id, failed, feeds };
        command.SetRunner((parse, _) =>
        {
            var jobs = PublishJobs.Open(parse.GetValue(feeds)!);
            if (parse.GetValue(failed))
            {
                var ids = jobs.RetryFailed();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queued again: {ids.Count} failed job{(ids.Count == 1 ? string.Empty : "s")}{(ids.Count > 0 ? " (" + string.Join(", ", ids) + ")" : string.Empty)}"));
                return Task.FromResult(0);
            }

            var job = parse.GetValue(id);
            if (string.IsNullOrWhiteSpace(job))
                throw PodcastException.InvalidArgument("name a job to retry, or --failed for every failed job");
            if (!jobs.Retry(job))
                throw PodcastException.InvalidArgument($"no job {job} in {jobs.Location}");
            Console.Error.WriteLine($"queued again: job {job}");
            return Task.FromResult(0);
        });
        return command;
    }
}
