using System.CommandLine;
using System.Globalization;
using Podcast.Publishing;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast publish &lt;audio&gt; --show feeds/&lt;slug&gt;</c>.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var audio = new Argument<string>("audio") { Description = "The recording: WAV, MP3 or Ogg Vorbis" };
        var show = new Option<string>("--show") { Description = "The show folder (feeds/<slug>)", DefaultValueFactory = _ => DefaultShow() };
        var title = new Option<string?>("--title") { Description = "Episode title (default: kept from an earlier publish, else the file name)" };
        var summary = new Option<string?>("--summary") { Description = "One-paragraph episode summary" };
        var guests = new Option<string[]>("--guest") { Description = "A guest's name (repeat for several)", Arity = ArgumentArity.ZeroOrMore };
        var model = new Option<string?>("--model") { Description = "Whisper ggml model file (else $PODCAST_WHISPER_MODEL, the cache, or a download)" };
        var modelName = new Option<string>("--model-name") { Description = "Model to download when none is given", DefaultValueFactory = _ => Transcription.WhisperModels.DefaultModel };
        var transcript = new Option<string?>("--transcript") { Description = "Use this VTT, SRT or JSON transcript instead of transcribing" };
        var retranscribe = new Option<bool>("--retranscribe") { Description = "Transcribe again even if this recording was transcribed before" };
        var language = new Option<string?>("--language") { Description = "Spoken language (default: the show's)" };
        var threads = new Option<int>("--threads") { Description = "Threads for Whisper", DefaultValueFactory = _ => Transcription.TranscriptionRequest.DefaultThreads };
        var beam = new Option<int>("--beam") { Description = "Beam search width (default: greedy)" };
        var prompt = new Option<string?>("--prompt") { Description = "Text added to the automatic Whisper prompt" };
        var json = GlobalOptions.Json();

        var command = new Command("publish", "Transcribe, tag and publish a recording as an episode of a show")
        {
            audio, show, title, summary, guests, model, modelName, transcript, retranscribe, language, threads, beam, prompt, json,
        };
        command.SetRunner(async (parse, cancellationToken) =>
        {
            var request = new PublishRequest(parse.GetValue(audio)!, parse.GetValue(show)!)
            {
                Title = parse.GetValue(title),
                Summary = parse.GetValue(summary),
                Guests = parse.GetValue(guests) ?? [],
                ModelPath = parse.GetValue(model),
                ModelName = parse.GetValue(modelName)!,
                TranscriptPath = parse.GetValue(transcript),
                Retranscribe = parse.GetValue(retranscribe),
                Language = parse.GetValue(language),
                Threads = parse.GetValue(threads),
                BeamSize = parse.GetValue(beam),
                ExtraPrompt = parse.GetValue(prompt),
            };
            var pipeline = new PublishPipeline(PipelineStages.Default());
            var result = await pipeline.PublishAsync(request, new ProgressPrinter(), w => Console.Error.WriteLine($"podcast: warning: {w}"), cancellationToken).ConfigureAwait(false);

            if (parse.GetValue(json))
                CommandRunner.WriteJson(result);
            if (parse.GetValue(GlobalOptions.Verbose))
            {
                foreach (var (stage, seconds) in result.Timings)
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-12} {seconds,8:0.000} s"));
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"published \"{result.Slug}\" ({result.AudioSeconds:0} s, {result.Segments} transcript segments{(result.TranscriptReused ? ", transcript reused" : string.Empty)}, {result.Corrections} vocabulary corrections) to {result.Feed}"));
            return 0;
        });
        return command;
    }

    /// <summary>With one show under ./feeds, --show may be left out.</summary>
    private static string DefaultShow()
    {
        var shows = Directory.Exists("feeds") ? Directory.GetDirectories("feeds").Where(d => File.Exists(Path.Combine(d, "show.yml"))).ToArray() : [];
        return shows.Length == 1 ? shows[0] : string.Empty;
    }
}
