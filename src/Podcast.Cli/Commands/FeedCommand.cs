using System.CommandLine;
using Podcast.Feed;
using Podcast.Shows;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast feed check [feeds/&lt;slug&gt;]</c>: our offline check of a show's feed.xml and the files it points to.</summary>
internal static class FeedCommand
{
    public static Command Create()
    {
        var show = new Argument<string>("show") { Description = "The show folder (feeds/<slug>); may be left out when ./feeds holds one show", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => PublishCommand.DefaultShow() };
        var json = GlobalOptions.Json();
        var check = new Command("check", "Check feed.xml against Apple's and Podcasting 2.0's rules; exits 7 when it has errors") { show, json };
        check.SetRunner((parse, _) =>
        {
            var path = parse.GetValue(show);
            if (string.IsNullOrWhiteSpace(path))
                throw PodcastException.InvalidArgument("give the show folder, e.g. podcast feed check feeds/my-show");
            var folder = new ShowFolder(path);
            var problems = FeedChecker.CheckFile(folder, ShowFile.Load(folder).BaseUrl);
            var errors = problems.Count(p => p.Severity == FeedSeverity.Error);
            if (parse.GetValue(json))
                CommandRunner.WriteJson(new { feed = folder.FeedFile, errors, warnings = problems.Count - errors, problems });
            foreach (var problem in problems)
                Console.Error.WriteLine($"{folder.FeedFile}: {problem}");
            Console.Error.WriteLine(errors == 0
                ? $"{folder.FeedFile}: ok ({problems.Count} warning{(problems.Count == 1 ? string.Empty : "s")})"
                : $"{folder.FeedFile}: {errors} error{(errors == 1 ? string.Empty : "s")}, {problems.Count - errors} warning{(problems.Count - errors == 1 ? string.Empty : "s")}");
            return Task.FromResult(errors == 0 ? 0 : (int)ExitCode.FeedInvalid);
        });
        return new Command("feed", "Work with a show's feed.xml") { check };
    }
}
