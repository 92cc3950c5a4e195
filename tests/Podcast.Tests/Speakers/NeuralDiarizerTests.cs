using System.Globalization;
using System.Text.Json;
using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Tests.Support;

namespace Podcast.Tests.Speakers;

/// <summary>The neural diarizer on real human voices, scored by the shared RTTM scorer (DER, no collar, overlap scored).</summary>
public sealed class NeuralDiarizerTests
{
    public static (double Der, double Missed, double FalseAlarm, double Confusion, int Voices) Score(string audio, int? people, string rttm, string fileId)
    {
        using var decoded = new ManagedAudioDecoder(others: new FfmpegAudioDecoder()).Open(audio);
        using var samples = SampleFile.Write(decoded.Samples.ForSpeech(), Path.GetTempPath(), CancellationToken.None);
        var models = new SpeakerModelFiles(Fixtures.Require("models/speaker/pyannote-segmentation-3.0.int8.onnx"), Fixtures.Require("models/speaker/dvector-voxceleb2.int8.onnx"));
        var diarization = new NeuralDiarizer(models).Diarize(samples, people, CancellationToken.None);
        var (der, missed, falseAlarm, confusion) = RttmScore.Of(diarization.Spans.Select(s => new SpeakerTurn(s.Start, s.End, $"S{s.Voice}", "speaker")), rttm, fileId);
        return (der, missed, falseAlarm, confusion, diarization.Centroids.Count);
    }

    [Theory]
    [InlineData("fixtures/real-voices/librispeech-call/call.mp3", 3, "fixtures/real-voices/librispeech-call/truth.rttm", "call", 16, 3)]
    [InlineData("fixtures/real-voices/librispeech-call/call-phone.mp3", 3, "fixtures/real-voices/librispeech-call/truth.rttm", "call", 26, 3)]
    [InlineData("fixtures/real-voices/ami-sample/sample.wav", 2, "fixtures/real-voices/ami-sample/sample.rttm", "sample", 20, 100)]
    public void OnRealVoicesTheDiarizationErrorStaysUnderTheBar(string audio, int people, string rttm, string fileId, double maxDer, double maxConfusion)
    {
        var (der, missed, falseAlarm, confusion, _) = Score(Fixtures.Require(audio), people, Fixtures.Require(rttm), fileId);
        TestContext.Current.SendDiagnosticMessage($"{audio}: DER {der} missed {missed} false alarm {falseAlarm} confusion {confusion}");
        Assert.True(der <= maxDer && confusion <= maxConfusion, $"DER {der}% (missed {missed}, false alarm {falseAlarm}, confusion {confusion})");
    }

    [Theory]
    [InlineData("fixtures/real-voices/librispeech-call/call.mp3", 3, 16, 3)]
    [InlineData("fixtures/real-voices/librispeech-call/call-phone.mp3", 3, 26, 3)]
    public void WhenNobodyIsNamedTheVoicesAreCountedAndSeparated(string audio, int people, double maxDer, double maxConfusion)
    {
        var (der, missed, falseAlarm, confusion, voices) = Score(Fixtures.Require(audio), null, Fixtures.Require("fixtures/real-voices/librispeech-call/truth.rttm"), "call");
        TestContext.Current.SendDiagnosticMessage($"{audio}, nobody named: {voices} voices, DER {der} missed {missed} false alarm {falseAlarm} confusion {confusion}");
        Assert.Equal(people, voices);
        Assert.True(der <= maxDer && confusion <= maxConfusion, $"DER {der}% (missed {missed}, false alarm {falseAlarm}, confusion {confusion})");
    }

    [Fact]
    public void OneReaderAloneIsOnePerson()
    {
        using var temp = new TempDir();
        var clip = Fixtures.Require("fixtures/real-voices/librispeech-call/enroll/LibriSpeech 3080.mp3");
        var rttm = Path.Combine(temp.Path, "one.rttm");
        File.WriteAllText(rttm, "SPEAKER one 1 0.0 32.76 <NA> <NA> reader <NA> <NA>\n");
        var (_, _, _, confusion, voices) = Score(clip, null, rttm, "one");
        Assert.Equal(1, voices);
        Assert.Equal(0, confusion);
    }

    [Fact]
    public void ANamedPersonWhoNeverSpeaksLeavesTheOthersApart()
    {
        // Four named for a three-person call: clustering into one person too many must not mix the three up.
        var (der, missed, falseAlarm, confusion, _) = Score(Fixtures.Require("fixtures/real-voices/librispeech-call/call.mp3"), 4, Fixtures.Require("fixtures/real-voices/librispeech-call/truth.rttm"), "call");
        Assert.True(der <= 16 && confusion <= 3, $"DER {der}% (missed {missed}, false alarm {falseAlarm}, confusion {confusion})");
    }
}
