using System.CommandLine;
using System.Globalization;
using Podcast.Highlights;
using Podcast.Publishing;
using Podcast.Transcription.Formats;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast highlights &lt;transcript&gt; [--guest NAME].. [--count N] [--json]</c>: the quotes an editor would pull, best first.</summary>
internal static class HighlightsCommand
{
    public static Command Create()
    {
        var transcript = new Argument<string>("transcript") { Description = "A WebVTT, SRT or Podcasting 2.0 JSON transcript with speakers" };
        var guests = new Option<string[]>("--guest") { Description = "A guest's name, whose words are quoted (repeat for several; default: whoever talks most and asks least)", Arity = ArgumentArity.ZeroOrMore };
        var count = new Option<int>("--count") { Description = "How many highlights", DefaultValueFactory = _ => HighlightRequest.DefaultCount };
        var chapters = new Option<bool>("--chapters") { Description = "Also print the chapters" };
        var json = GlobalOptions.Json();

        var command = new Command("highlights", "Pick the quotes an editor would pull from a transcript, best first")
        {
            transcript, guests, count, chapters, json,
        };
        command.SetRunner((parse, cancellationToken) =>
        {
            var request = new HighlightRequest(parse.GetValue(guests) ?? [], parse.GetValue(count));
            var read = TranscriptReader.ReadFile(parse.GetValue(transcript)!, "en");
            var picked = PipelineStages.DefaultHighlights().Pick(read, request, cancellationToken);
            var withChapters = parse.GetValue(chapters);
            if (parse.GetValue(json))
            {
                CommandRunner.WriteJson(new HighlightsOutput(
                    [.. picked.Highlights.Select(HighlightsFile.Entry.From)],
                    withChapters ? [.. picked.Chapters.Select(c => new ChapterOutput(Math.Round(c.Start.TotalSeconds, 3), Math.Round(c.End.TotalSeconds, 3), c.Title))] : null));
                return Task.FromResult(0);
            }

            foreach (var h in picked.Highlights)
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Clock(h.Start)}-{Clock(h.End)}  {h.Speaker}: {h.Text}"));
            if (withChapters)
            {
                Console.Out.WriteLine();
                foreach (var c in picked.Chapters)
                    Console.Out.WriteLine($"{Clock(c.Start)}  {c.Title}");
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static string Clock(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);

    private sealed record HighlightsOutput(IReadOnlyList<HighlightsFile.Entry> Highlights, IReadOnlyList<ChapterOutput>? Chapters);

    private sealed record ChapterOutput(double Start, double End, string Title);
}
