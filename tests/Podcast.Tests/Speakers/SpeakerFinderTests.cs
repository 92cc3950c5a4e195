using System.Text.Json;
using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Tests.Support;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

namespace Podcast.Tests.Speakers;

/// <summary>The real finder (NLayer/NAudio decoding, Silero VAD through Whisper.net, the neural speaker models) on recordings whose turns are known exactly.</summary>
public sealed class SpeakerFinderTests
{
    private static readonly SpeakerHints Deeply = new(["Alessandria Masi", "Hashem Osseiran"], ["Hassan Hassan"], new Dictionary<string, string>());

    /// <summary>The cast of the synthetic calls: other voices and another guest than the fixture's.</summary>
    internal static readonly EspeakVoice[] Cast =
    [
        new("Alessandria Masi", "host", "en+m1", 50, 170, 0),
        new("Hashem Osseiran", "host", "en-us+f2", 70, 160, 0),
        new("Priya Raman", "guest", "en-gb-x-rp+f4", 55, 150, 1),
    ];

    private const string RealCall = "fixtures/real-voices/librispeech-call/";

    private static readonly SpeakerHints LibriSpeech = new(["LibriSpeech 2414", "LibriSpeech 3080"], ["LibriSpeech 2609"], new Dictionary<string, string>());

    internal static async Task<IReadOnlyList<SpeakerTurn>> FindAsync(string path, Transcript transcript, SpeakerHints hints)
    {
        var decoder = new ManagedAudioDecoder(others: new FfmpegAudioDecoder());
        var models = new SpeakerModelFiles(Fixtures.Require("models/speaker/pyannote-segmentation-3.0.int8.onnx"), Fixtures.Require("models/speaker/dvector-voxceleb2.int8.onnx"));
        var finder = new SpeakerFinder(decoder, new SileroSpeechDetector(Fixtures.SileroVad), models);
        using var audio = decoder.Open(path);
        return await finder.FindAsync(audio.Info, null, transcript, hints, TestContext.Current.CancellationToken);
    }

    /// <summary>The fixture transcript's text and times only: its speaker names would give the answer away.</summary>
    private static Transcript FixtureTextOnly()
    {
        var transcript = TranscriptReader.ReadFile(Fixtures.CallTranscript, "en");
        return transcript with { Segments = [.. transcript.Segments.Select(s => s with { Speaker = null })] };
    }

    internal static IReadOnlyList<SpeakerTurn> FixtureTruth()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixtures.CallTruth));
        return [.. json.RootElement.GetProperty("turns").EnumerateArray().Select(t => new SpeakerTurn(
            TimeSpan.FromSeconds(t.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(t.GetProperty("end").GetDouble()),
            t.GetProperty("speaker").GetString()!, t.GetProperty("role").GetString()!))];
    }

    [Fact]
    public async Task OnTheStereoCallHostsAndGuestAreToldApartAndTheGuestIsNamed()
    {
        var truth = FixtureTruth();
        var turns = await FindAsync(Fixtures.CallStereoMp3, FixtureTextOnly(), Deeply);
        var error = DiarizationError.Measure(truth, turns);

        Assert.True(error.WrongRole <= 0.05, $"{error.WrongRole:P1} of speech given to the wrong role (host/guest)");
        var guestTime = truth.Where(t => t.Role == "guest").Sum(t => (t.End - t.Start).TotalSeconds);
        var namedGuest = DiarizationError.Measure([.. truth.Where(t => t.Role == "guest")], [.. turns.Where(t => t.Speaker == "Hassan Hassan")]);
        Assert.True(namedGuest.WrongPerson <= 0.05, $"only {1 - namedGuest.WrongPerson:P1} of the guest's {guestTime:0} s is named Hassan Hassan");
    }

    /// <summary>
    /// Real voices, the two hosts on the left line and the guest on the right: the left line is diarized on its own
    /// speech, the right is one person. No transcript, so the guest is the one talking most and the hosts get their
    /// names by role (which is which a guess, flagged for review), never "Speaker N".
    /// </summary>
    [Fact]
    public async Task OnTheRealVoiceStereoCallTheHostsSharingALineAreToldApartAndNamedByRole()
    {
        var turns = await FindAsync(Fixtures.Require(RealCall + "call-stereo.mp3"), Transcript.Empty("en"), LibriSpeech);
        var (der, missed, falseAlarm, confusion) = RttmScore.Of(turns, Fixtures.Require(RealCall + "truth.rttm"), "call");
        TestContext.Current.SendDiagnosticMessage($"stereo LibriSpeech call: DER {der} missed {missed} false alarm {falseAlarm} confusion {confusion}");

        Assert.True(der <= 14 && confusion <= 2, $"DER {der}% (missed {missed}, false alarm {falseAlarm}, confusion {confusion})");
        Assert.Equal(["LibriSpeech 2414", "LibriSpeech 2609", "LibriSpeech 3080"], turns.Select(t => t.Speaker).Distinct().Order(StringComparer.Ordinal));
        Assert.All(turns, t => Assert.Equal(t.Speaker == "LibriSpeech 2609" ? "guest" : "host", t.Role));
        Assert.All(turns.Where(t => t.Role == "host"), t => Assert.True(SpeakerCertainty.IsDoubtful(t.Confidence), $"a host named by role alone at {t.Start} has confidence {t.Confidence}"));
        var guest = DiarizationError.Measure([.. RealTruth().Where(t => t.Role == "guest")], [.. turns.Where(t => t.Role == "guest")]);
        Assert.True(guest.WrongPerson <= 0.05, $"{guest.WrongPerson:P1} of the guest's speech is not named LibriSpeech 2609");
    }

    /// <summary>With the hosts' voices enrolled, the hosts sharing a line are named by voice: who is who is right, and sure.</summary>
    [Fact]
    public async Task OnTheRealVoiceStereoCallEnrolledHostsSharingALineAreNamedByVoice()
    {
        using var embedder = new DVectorEmbedder(Fixtures.Require("models/speaker/dvector-voxceleb2.int8.onnx"));
        var vad = new SileroSpeechDetector(Fixtures.SileroVad);
        EnrolledVoice[] prints = [.. LibriSpeech.Hosts.Select(h =>
        {
            using var clip = VoicePrintsTests.Decode(Fixtures.Require($"{RealCall}enroll/{h}.mp3"));
            return new EnrolledVoice(h, "host", VoicePrints.Embed(clip, vad, embedder, TestContext.Current.CancellationToken).Vector);
        })];

        var turns = await FindAsync(Fixtures.Require(RealCall + "call-stereo.mp3"), Transcript.Empty("en"), LibriSpeech with { Voices = prints });
        var error = DiarizationError.Measure(RealTruth(), turns);

        Assert.True(error.WrongPerson <= 0.14, $"{error.WrongPerson:P1} of the speech given to the wrong person");
        Assert.All(turns.Where(t => t.Role == "host"), t => Assert.False(SpeakerCertainty.IsDoubtful(t.Confidence), $"a host recognised by voice at {t.Start} has confidence {t.Confidence}"));
    }

    private static IReadOnlyList<SpeakerTurn> RealTruth()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixtures.Require(RealCall + "truth.json")));
        return [.. json.RootElement.GetProperty("turns").EnumerateArray().Select(t => new SpeakerTurn(
            TimeSpan.FromSeconds(t.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(t.GetProperty("end").GetDouble()),
            t.GetProperty("speaker").GetString()!, t.GetProperty("role").GetString()!))];
    }

    [Fact]
    public async Task OnTheMonoCallAtMostFifteenPercentOfSpeechGoesToTheWrongPerson()
    {
        var turns = await FindAsync(Fixtures.CallMp3, FixtureTextOnly(), Deeply);
        var error = DiarizationError.Measure(FixtureTruth(), turns);
        Assert.True(error.WrongPerson <= 0.15, $"{error.WrongPerson:P1} of speech given to the wrong person ({error.WrongVoice:P1} before naming)");
    }

    /// <summary>
    /// Our own espeak call, as publish runs it (the neural models). Stereo tells all three apart; in one channel the
    /// d-vector encoder, trained on real people, hears two of espeak's voices as one (measured: 22 % of the speech to
    /// the wrong person, a host's lines given to the guest), so there only the guest's own speech is held to her name.
    /// </summary>
    [Fact]
    public async Task OnAThreeVoiceCallOfOurOwnStereoNamesEveryoneAndMonoNamesTheGuest()
    {
        using var temp = new TempDirectory();
        var call = EspeakCall.Make(temp.Path, Cast, EspeakCall.InterviewScript(Cast[0].Name, Cast[1].Name, Cast[2].Name));
        var transcript = TranscriptReader.ReadFile(call.WriteTranscript(System.IO.Path.Combine(temp.Path, "t.json")), "en");
        var hints = new SpeakerHints([Cast[0].Name, Cast[1].Name], [Cast[2].Name], new Dictionary<string, string>());

        var stereo = DiarizationError.Measure(call.Turns, await FindAsync(call.StereoPath, transcript, hints));
        var mono = await FindAsync(call.MonoPath, transcript, hints);
        var guest = DiarizationError.Measure([.. call.Turns.Where(t => t.Role == "guest")], [.. mono.Where(t => t.Speaker == Cast[2].Name)]);

        Assert.True(stereo.WrongRole <= 0.05, $"stereo: {stereo.WrongRole:P1} to the wrong role");
        Assert.True(stereo.WrongPerson <= 0.15, $"stereo: {stereo.WrongPerson:P1} to the wrong person");
        Assert.True(guest.WrongPerson <= 0.05, $"mono: {guest.WrongPerson:P1} of the guest's speech not named {Cast[2].Name}");
    }

    [Fact]
    public async Task SilenceHasNoSpeakers()
    {
        using var temp = new TempDirectory();
        var path = System.IO.Path.Combine(temp.Path, "silence.wav");
        using (var writer = new NAudio.Wave.WaveFileWriter(path, NAudio.Wave.WaveFormat.CreateIeeeFloatWaveFormat(16000, 2)))
            writer.WriteSamples(new float[16000 * 2 * 3], 0, 16000 * 2 * 3);
        Assert.Empty(await FindAsync(path, Transcript.Empty("en"), Deeply));
    }
}

/// <summary>A scratch folder deleted when disposed.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "podcast-tests", Guid.NewGuid().ToString("N")[..12]);

    public TempDirectory() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
