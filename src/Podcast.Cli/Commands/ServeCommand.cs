using System.CommandLine;
using Podcast.Cli.Serving;
using Podcast.Publishing;
using Podcast.Shows;
using Podcast.Storage;

namespace Podcast.Cli.Commands;

/// <summary>
/// <c>podcast serve [feeds/&lt;slug&gt;] [--port N]</c>: rebuilds the show's pages from its episode.json files, then
/// serves the show folder on 127.0.0.1 until Ctrl-C, as a preview of what listeners and podcast apps will get.
/// </summary>
internal static class ServeCommand
{
    public const int DefaultPort = 8080;

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var show = new Argument<string>("show")
        {
            Description = "The show folder (feeds/<slug>); may be left out when ./feeds holds one show",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => PublishCommand.DefaultShow(),
        };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
        var command = new Command("serve", "Preview a show's pages, feed and audio on http://127.0.0.1 (Ctrl-C stops)") { show, port };
        command.SetRunner(async (parse, cancellationToken) =>
        {
            var folder = new ShowFolder(parse.GetValue(show) is { Length: > 0 } path ? path : throw PodcastException.InvalidArgument("which show? give its folder, e.g. podcast serve feeds/deeply-talks"));
            var details = ShowFile.Load(folder);
            var episodes = EpisodeStore.LoadAll(folder);

            // The pages are rebuilt so the preview matches the episode.json files even after a hand edit.
            using (await ShowLock.AcquireAsync(folder.LockFile, LockTimeout, w => Console.Error.WriteLine($"podcast: {w}"), cancellationToken).ConfigureAwait(false))
                PipelineStages.DefaultSite().Write(folder, details, episodes, cancellationToken);

            await using var server = await PreviewServer.StartAsync(folder.Root, parse.GetValue(port), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"serving {folder.Root} ({episodes.Count} episodes) at {server.Url}");
            Console.WriteLine($"feed: {new Uri(server.Url, "feed.xml")}");
            Console.WriteLine("press Ctrl-C to stop");
            // Ctrl-C is how a preview ends: a normal stop, not a failure, so it is not reported as a cancellation.
            await server.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            await Console.Error.WriteLineAsync("stopped").ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
