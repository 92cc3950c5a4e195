using System.Globalization;
using System.Text.Json;
using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Tests.Support;
using Podcast.Transcription;

namespace Podcast.Tests.Speakers;

/// <summary>Voice prints: matching found voices to enrolled people, and the threshold measured on real voices.</summary>
public sealed class VoicePrintsTests
{
    private const string Call = "fixtures/real-voices/librispeech-call/";

    private static float[] Unit(params float[] values)
    {
        var v = new float[DVectorEmbedder.Dimensions];
        values.CopyTo(v, 0);
        Vectors.Normalise(v);
        return v;
    }

    [Fact]
    public void EachVoiceGoesToTheClosestPersonAtOrAboveTheThresholdAndNobodyTwice()
    {
        // Voice 0 is close to both A and B, voice 1 closer still to A: A goes to voice 1, B to voice 0.
        var a = new EnrolledVoice("A", "host", Unit(1, 0, 0));
        var b = new EnrolledVoice("B", "host", Unit(0.8f, 0.6f, 0));
        var c = new EnrolledVoice("C", "guest", Unit(0, 0, 1));
        var centroids = new[] { Unit(0.9f, 0.45f, 0), Unit(1, 0.05f, 0), Unit(0, 1, 0.1f) };

        var matched = VoicePrints.Match(centroids, [a, b, c], 0.7);

        Assert.Equal("B", matched[0].Name);
        Assert.Equal("A", matched[1].Name);
        Assert.False(matched.ContainsKey(2), "voice 2 is near nobody enrolled: it stays unnamed");
    }

    [Fact]
    public void AVoiceBelowTheThresholdIsNotNamed()
    {
        var person = new EnrolledVoice("A", "host", Unit(1, 0, 0));
        var cosine69 = Unit(0.69f, MathF.Sqrt(1 - (0.69f * 0.69f)), 0);
        var cosine71 = Unit(0.71f, MathF.Sqrt(1 - (0.71f * 0.71f)), 0);

        Assert.Empty(VoicePrints.Match([cosine69], [person], 0.7));
        Assert.Equal("A", VoicePrints.Match([cosine71], [person], 0.7)[0].Name);
    }

    [Fact]
    public void OnlyMatchedVoicesAreMarkedRecognised()
    {
        var person = new EnrolledVoice("A", "host", Unit(1, 0, 0));
        var diarization = new Diarization(
            [new VoiceSpan(TimeSpan.Zero, TimeSpan.FromSeconds(2), 0), new VoiceSpan(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), 1)],
            [Unit(0, 1, 0), Unit(1, 0.1f, 0)]);

        var spans = VoicePrints.Recognise(diarization, [person]);

        Assert.Null(spans[0].Recognised);
        Assert.Equal("A", spans[1].Recognised?.Name);
    }

    /// <summary>A print of a clip under one window, and of silence, is still a finite vector; silence has no speech.</summary>
    [Fact]
    public void SilenceHasNoSpeechToEnrol()
    {
        using var embedder = new DVectorEmbedder(Fixtures.Require("models/speaker/dvector-voxceleb2.int8.onnx"));
        var (vector, speech) = VoicePrints.Embed(new SampleArray(new float[16000 * 5]), new SileroSpeechDetector(Fixtures.SileroVad), embedder, TestContext.Current.CancellationToken);
        Assert.Equal(TimeSpan.Zero, speech);
        Assert.Equal(DVectorEmbedder.Dimensions, vector.Length);
    }

    /// <summary>
    /// The measurement <see cref="VoicePrints.Threshold"/> rests on: each LibriSpeech host's enrolment clip against
    /// every voice the diarizer finds in a recording (each voice taken as the true speaker it overlaps most). Nobody
    /// else may reach the threshold anywhere: in the call, its phone-band copy, the AMI meeting or the espeak call.
    /// The hosts must reach it in the call, recorded as their clips were; in the phone-band copy they score lower
    /// (another channel than their clips) and are then left unnamed rather than named wrongly.
    /// </summary>
    [Theory]
    [InlineData(Call + "call.mp3", 3, true)]
    [InlineData(Call + "call-phone.mp3", 3, false)]
    [InlineData("fixtures/real-voices/ami-sample/sample.wav", 2, false)]
    [InlineData("fixtures/deeply-talks-deir-ezzor/call.mp3", 3, false)]
    public void OnlyTheSamePersonReachesTheThreshold(string recording, int people, bool hostsMustMatch)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var hosts = new[] { "LibriSpeech 2414", "LibriSpeech 3080" };
        using var embedder = new DVectorEmbedder(Fixtures.Require("models/speaker/dvector-voxceleb2.int8.onnx"));
        var vad = new SileroSpeechDetector(Fixtures.SileroVad);
        var prints = hosts.Select(h =>
        {
            using var clip = Decode(Fixtures.Require($"{Call}enroll/{h}.mp3"));
            var (vector, speech) = VoicePrints.Embed(clip, vad, embedder, cancellationToken);
            TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"{h}: {speech.TotalSeconds:0.0} s of speech in {clip.Duration().TotalSeconds:0.0} s"));
            return new EnrolledVoice(h, "host", vector);
        }).ToList();

        using var audio = Decode(Fixtures.Require(recording));
        var diarization = new NeuralDiarizer(new SpeakerModelFiles(Fixtures.Require("models/speaker/pyannote-segmentation-3.0.int8.onnx"), Fixtures.Require("models/speaker/dvector-voxceleb2.int8.onnx"))).Diarize(audio, people, cancellationToken);
        var truth = recording.StartsWith(Call, StringComparison.Ordinal) ? Truth() : [];
        var rows = new List<(string Voice, string Print, double Cosine)>();
        for (var v = 0; v < diarization.Centroids.Count; v++)
        {
            var who = truth.Count == 0 ? "someone else" : truth.MaxBy(t => diarization.Spans.Where(s => s.Voice == v).Sum(s => Overlap(s, t.Turns))).Speaker;
            foreach (var print in prints)
            {
                var cosine = Vectors.Cosine(print.Vector, diarization.Centroids[v]);
                rows.Add((who, print.Name, cosine));
                TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(recording)} voice {v} ({who}) vs {print.Name}'s print: {(who == print.Name ? "same" : "different")} person, cosine {cosine:0.000}"));
            }
        }

        foreach (var (voice, print, cosine) in rows.Where(r => r.Voice != r.Print))
            Assert.True(cosine < VoicePrints.Threshold, $"{print}'s print scored {cosine:0.000} against {voice}'s voice in {recording}");
        var matched = VoicePrints.Match(diarization.Centroids, prints);
        Assert.All(matched, m => Assert.Contains(rows, r => r.Print == m.Value.Name && r.Voice == m.Value.Name));
        if (hostsMustMatch)
        {
            foreach (var (voice, print, cosine) in rows.Where(r => r.Voice == r.Print))
                Assert.True(cosine >= VoicePrints.Threshold, $"{print} scored {cosine:0.000} against their own voice in {recording}");
            Assert.Equal(2, matched.Count);
        }
    }

    internal static SampleFile Decode(string path)
    {
        using var decoded = new ManagedAudioDecoder(others: new FfmpegAudioDecoder()).Open(path);
        return SampleFile.Write(decoded.Samples.ForSpeech(), Path.GetTempPath(), TestContext.Current.CancellationToken);
    }

    private static List<(string Speaker, List<(double Start, double End)> Turns)> Truth()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Fixtures.Require(Call + "truth.json")));
        return [.. json.RootElement.GetProperty("turns").EnumerateArray()
            .Select(t => (Speaker: t.GetProperty("speaker").GetString()!, Start: t.GetProperty("start").GetDouble(), End: t.GetProperty("end").GetDouble()))
            .GroupBy(t => t.Speaker)
            .Select(g => (g.Key, g.Select(t => (t.Start, t.End)).ToList()))];
    }

    private static double Overlap(VoiceSpan span, List<(double Start, double End)> turns) =>
        turns.Sum(t => Math.Max(0, Math.Min(t.End, span.End.TotalSeconds) - Math.Max(t.Start, span.Start.TotalSeconds)));
}
