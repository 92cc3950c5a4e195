using System.Text.Json;
using NAudio.Wave;
using Podcast.Speakers;
using Podcast.Tests.Support;

namespace Podcast.Tests.Speakers;

/// <summary>
/// <c>podcast voices</c> through the real executable, with the real VAD and d-vector models from ../shared, and the
/// issue's test: enrolled hosts named in a real call with no --host hints.
/// </summary>
public sealed class VoicesCommandTests
{
    private const string Call = "fixtures/real-voices/librispeech-call/";

    private static string Clip(string host) => Fixtures.Require($"{Call}enroll/{host}.mp3");

    /// <summary>The show without hosts: whoever is named must have been named by voice.</summary>
    private static TempShow ShowWithoutHosts()
    {
        var yml = File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml"));
        var without = string.Join('\n', yml.Split('\n').Where(l => !l.StartsWith("hosts:", StringComparison.Ordinal) && !l.StartsWith("  - Alessandria", StringComparison.Ordinal) && !l.StartsWith("  - Hashem", StringComparison.Ordinal)));
        Assert.DoesNotContain("Hashem", without, StringComparison.Ordinal);
        return new TempShow(without);
    }

    private static void Enroll(string show, string name, string clip, params string[] extra)
    {
        var result = PodcastCli.Run(["voices", "enroll", name, clip, "--show", show, .. extra]);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }

    private static JsonElement List(string show)
    {
        var result = PodcastCli.Run("voices", "--show", show, "--json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.GetProperty("voices").Clone();
    }

    [Fact]
    public void EnrolListReenrolAndRemoveKeepOnlyPrints()
    {
        using var show = ShowWithoutHosts();
        Fixtures.Require("models/speaker/" + Podcast.Models.ModelCatalogue.SpeakerEmbedding.FileName);

        var empty = PodcastCli.Run("voices", "--show", show.Root);
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("no voices enrolled", empty.Stderr, StringComparison.Ordinal);

        Enroll(show.Root, "LibriSpeech 2414", Clip("LibriSpeech 2414"));
        Enroll(show.Root, "LibriSpeech 3080", Clip("LibriSpeech 3080"), "--role", "guest");
        var listed = List(show.Root);
        Assert.Equal(["LibriSpeech 2414", "LibriSpeech 3080"], listed.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(["host", "guest"], listed.EnumerateArray().Select(v => v.GetProperty("role").GetString()));
        Assert.All(listed.EnumerateArray(), v => Assert.True(v.GetProperty("currentModel").GetBoolean()));
        var speech = listed[1].GetProperty("speechSeconds").GetDouble();
        Assert.InRange(speech, 20, 33); // the 33 s clip, less its pauses

        // Only JSON numbers and names in the store: a few kB, nothing of the 33 s of audio.
        var file = Path.Combine(show.Root, VoiceStore.FileName);
        Assert.InRange(new FileInfo(file).Length, 1_000, 20_000);
        Assert.Equal(["show.yml", VoiceStore.FileName], Directory.GetFiles(show.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Enrolling a name again replaces its print (here with the other clip, as a host).
        var before = JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("voices")[0].GetProperty("vector").ToString();
        Enroll(show.Root, "librispeech 2414", Clip("LibriSpeech 3080"));
        var voices = JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("voices");
        Assert.Equal(2, voices.GetArrayLength());
        Assert.Equal("librispeech 2414", voices[0].GetProperty("name").GetString());
        Assert.NotEqual(before, voices[0].GetProperty("vector").ToString());

        var text = PodcastCli.Run("voices", "--show", show.Root);
        Assert.Contains("librispeech 2414  host", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("LibriSpeech 3080  guest", text.Stdout, StringComparison.Ordinal);

        var removed = PodcastCli.Run("voices", "remove", "LIBRISPEECH 3080", "--show", show.Root);
        Assert.True(removed.ExitCode == 0, removed.Stderr);
        Assert.Equal(["librispeech 2414"], List(show.Root).EnumerateArray().Select(v => v.GetProperty("name").GetString()));

        var unknown = PodcastCli.Run("voices", "remove", "Nobody", "--show", show.Root);
        Assert.Equal(3, unknown.ExitCode);
        var line = Assert.Single(unknown.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no voice \"Nobody\" is enrolled (enrolled: librispeech 2414)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void AClipWithTooLittleSpeechIsRefusedInOneLineAndNothingIsStored()
    {
        using var show = ShowWithoutHosts();
        using var temp = new TempDir();
        // The first 2.5 s of JFK: under the 3 s of speech a print needs.
        float[] samples;
        using (var reader = new WaveFileReader(Fixtures.JfkWav))
        {
            Assert.Equal(16000, reader.WaveFormat.SampleRate);
            samples = new float[40000];
            Assert.Equal(samples.Length, reader.ToSampleProvider().Read(samples, 0, samples.Length));
        }

        var shortClip = Signals.WriteWav(Path.Combine(temp.Path, "short.wav"), 16000, 1, samples);
        var result = PodcastCli.Run("voices", "enroll", "John Kennedy", shortClip, "--show", show.Root);

        Assert.Equal(4, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("short.wav: holds ", line, StringComparison.Ordinal);
        Assert.Contains("at least 3 s", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(show.Root, VoiceStore.FileName)));
    }

    [Theory]
    [InlineData("random-bytes", 4)]
    [InlineData("empty", 4)]
    [InlineData("missing", 3)]
    public void BadAudioIsRefusedInOneLine(string kind, int exitCode)
    {
        using var show = ShowWithoutHosts();
        using var temp = new TempDir();
        var result = PodcastCli.Run("voices", "enroll", "Someone", BadInputs.Make(kind, temp.Path), "--show", show.Root);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(Path.Combine(show.Root, VoiceStore.FileName)));
    }

    [Fact]
    public void WithoutAShowOrWithoutTheModelOfflineEnrolmentSaysWhatIsMissing()
    {
        using var temp = new TempDir();
        var noShow = PodcastCli.Run("voices", "enroll", "Someone", Fixtures.JfkWav, "--show", temp.Path);
        Assert.Equal(6, noShow.ExitCode);
        Assert.Contains("show.yml: missing", noShow.Stderr, StringComparison.Ordinal);

        using var show = ShowWithoutHosts();
        var offline = PodcastCli.Run(new Dictionary<string, string?> { ["PODCAST_SPEAKER_MODEL"] = null }, "voices", "enroll", "Someone", Fixtures.JfkWav, "--show", show.Root);
        Assert.Equal(5, offline.ExitCode);
        var line = Assert.Single(offline.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("podcast models download dvector", line, StringComparison.Ordinal);
    }

    [Fact]
    public void PrintsFromAnotherSpeakerModelAreFlaggedInTheListAndRefusedBySpeakers()
    {
        using var show = ShowWithoutHosts();
        var folder = new Podcast.Shows.ShowFolder(show.Root);
        var vector = new float[DVectorEmbedder.Dimensions];
        vector[0] = 1;
        VoiceStore.Save(folder, [new StoredVoice
        {
            Name = "Old Host",
            Role = "host",
            Model = new VoiceModel("old-encoder.onnx", new string('b', 64)),
            SpeechSeconds = 30,
            Enrolled = DateTimeOffset.UtcNow,
            Vector = vector,
        }]);

        var list = PodcastCli.Run("voices", "--show", show.Root);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("Old Host  host  30.0 s of speech", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("made with old-encoder.onnx, not the model in use: enrol again", list.Stdout, StringComparison.Ordinal);

        var speakers = PodcastCli.Run("speakers", Fixtures.JfkWav, "--show", show.Root);
        Assert.Equal(6, speakers.ExitCode);
        var line = Assert.Single(speakers.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"Old Host\" was enrolled with old-encoder.onnx", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// The issue's test: two hosts enrolled from clips, none named in show.yml or by --host, only the guest named.
    /// Every voice of the call is then named, the hosts by their prints, and almost all speech goes to the right
    /// person (the models' reference confused 0.4 %).
    /// </summary>
    [Fact]
    public void EnrolmentNamesTheHostsWithNoHints()
    {
        using var show = ShowWithoutHosts();
        Enroll(show.Root, "LibriSpeech 2414", Clip("LibriSpeech 2414"));
        Enroll(show.Root, "LibriSpeech 3080", Clip("LibriSpeech 3080"));

        var result = PodcastCli.Run("speakers", Fixtures.Require(Call + "call.mp3"), "--show", show.Root, "--guest", "LibriSpeech 2609", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var turns = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("turns").EnumerateArray().Select(t => new SpeakerTurn(
            TimeSpan.FromSeconds(t.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(t.GetProperty("end").GetDouble()),
            t.GetProperty("speaker").GetString()!, t.GetProperty("role").GetString()!)).ToList();
        Assert.Equal(["LibriSpeech 2414", "LibriSpeech 2609", "LibriSpeech 3080"], turns.Select(t => t.Speaker).Distinct().Order(StringComparer.Ordinal));
        Assert.All(turns, t => Assert.Equal(t.Speaker == "LibriSpeech 2609" ? "guest" : "host", t.Role));

        // Of the true speech the found turns cover, the share given to someone else.
        using var truthJson = JsonDocument.Parse(File.ReadAllText(Fixtures.Require(Call + "truth.json")));
        double covered = 0, wrong = 0;
        foreach (var t in truthJson.RootElement.GetProperty("turns").EnumerateArray())
        {
            var (start, end, who) = (t.GetProperty("start").GetDouble(), t.GetProperty("end").GetDouble(), t.GetProperty("speaker").GetString());
            foreach (var f in turns)
            {
                var overlap = Math.Min(end, f.End.TotalSeconds) - Math.Max(start, f.Start.TotalSeconds);
                if (overlap <= 0)
                    continue;
                covered += overlap;
                wrong += f.Speaker == who ? 0 : overlap;
            }
        }

        TestContext.Current.SendDiagnosticMessage($"{covered:0.0} s of true speech covered, {wrong:0.0} s of it named wrongly");
        Assert.True(covered > 120, $"only {covered:0} s of the call's speech was found");
        Assert.True(wrong / covered <= 0.03, $"{wrong / covered:P1} of the speech found was given to the wrong person");
    }

    /// <summary>Publish loads the show's voices too: the transcript's segments carry the enrolled hosts' names.</summary>
    [Fact]
    public void PublishNamesEnrolledHostsInTheTranscript()
    {
        using var show = ShowWithoutHosts();
        using var temp = new TempDir();
        Enroll(show.Root, "LibriSpeech 2414", Clip("LibriSpeech 2414"));
        Enroll(show.Root, "LibriSpeech 3080", Clip("LibriSpeech 3080"));

        // A transcript with one segment per true turn, its text saying nothing of who speaks.
        using var truthJson = JsonDocument.Parse(File.ReadAllText(Fixtures.Require(Call + "truth.json")));
        var truth = truthJson.RootElement.GetProperty("turns").EnumerateArray()
            .Select(t => (Start: t.GetProperty("start").GetDouble(), End: t.GetProperty("end").GetDouble(), Speaker: t.GetProperty("speaker").GetString()!)).ToList();
        var transcript = Path.Combine(temp.Path, "t.json");
        File.WriteAllText(transcript, JsonSerializer.Serialize(new
        {
            version = "1.0.0",
            segments = truth.Select((t, i) => new { startTime = t.Start, endTime = t.End, body = $"Passage number {i + 1} of the reading." }),
        }));

        var result = PodcastCli.Run("publish", Fixtures.Require(Call + "call.mp3"), "--show", show.Root, "--transcript", transcript, "--title", "Readings", "--guest", "LibriSpeech 2609", "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var episodeDir = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("episodeDir").GetString()!;
        using var published = JsonDocument.Parse(File.ReadAllText(Path.Combine(episodeDir, "transcript.json")));
        var speakers = published.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.TryGetProperty("speaker", out var v) ? v.GetString() : null).ToList();
        Assert.Equal(truth.Count, speakers.Count);
        var right = truth.Zip(speakers).Count(p => p.First.Speaker == p.Second);
        Assert.True(right >= truth.Count - 1, $"{right} of {truth.Count} segments carry their speaker's name: {string.Join(", ", speakers)}");
        Assert.Contains("<v LibriSpeech 3080>", File.ReadAllText(Path.Combine(episodeDir, "transcript.vtt")), StringComparison.Ordinal);
    }
}
