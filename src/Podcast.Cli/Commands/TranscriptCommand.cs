using System.CommandLine;
using System.Globalization;
using Podcast.Shows;
using Podcast.Transcription;

namespace Podcast.Cli.Commands;

/// <summary>
/// <c>podcast transcript review &lt;episode&gt; [--reject N]</c>: lists the vocabulary corrections made to an
/// episode's transcript; a rejected one keeps the heard text from the next publish of the recording on.
/// </summary>
internal static class TranscriptCommand
{
    public static Command Create()
    {
        var episode = new Argument<string>("episode") { Description = "The episode folder, or its slug in the show" };
        var show = new Option<string?>("--show") { Description = "The show folder, when the episode is given by slug (default: the one show under ./feeds)" };
        var reject = new Option<int[]>("--reject") { Description = "Reject correction N (repeat for several); republish to apply", Arity = ArgumentArity.ZeroOrMore };
        var json = GlobalOptions.Json();
        var review = new Command("review", "List the vocabulary corrections in an episode's transcript, and reject wrong ones") { episode, show, reject, json };
        review.SetRunner((parse, _) =>
        {
            var dir = EpisodeDirectory(parse.GetValue(episode)!, parse.GetValue(show));
            var path = Path.Combine(dir, CorrectionsFile.FileName);
            if (!File.Exists(path))
                throw PodcastException.InputNotFound(path);
            var entries = CorrectionsFile.Read(path).ToList();
            var rejecting = parse.GetValue(reject) ?? [];
            foreach (var n in rejecting)
            {
                var index = entries.FindIndex(e => e.Number == n);
                if (index < 0)
                    throw PodcastException.InvalidArgument($"--reject {n}: {path} has corrections 1 to {entries.Count}");
                entries[index] = entries[index] with { Rejected = true };
            }

            if (rejecting.Length > 0)
                CorrectionsFile.Write(path, entries);
            if (parse.GetValue(json))
            {
                CommandRunner.WriteJson(entries);
                return Task.FromResult(0);
            }

            foreach (var e in entries)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Number,3}  {TimeSpan.FromSeconds(e.Time):hh\\:mm\\:ss\\.f}  {e.Score:0.00}  \"{e.Heard}\" -> \"{e.Written}\"{(e.Rejected ? "  (rejected)" : string.Empty)}"));
            }

            Console.Error.WriteLine(entries.Count == 0
                ? "no corrections were made"
                : rejecting.Length > 0
                    ? $"rejected {string.Join(", ", rejecting)}; publish the recording again to keep the heard text"
                    : $"{entries.Count(e => !e.Rejected)} corrections; reject a wrong one with --reject N, then publish again");
            return Task.FromResult(0);
        });

        return new Command("transcript", "Work with an episode's transcript") { review };
    }

    private static string EpisodeDirectory(string episode, string? show)
    {
        if (Directory.Exists(episode))
            return Path.GetFullPath(episode);
        var showPath = show ?? (Directory.Exists("feeds") ? Directory.GetDirectories("feeds").Where(d => File.Exists(Path.Combine(d, "show.yml"))).SingleOrDefault() : null);
        if (showPath is null)
            throw PodcastException.InvalidArgument($"{episode}: not an episode folder; give its slug with --show feeds/<slug>");
        if (!EpisodeSlug.IsValid(episode))
            throw PodcastException.InvalidArgument($"{episode}: not an episode folder nor an episode slug");
        var dir = new ShowFolder(showPath).EpisodeDirectory(episode);
        return Directory.Exists(dir) ? dir : throw PodcastException.InputNotFound(dir);
    }
}
