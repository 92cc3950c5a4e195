using System.CommandLine;
using System.Globalization;
using Podcast.Models;
using Podcast.Publishing;
using Podcast.Shows;
using Podcast.Speakers;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

namespace Podcast.Cli.Commands;

/// <summary>
/// <c>podcast speakers &lt;audio&gt; [--show DIR] [--host NAME].. [--guest NAME].. [--transcript FILE] [--json]</c>: who
/// spoke when. With <c>--show</c>, the show's hosts (show.yml) and enrolled voices (voices.json) are looked for too.
/// </summary>
internal static class SpeakersCommand
{
    public static Command Create()
    {
        var audio = new Argument<string>("audio") { Description = "The recording: WAV, MP3 or Ogg Vorbis (two channels: one line each)" };
        var hosts = new Option<string[]>("--host") { Description = "A host's name (repeat for several)", Arity = ArgumentArity.ZeroOrMore };
        var guests = new Option<string[]>("--guest") { Description = "A guest's name (repeat for several)", Arity = ArgumentArity.ZeroOrMore };
        var speakers = new Option<string[]>("--speaker") { Description = "Name a voice: \"S1=Alessandria Masi\" (repeat for several)", Arity = ArgumentArity.ZeroOrMore };
        var transcript = new Option<string?>("--transcript") { Description = "A VTT, SRT or JSON transcript of the recording, for name and question cues (else acoustics alone)" };
        var show = new Option<string?>("--show") { Description = "A show folder: its hosts (show.yml) and enrolled voices (`podcast voices`) are named too" };
        var json = GlobalOptions.Json();

        var command = new Command("speakers", "Find who spoke when in a recording, and name them")
        {
            audio, show, hosts, guests, speakers, transcript, json,
        };
        command.SetRunner(async (parse, cancellationToken) =>
        {
            var stages = PipelineStages.Default();
            var hints = new SpeakerHints(parse.GetValue(hosts) ?? [], parse.GetValue(guests) ?? [], SpeakerOverrides.Parse(parse.GetValue(speakers)));
            if (parse.GetValue(show) is { } showPath)
            {
                var folder = new ShowFolder(showPath);
                var showFile = ShowFile.Load(folder);
                hints = new SpeakerHints([.. showFile.Hosts, .. hints.Hosts], hints.Guests, hints.Overrides)
                {
                    Voices = VoiceStore.Enrolled(folder, ModelCatalogue.SpeakerEmbedding),
                };
            }

            var finder = stages.Speakers ?? throw new InvalidOperationException("the default stages have a speaker finder");
            var text = parse.GetValue(transcript) is { } path ? TranscriptReader.ReadFile(path, "en") : Transcript.Empty("en");
            using var decoded = stages.Decoder.Open(parse.GetValue(audio)!);
            await stages.Models.EnsureAsync(finder.Models, new ProgressPrinter(), cancellationToken).ConfigureAwait(false);
            var turns = await finder.FindAsync(decoded.Info, null, text, hints, cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(json))
            {
                CommandRunner.WriteJson(new
                {
                    Turns = turns.Select(t => new { Start = Math.Round(t.Start.TotalSeconds, 3), End = Math.Round(t.End.TotalSeconds, 3), t.Speaker, t.Role, Confidence = Math.Round(t.Confidence, 3) }),
                });
                return 0;
            }

            foreach (var t in turns)
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Timestamps.Format(t.Start, '.')} --> {Timestamps.Format(t.End, '.')}  {t.Speaker} ({t.Role}, {t.Confidence:0.00})"));
            return 0;
        });
        return command;
    }
}
