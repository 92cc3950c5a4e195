using System.CommandLine;
using Podcast.Shows;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast init &lt;slug&gt;</c>: a new show folder under feeds/ with a show.yml to fill in.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var slug = new Argument<string>("slug") { Description = "Folder name for the show, e.g. deeply-talks" };
        var title = new Option<string?>("--title") { Description = "The show's title" };
        var root = new Option<string>("--feeds") { Description = "Where shows live", DefaultValueFactory = _ => "feeds" };
        var command = new Command("init", "Create a new show with a show.yml of sensible defaults") { slug, title, root };
        command.SetRunner((parse, _) =>
        {
            var name = parse.GetValue(slug)!;
            if (!EpisodeSlug.IsValid(name))
                throw PodcastException.InvalidArgument($"\"{name}\" is not a show slug (lower-case letters, digits and hyphens)");
            var folder = ShowFile.Init(Path.Combine(parse.GetValue(root)!, name), parse.GetValue(title) ?? name);
            Console.WriteLine($"created {folder.ShowFile}");
            Console.WriteLine("fill in the fields marked FILL IN (description, author, owner, baseUrl), then: podcast publish <audio> --show " + Path.Combine(parse.GetValue(root)!, name));
            return Task.FromResult(0);
        });
        return command;
    }
}
