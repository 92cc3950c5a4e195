using System.CommandLine;
using System.Globalization;
using Podcast.Highlights;
using Podcast.Shows;
using Podcast.Speakers;
using Podcast.Transcription;

namespace Podcast.Cli.Commands;

/// <summary>
/// <c>podcast transcript review &lt;episode&gt; [--reject N].. [--confirm N [--speaker NAME]]</c>: lists the
/// vocabulary corrections made to an episode's transcript (stdout, one line each) and, with the advice, the quotes
/// credited on a guess (stderr, like publish's warnings); a rejected correction keeps the heard text, and a confirmed
/// quote its speaker (or the one named), from the next publish of the recording on.
/// </summary>
internal static class TranscriptCommand
{
    public static Command Create()
    {
        var episode = new Argument<string>("episode") { Description = "The episode folder, or its slug in the show" };
        var show = new Option<string?>("--show") { Description = "The show folder, when the episode is given by slug (default: the one show under ./feeds)" };
        var reject = new Option<int[]>("--reject") { Description = "Reject correction N (repeat for several); republish to apply", Arity = ArgumentArity.ZeroOrMore };
        var confirm = new Option<int[]>("--confirm") { Description = "Confirm who said quote N of highlights.json (repeat for several); republish to apply", Arity = ArgumentArity.ZeroOrMore };
        var speaker = new Option<string?>("--speaker") { Description = "With one --confirm: the person who really said that quote" };
        var json = GlobalOptions.Json();
        var review = new Command("review", "List the vocabulary corrections and the quotes credited on a guess in an episode; reject wrong corrections, confirm who said a quote")
        {
            episode, show, reject, confirm, speaker, json,
        };
        review.SetRunner((parse, _) =>
        {
            var dir = EpisodeDirectory(parse.GetValue(episode)!, parse.GetValue(show));
            var path = Path.Combine(dir, CorrectionsFile.FileName);
            var highlightsPath = Path.Combine(dir, HighlightsFile.FileName);
            var confirmedPath = Path.Combine(dir, ConfirmedSpeakers.FileName);
            if (!File.Exists(path) && !File.Exists(highlightsPath))
                throw PodcastException.InputNotFound(path);
            var entries = CorrectionsFile.Read(path).ToList();
            var highlights = File.Exists(highlightsPath) ? HighlightsFile.Read(highlightsPath) : [];
            var confirmed = ConfirmedSpeakers.Read(confirmedPath);

            // Every number is checked before either file is written: a mistyped one changes nothing.
            var rejecting = parse.GetValue(reject) ?? [];
            foreach (var n in rejecting)
            {
                var index = entries.FindIndex(e => e.Number == n);
                if (index < 0)
                    throw PodcastException.InvalidArgument($"--reject {n}: {path} has corrections 1 to {entries.Count}");
                entries[index] = entries[index] with { Rejected = true };
            }

            var confirming = parse.GetValue(confirm) ?? [];
            var name = parse.GetValue(speaker)?.Trim();
            if (name is not null && (name.Length == 0 || confirming.Length != 1))
                throw PodcastException.InvalidArgument("--speaker NAME goes with exactly one --confirm N: the person who said quote N");
            foreach (var n in confirming)
            {
                if (n < 1 || n > highlights.Count)
                    throw PodcastException.InvalidArgument($"--confirm {n}: {highlightsPath} has quotes 1 to {highlights.Count}");
                var quote = highlights[n - 1];
                var who = name ?? quote.Speaker;
                if (who.Length == 0 || SpeakerNaming.IsVoiceLabel(who))
                    throw PodcastException.InvalidArgument($"--confirm {n}: quote {n} is credited to {(quote.Speaker.Length == 0 ? "no one" : quote.Speaker)}, not a person; name who said it with --speaker NAME");
                confirmed = ConfirmedSpeakers.With(confirmed, new SpeakerConfirmation(
                    Math.Round(quote.Start.TotalSeconds, 3), Math.Round(quote.End.TotalSeconds, 3), who, quote.Text));
            }

            if (rejecting.Length > 0)
                CorrectionsFile.Write(path, entries);
            if (confirming.Length > 0)
                ConfirmedSpeakers.Write(confirmedPath, confirmed);
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

            if (File.Exists(path))
            {
                Console.Error.WriteLine(entries.Count == 0
                    ? "no corrections were made"
                    : rejecting.Length > 0
                        ? $"rejected {string.Join(", ", rejecting)}; publish the recording again to keep the heard text"
                        : $"{entries.Count(e => !e.Rejected)} corrections; reject a wrong one with --reject N, then publish again");
            }

            ListQuotes(highlights, confirmed, confirming);
            return Task.FromResult(0);
        });

        return new Command("transcript", "Work with an episode's transcript") { review };
    }

    /// <summary>
    /// The quotes credited on a guess, by their number in highlights.json, on stderr beside the advice: stdout stays
    /// one line per correction. A quote confirmed since the last publish says so.
    /// </summary>
    private static void ListQuotes(IReadOnlyList<Highlight> highlights, IReadOnlyList<SpeakerConfirmation> confirmed, int[] confirming)
    {
        var flagged = 0;
        for (var i = 0; i < highlights.Count; i++)
        {
            var h = highlights[i];
            var settled = confirmed.LastOrDefault(c => c.Covers(h.Start, h.End));
            if (!h.NeedsReview && (settled is null || !confirming.Contains(i + 1)))
                continue;
            var status = settled is null ? "speaker unconfirmed" : $"confirmed as {settled.Speaker}; publish again to credit it";
            if (settled is null)
                flagged++;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"quote {i + 1,2}  {TimeSpan.FromSeconds(Math.Floor(h.Start.TotalSeconds)):hh\\:mm\\:ss}  {h.Speaker}? ({Math.Floor(h.SpeakerConfidence * 100) / 100:0.00})  \"{h.Text}\"  ({status})"));
        }

        if (flagged > 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{flagged} {(flagged == 1 ? "quote is" : "quotes are")} credited on a guess (speaker confidence below {SpeakerCertainty.Threshold:0.0#}) and name no one on the page; confirm with --confirm N, or --confirm N --speaker NAME if someone else said it, then publish again"));
        }
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
