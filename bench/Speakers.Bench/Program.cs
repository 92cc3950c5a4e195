using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Tests.Support;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

// Diarization benchmark: who spoke when, as publish finds it (the neural models on one channel), on real human voices
// (../shared/fixtures/real-voices, scored by the shared RTTM scorer: DER, missed, false alarm, confusion), on the
// espeak fixture call and on espeak-ng calls made here (share of speech time given to the wrong person / role / voice).
// Usage: dotnet run -c Release --project bench/Speakers.Bench [-- FILTER]   (BENCH_VERBOSE=1 prints every turn;
// BENCH_LONG=FILE also times the speaker stage on a long one-channel recording, named as the LibriSpeech call)
var root = FindRepositoryRoot();
var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
string Model(Podcast.Models.KnownModel model, string fallback) =>
    Environment.GetEnvironmentVariable(model.EnvironmentVariable!) is { Length: > 0 } fromEnv ? fromEnv : Path.Combine(shared, fallback, model.FileName);
var vad = Model(Podcast.Models.ModelCatalogue.SileroVad, Path.Combine("fixtures", "whisper"));
var neural = new SpeakerModelFiles(Model(Podcast.Models.ModelCatalogue.Segmentation, Path.Combine("models", "speaker")), Model(Podcast.Models.ModelCatalogue.SpeakerEmbedding, Path.Combine("models", "speaker")));
foreach (var file in new[] { vad, neural.Segmentation, neural.Embedding })
{
    if (!File.Exists(file))
    {
        Console.Error.WriteLine($"no model at {file}; set the PODCAST_* variables of `podcast models`");
        return 2;
    }
}

var decoder = new ManagedAudioDecoder(others: new FfmpegAudioDecoder());
var detector = new SileroSpeechDetector(vad);
var finder = new SpeakerFinder(decoder, detector, neural);

var real = Path.Combine(shared, "fixtures", "real-voices");
if (Directory.Exists(real))
{
    Console.WriteLine($"{"real voices",-64} {"DER",6} {"missed",6} {"f.al.",6} {"conf.",6} {"voices",6} {"secs",6}");
    var call = Path.Combine(real, "librispeech-call");
    var rttm = Path.Combine(call, "truth.rttm");
    string[] hosts = ["LibriSpeech 2414", "LibriSpeech 3080"];
    var named = new SpeakerHints(hosts, ["LibriSpeech 2609"], new Dictionary<string, string>());
    var nobody = new SpeakerHints([], [], new Dictionary<string, string>());
    var enrolled = new SpeakerHints([], ["LibriSpeech 2609"], new Dictionary<string, string>()) { Voices = Enrol(Path.Combine(call, "enroll"), hosts) };
    foreach (var (file, label) in new[] { ("call.mp3", "mono"), ("call-phone.mp3", "phone band"), ("call-stereo.mp3", "stereo") })
    {
        await Real($"LibriSpeech call, {label}, 3 named", Path.Combine(call, file), named, rttm, "call");
        await Real($"LibriSpeech call, {label}, nobody named", Path.Combine(call, file), nobody, rttm, "call");
        await Real($"LibriSpeech call, {label}, hosts enrolled, guest named", Path.Combine(call, file), enrolled, rttm, "call");
    }

    var ami = Path.Combine(real, "ami-sample");
    await Real("AMI meeting sample, 2 named", Path.Combine(ami, "sample.wav"), new SpeakerHints([], ["A", "B"], new Dictionary<string, string>()), Path.Combine(ami, "sample.rttm"), "sample");
    await Real("AMI meeting sample, nobody named", Path.Combine(ami, "sample.wav"), nobody, Path.Combine(ami, "sample.rttm"), "sample");
    if (Environment.GetEnvironmentVariable("BENCH_LONG") is { Length: > 0 } longFile)
    {
        var process = Process.GetCurrentProcess();
        using var audio = decoder.Open(longFile);
        using var speech = SampleFile.Write(audio.Samples.ForSpeech(), Path.GetTempPath(), CancellationToken.None);
        foreach (var hints in new[] { named, nobody })
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var turns = await finder.FindAsync(audio.Info, speech, Transcript.Empty("en"), hints, CancellationToken.None);
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"speaker stage on {audio.Info.Duration.TotalMinutes:0} min ({(hints.Guests.Count > 0 ? "3 named" : "nobody named")}, decoded already): {clock.Elapsed.TotalSeconds:0.0} s wall, {(process.TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU, {turns.Select(t => t.Speaker).Distinct().Count()} voices, peak working set {process.PeakWorkingSet64 / 1e6:0} MB"));
        }
    }

    Console.WriteLine();
}
else
{
    Console.WriteLine($"(no real voices at {real})");
}

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

async Task Real(string name, string path, SpeakerHints hints, string truthRttm, string fileId)
{
    if (args.Length > 0 && !name.Contains(args[0], StringComparison.OrdinalIgnoreCase))
        return;
    var clock = Stopwatch.StartNew();
    using var audio = decoder.Open(path);
    var turns = await finder.FindAsync(audio.Info, null, Transcript.Empty("en"), hints, CancellationToken.None);
    var seconds = clock.Elapsed.TotalSeconds;
    var json = Path.GetTempFileName();
    try
    {
        File.WriteAllText(json, JsonSerializer.Serialize(new { turns = turns.Select(t => new { start = t.Start.TotalSeconds, end = t.End.TotalSeconds, speaker = t.Speaker }) }));
        var scorer = new ProcessStartInfo("python3", [Path.Combine(shared, "tools", "rttm-der.py"), json, truthRttm, fileId]) { RedirectStandardOutput = true };
        using var process = Process.Start(scorer)!;
        var score = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var figures = score.Split((char[])[' ', '\n', '\t', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.TryParse(t.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
            .Where(v => !double.IsNaN(v)).Take(4).ToArray();
        var people = turns.Select(t => t.Speaker).Distinct().Count();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-64} {figures.ElementAtOrDefault(0),6:0.0} {figures.ElementAtOrDefault(1),6:0.0} {figures.ElementAtOrDefault(2),6:0.0} {figures.ElementAtOrDefault(3),6:0.0} {people,6} {seconds,6:0.0}"));
        if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1")
        {
            foreach (var t in turns)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {t.Start.TotalSeconds,7:0.00} {t.End.TotalSeconds,7:0.00} {t.Speaker} ({t.Role}, {t.Confidence:0.00})"));
        }
    }
    finally
    {
        File.Delete(json);
    }
}

IReadOnlyList<EnrolledVoice> Enrol(string folder, string[] names)
{
    using var embedder = new DVectorEmbedder(neural.Embedding);
    return [.. names.Select(name =>
    {
        using var clip = decoder.Open(Path.Combine(folder, name + ".mp3"));
        using var samples = SampleFile.Write(clip.Samples.ForSpeech(), Path.GetTempPath(), CancellationToken.None);
        return new EnrolledVoice(name, "host", VoicePrints.Embed(samples, detector, embedder, CancellationToken.None).Vector);
    })];
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
