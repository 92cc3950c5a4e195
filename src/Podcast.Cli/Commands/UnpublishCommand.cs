using System.CommandLine;
using Podcast.Publishing;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast unpublish &lt;episode-slug&gt; [--show feeds/&lt;slug&gt;]</c>.</summary>
internal static class UnpublishCommand
{
    public static Command Create()
    {
        var slug = new Argument<string>("episode") { Description = "The episode's folder name under episodes/ (its slug)" };
        var show = new Option<string>("--show") { Description = "The show folder (feeds/<slug>)", DefaultValueFactory = _ => PublishCommand.DefaultShow() };
        var command = new Command("unpublish", "Remove an episode: rewrite feed.xml without it, then delete its folder") { slug, show };
        command.SetRunner(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(show);
            if (string.IsNullOrWhiteSpace(path))
                throw PodcastException.InvalidArgument("--show needs a show folder, e.g. feeds/my-show");
            var removed = await new Unpublisher(PipelineStages.DefaultFeed(), Podcast.Queue.PublishJobs.ShowGateFromEnvironment())
                .UnpublishAsync(path, parse.GetValue(slug)!, w => Console.Error.WriteLine($"podcast: warning: {w}"), cancellationToken)
                .ConfigureAwait(false);
            Console.Error.WriteLine($"unpublished \"{removed.Slug}\" (guid {removed.Guid}): removed from the feed and deleted");
            return 0;
        });
        return command;
    }
}
