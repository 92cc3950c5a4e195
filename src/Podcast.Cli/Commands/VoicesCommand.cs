using System.CommandLine;
using System.Globalization;
using Podcast.Decoding;
using Podcast.Models;
using Podcast.Shows;
using Podcast.Speakers;

namespace Podcast.Cli.Commands;

/// <summary>
/// <c>podcast voices [--show DIR] [--json]</c> lists the show's enrolled voices; <c>podcast voices enroll NAME CLIP
/// [--role host|guest]</c> adds (or replaces) one from a clip of that person alone; <c>podcast voices remove NAME</c>
/// forgets one. Enrolled voices are named by sound in <c>podcast speakers --show</c> and publish.
/// </summary>
internal static class VoicesCommand
{
    public static Command Create()
    {
        var show = new Option<string>("--show")
        {
            Description = "The show folder (feeds/<slug>) whose voices.json holds the voices",
            DefaultValueFactory = _ => PublishCommand.DefaultShow(),
            Recursive = true,
        };
        var json = GlobalOptions.Json();
        var voices = new Command("voices", "List the show's enrolled voices (hosts recognised by sound); enroll or remove one") { show, json };
        voices.SetRunner((parse, _) =>
        {
            var folder = Folder(parse.GetValue(show));
            var current = VoiceModel.Of(ModelCatalogue.SpeakerEmbedding);
            var enrolled = VoiceStore.Load(folder);
            if (parse.GetValue(json))
            {
                CommandRunner.WriteJson(new
                {
                    File = VoiceStore.PathIn(folder),
                    Voices = enrolled.Select(v => new { v.Name, v.Role, v.SpeechSeconds, v.Enrolled, v.Model, CurrentModel = VoiceStore.SameModel(v.Model, current) }),
                });
                return Task.FromResult(0);
            }

            if (enrolled.Count == 0)
            {
                Console.Error.WriteLine($"no voices enrolled in {folder.Root}; add one with `podcast voices enroll NAME CLIP --show {parse.GetValue(show)}`");
                return Task.FromResult(0);
            }

            foreach (var v in enrolled)
            {
                var stale = VoiceStore.SameModel(v.Model, current) ? string.Empty : $"  (made with {v.Model.File}, not the model in use: enrol again)";
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{v.Name}  {v.Role}  {v.SpeechSeconds:0.0} s of speech  enrolled {v.Enrolled:yyyy-MM-dd}{stale}"));
            }

            return Task.FromResult(0);
        });

        var name = new Argument<string>("name") { Description = "The person's name, as transcripts and the feed should show it" };
        var clip = new Argument<string>("clip") { Description = "A recording of that person alone (WAV, MP3, Ogg Vorbis; 20-60 s of speech is best, at least 3 s)" };
        var role = new Option<string>("--role") { Description = "The person's role on the show", DefaultValueFactory = _ => SpeakerNaming.Host };
        role.AcceptOnlyFromAmong([.. VoiceStore.Roles]);
        var enroll = new Command("enroll", "Keep a person's voice print (never the audio) so they are named by sound in every episode") { name, clip, role };
        enroll.SetRunner(async (parse, cancellationToken) =>
        {
            var folder = Folder(parse.GetValue(show));
            var enrolment = new VoiceEnrolment(new ManagedAudioDecoder(others: new FfmpegAudioDecoder()), ModelCache.ForCurrentUser());
            var voice = await enrolment.EnrollAsync(folder, parse.GetValue(name)!, parse.GetValue(clip)!, parse.GetValue(role)!, new ProgressPrinter(),
                w => Console.Error.WriteLine($"podcast: {w}"), cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"enrolled \"{voice.Name}\" ({voice.Role}) from {voice.SpeechSeconds:0.0} s of speech in {VoiceStore.PathIn(folder)}"));
            return 0;
        });

        var removeName = new Argument<string>("name") { Description = "The enrolled person's name, as `podcast voices` lists it" };
        var remove = new Command("remove", "Forget a person's voice print") { removeName };
        remove.SetRunner(async (parse, cancellationToken) =>
        {
            var folder = Folder(parse.GetValue(show));
            var removed = await VoiceEnrolment.RemoveAsync(folder, parse.GetValue(removeName)!, w => Console.Error.WriteLine($"podcast: {w}"), cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"removed the voice of \"{removed.Name}\" from {VoiceStore.PathIn(folder)}");
            return 0;
        });

        voices.Subcommands.Add(enroll);
        voices.Subcommands.Add(remove);
        return voices;
    }

    private static ShowFolder Folder(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw PodcastException.InvalidArgument("--show needs a show folder, e.g. feeds/my-show");
        var folder = new ShowFolder(path);
        if (!File.Exists(folder.ShowFile))
            throw PodcastException.ShowInvalid(folder.ShowFile, "missing (create one with `podcast init <slug>`)");
        return folder;
    }
}
