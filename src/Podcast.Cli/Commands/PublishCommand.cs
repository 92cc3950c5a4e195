using System.CommandLine;
using System.Globalization;
using Podcast.Publishing;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast publish &lt;audio&gt; --show feeds/&lt;slug&gt;</c>.</summary>
internal static class PublishCommand
{
    public static Command Create()
    {
        var audio = new Argument<string>("audio") { Description = "The recording: WAV, MP3, Ogg Vorbis, or FLAC/M4A with ffmpeg on PATH" };
        var show = new Option<string>("--show") { Description = "The show folder (feeds/<slug>)", DefaultValueFactory = _ => DefaultShow() };
        var title = new Option<string?>("--title") { Description = "Episode title (default: kept from an earlier publish, else the file name)" };
        var summary = new Option<string?>("--summary") { Description = "One-paragraph episode summary" };
        var guests = new Option<string[]>("--guest") { Description = "A guest's name (repeat for several)", Arity = ArgumentArity.ZeroOrMore };
        var speakers = new Option<string[]>("--speaker") { Description = "Name a voice: \"S1=Alessandria Masi\" (labels as `podcast speakers` prints them; repeat for several)", Arity = ArgumentArity.ZeroOrMore };
        var model = new Option<string?>("--model") { Description = "Whisper ggml model file (else $PODCAST_WHISPER_MODEL, the cache, or a download)" };
        var modelName = new Option<string?>("--model-name") { Description = "Whisper model to fetch when none is given (default: base.en for English, else base)" };
        var noVad = new Option<bool>("--no-vad") { Description = "Let Whisper hear everything, silences and noise included (no speech gate; the Silero VAD model is then not needed to transcribe)" };
        var transcript = new Option<string?>("--transcript") { Description = "Use this VTT, SRT or JSON transcript instead of transcribing" };
        var retranscribe = new Option<bool>("--retranscribe") { Description = "Transcribe again even if this recording was transcribed before" };
        var language = new Option<string?>("--language") { Description = "Spoken language (default: the show's)" };
        var threads = new Option<int>("--threads") { Description = "Threads for Whisper", DefaultValueFactory = _ => Transcription.TranscriptionRequest.DefaultThreads };
        var beam = new Option<int>("--beam") { Description = "Beam search width (default: greedy)" };
        var prompt = new Option<string?>("--prompt") { Description = "Whisper's initial prompt (none unless given; the show's names are spelled by the vocabulary pass)" };
        var season = new Option<int?>("--season") { Description = "Season number (itunes:season, podcast:season)" };
        var number = new Option<int?>("--episode") { Description = "Episode number (itunes:episode, podcast:episode)" };
        var type = new Option<string?>("--type") { Description = "Episode type: full, trailer or bonus (default: full)" };
        type.AcceptOnlyFromAmong("full", "trailer", "bonus");
        var json = GlobalOptions.Json();

        var command = new Command("publish", "Transcribe, tag and publish a recording as an episode of a show")
        {
            audio, show, title, summary, guests, speakers, model, modelName, noVad, transcript, retranscribe, language, threads, beam, prompt, season, number, type, json,
        };
        command.SetRunner(async (parse, cancellationToken) =>
        {
            var request = new PublishRequest(parse.GetValue(audio)!, parse.GetValue(show)!)
            {
                Title = parse.GetValue(title),
                Summary = parse.GetValue(summary),
                Guests = parse.GetValue(guests) ?? [],
                Speakers = Speakers.SpeakerOverrides.Parse(parse.GetValue(speakers)),
                ModelPath = parse.GetValue(model),
                ModelName = parse.GetValue(modelName),
                NoVad = parse.GetValue(noVad),
                TranscriptPath = parse.GetValue(transcript),
                Retranscribe = parse.GetValue(retranscribe),
                Language = parse.GetValue(language),
                Threads = parse.GetValue(threads),
                BeamSize = parse.GetValue(beam),
                Prompt = parse.GetValue(prompt),
                Season = parse.GetValue(season),
                Number = parse.GetValue(number),
                EpisodeType = parse.GetValue(type),
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
                $"published \"{result.Slug}\" ({result.AudioSeconds:0} s, {result.Segments} transcript segments{(result.TranscriptReused ? ", transcript reused" : string.Empty)}, {result.Corrections} vocabulary corrections{Loudness(result)}) to {result.Feed}"));
            return 0;
        });
        return command;
    }

    /// <summary>", -16.0 LUFS / -1.2 dBTP (was -29.8 LUFS / -11.2 dBTP)" when the audio was mastered.</summary>
    private static string Loudness(PublishResult result) =>
        result is { LoudnessBefore: { } before, LoudnessAfter: { } after }
            ? string.Create(CultureInfo.InvariantCulture, $", {after.IntegratedLufs:0.0} LUFS / {after.TruePeakDbtp:0.0} dBTP (was {before.IntegratedLufs:0.0} LUFS / {before.TruePeakDbtp:0.0} dBTP)")
            : string.Empty;

    /// <summary>With one show under ./feeds, --show may be left out.</summary>
    internal static string DefaultShow()
    {
        var shows = Directory.Exists("feeds") ? Directory.GetDirectories("feeds").Where(d => File.Exists(Path.Combine(d, "show.yml"))).ToArray() : [];
        return shows.Length == 1 ? shows[0] : string.Empty;
    }
}
