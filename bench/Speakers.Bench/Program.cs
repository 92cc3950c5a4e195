using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Tests.Support;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

// Diarization benchmark: the share of speech time given to the wrong person (and role, and voice before naming) on
// the fixture calls in ../shared and on espeak-ng calls made here.
// Usage: dotnet run -c Release --project bench/Speakers.Bench [-- FILTER]   (BENCH_VERBOSE=1 prints every turn)
var root = FindRepositoryRoot();
var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
var vad = Environment.GetEnvironmentVariable(Podcast.Models.ModelCatalogue.SileroVad.EnvironmentVariable!) is { Length: > 0 } fromEnv ? fromEnv : Path.Combine(shared, "fixtures", "whisper", Podcast.Models.ModelCatalogue.SileroVad.FileName);
if (!File.Exists(vad))
{
    Console.Error.WriteLine($"no Silero VAD model at {vad}; set {Podcast.Models.ModelCatalogue.SileroVad.EnvironmentVariable!}");
    return 2;
}

var decoder = new ManagedAudioDecoder();
var finder = new SpeakerFinder(decoder, new SileroSpeechDetector(vad));
Console.WriteLine($"{"call",-56} {"speech s",8} {"person",7} {"role",7} {"voice",7} {"missed",7} {"f.alarm",7} {"secs",6}");

var fixture = Path.Combine(shared, "fixtures", "deeply-talks-deir-ezzor");
if (Directory.Exists(fixture))
{
    var truth = ReadTruth(Path.Combine(fixture, "truth.json"));
    var transcript = Unnamed(TranscriptReader.ReadFile(Path.Combine(fixture, "transcript.json"), "en"));
    var hints = new SpeakerHints(["Alessandria Masi", "Hashem Osseiran"], ["Hassan Hassan"], new Dictionary<string, string>());
    await Run("fixture call.mp3 (mono)", Path.Combine(fixture, "call.mp3"), transcript, hints, truth);
    await Run("fixture call.mp3 (mono, no transcript)", Path.Combine(fixture, "call.mp3"), Transcript.Empty("en"), hints, truth);
    await Run("fixture call-stereo.mp3", Path.Combine(fixture, "call-stereo.mp3"), transcript, hints, truth);
}
else
{
    Console.WriteLine($"(no fixtures at {fixture}; only synthetic calls)");
}

EspeakVoice[][] casts =
[
    [new("Maya Lindqvist", "host", "en-us+f3", 60, 165, 0), new("Omar Haddad", "host", "en-gb+m3", 40, 155, 0), new("Priya Raman", "guest", "en+m7", 30, 150, 1)],
    [new("Maya Lindqvist", "host", "en+m1", 50, 170, 0), new("Omar Haddad", "host", "en-us+f2", 70, 160, 0), new("Priya Raman", "guest", "en-gb-x-rp+f4", 55, 150, 1)],
    [new("Maya Lindqvist", "host", "en-029+m4", 45, 160, 0), new("Omar Haddad", "host", "en-gb-scotland+m2", 35, 150, 0), new("Priya Raman", "guest", "en-us+m6", 55, 165, 1)],
];
var temp = Path.Combine(Path.GetTempPath(), "podcast-bench-" + Guid.NewGuid().ToString("N")[..8]);
try
{
    for (var i = 0; i < casts.Length; i++)
    {
        var cast = casts[i];
        var call = EspeakCall.Make(Path.Combine(temp, $"cast{i + 1}"), cast, EspeakCall.InterviewScript(cast[0].Name, cast[1].Name, cast[2].Name), seed: i + 1);
        var transcript = TranscriptReader.ReadFile(call.WriteTranscript(Path.Combine(temp, $"cast{i + 1}", "t.json")), "en");
        var hints = new SpeakerHints([cast[0].Name, cast[1].Name], [cast[2].Name], new Dictionary<string, string>());
        var voices = string.Join(", ", cast.Select(v => v.Voice));
        await Run($"espeak {voices} (mono)", call.MonoPath, transcript, hints, call.Turns);
        await Run($"espeak {voices} (stereo)", call.StereoPath, transcript, hints, call.Turns);
    }
}
finally
{
    Directory.Delete(temp, recursive: true);
}

return 0;

async Task Run(string name, string path, Transcript transcript, SpeakerHints hints, IReadOnlyList<SpeakerTurn> truth)
{
    if (args.Length > 0 && !name.Contains(args[0], StringComparison.OrdinalIgnoreCase))
        return;
    var clock = Stopwatch.StartNew();
    using var audio = decoder.Open(path);
    var turns = await finder.FindAsync(audio.Info, null, transcript, hints, CancellationToken.None);
    var seconds = clock.Elapsed.TotalSeconds;
    var e = DiarizationError.Measure(truth, turns);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(name.Length > 56 ? name[..56] : name),-56} {e.SpeechSeconds,8:0.0} {e.WrongPerson,7:P1} {e.WrongRole,7:P1} {e.WrongVoice,7:P1} {e.Missed,7:P1} {e.FalseAlarm,7:P1} {seconds,6:0.0}"));
    if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
    {
        foreach (var t in turns)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {t.Start.TotalSeconds,7:0.00} {t.End.TotalSeconds,7:0.00} {t.Speaker} ({t.Role})"));
    }
}

static Transcript Unnamed(Transcript transcript) =>
    transcript with { Segments = [.. transcript.Segments.Select(s => s with { Speaker = null })] };

static IReadOnlyList<SpeakerTurn> ReadTruth(string path)
{
    using var json = JsonDocument.Parse(File.ReadAllText(path));
    return [.. json.RootElement.GetProperty("turns").EnumerateArray().Select(t => new SpeakerTurn(
        TimeSpan.FromSeconds(t.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(t.GetProperty("end").GetDouble()),
        t.GetProperty("speaker").GetString()!, t.GetProperty("role").GetString()!))];
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Podcast.sln")))
            return dir.FullName;
    }

    throw new InvalidOperationException("Podcast.sln not found above the benchmark");
}
