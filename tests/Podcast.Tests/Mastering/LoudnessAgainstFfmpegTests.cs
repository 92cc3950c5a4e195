using Podcast.Decoding;
using Podcast.Mastering;
using Podcast.Tests.Support;

namespace Podcast.Tests.Mastering;

/// <summary>
/// The meter and <c>podcast loudness</c> against ffmpeg's ebur128 filter on the same files: within 0.1 LU integrated
/// and 0.2 dB true peak.
/// </summary>
public sealed class LoudnessAgainstFfmpegTests
{
    public static TheoryData<string> GeneratedSignals() =>
        ["sine-1k-44100-mono", "sine-440-48000-stereo", "sine-997-16000-mono", "pink-44100-stereo", "pink-48000-mono", "gated-44100-mono", "uneven-48000-stereo"];

    [Theory]
    [MemberData(nameof(GeneratedSignals))]
    public void GeneratedSignalsMeasureAsFfmpegMeasuresThem(string name)
    {
        using var scratch = new Signals.Scratch();
        var path = Write(scratch, name);

        var ours = MeasureFile(path);
        var ffmpeg = Ebur128.Measure(path);

        Assert.True(Math.Abs(ours.IntegratedLufs - ffmpeg.IntegratedLufs) <= 0.1, $"integrated: ours {ours.IntegratedLufs:0.000}, ffmpeg {ffmpeg.IntegratedLufs:0.000}");
        Assert.True(Math.Abs(ours.TruePeakDbtp - ffmpeg.TruePeakDbtp) <= 0.2, $"true peak: ours {ours.TruePeakDbtp:0.000}, ffmpeg {ffmpeg.TruePeakDbtp:0.000}");
        Assert.True(Math.Abs(ours.LoudnessRangeLu - ffmpeg.LoudnessRangeLu) <= 0.5, $"range: ours {ours.LoudnessRangeLu:0.000}, ffmpeg {ffmpeg.LoudnessRangeLu:0.000}");
    }

    [Theory]
    [InlineData("fixtures/deeply-talks-deir-ezzor/call.mp3")]
    [InlineData("fixtures/deeply-talks-deir-ezzor/call-stereo.mp3")]
    public void TheFixtureCallsMeasureAsFfmpegMeasuresThem(string fixture)
    {
        var path = Fixtures.Require(fixture);

        var ours = MeasureFile(path);
        var ffmpeg = Ebur128.Measure(path);

        Assert.True(Math.Abs(ours.IntegratedLufs - ffmpeg.IntegratedLufs) <= 0.1, $"integrated: ours {ours.IntegratedLufs:0.000}, ffmpeg {ffmpeg.IntegratedLufs:0.000}");
        Assert.True(Math.Abs(ours.TruePeakDbtp - ffmpeg.TruePeakDbtp) <= 0.2, $"true peak: ours {ours.TruePeakDbtp:0.000}, ffmpeg {ffmpeg.TruePeakDbtp:0.000}");
        Assert.True(Math.Abs(ours.LoudnessRangeLu - ffmpeg.LoudnessRangeLu) <= 0.5, $"range: ours {ours.LoudnessRangeLu:0.000}, ffmpeg {ffmpeg.LoudnessRangeLu:0.000}");
    }

    [Fact]
    public void TheLoudnessCommandPrintsWhatFfmpegsSummaryPrints()
    {
        var path = Fixtures.CallMp3;

        var run = PodcastCli.Run("loudness", path, "--json");
        var ffmpeg = Ebur128.Measure(path);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = System.Text.Json.JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        // Both print one decimal, so each side may be off by up to 0.05 from its unrounded value.
        Assert.InRange(root.GetProperty("integratedLufs").GetDouble(), ffmpeg.SummaryIntegrated - 0.1001, ffmpeg.SummaryIntegrated + 0.1001);
        Assert.InRange(root.GetProperty("truePeakDbtp").GetDouble(), ffmpeg.SummaryTruePeak - 0.2001, ffmpeg.SummaryTruePeak + 0.2001);
        Assert.InRange(root.GetProperty("loudnessRangeLu").GetDouble(), ffmpeg.SummaryRange - 0.5, ffmpeg.SummaryRange + 0.5);
    }

    [Fact]
    public void TheLoudnessCommandRefusesAFileThatIsNotAudio()
    {
        using var scratch = new Signals.Scratch();
        var path = scratch.File("notes.wav");
        File.WriteAllText(path, "not audio");

        var run = PodcastCli.Run("loudness", path);

        Assert.Equal((int)ExitCode.InvalidInput, run.ExitCode);
        Assert.StartsWith("podcast: error: ", run.Stderr, StringComparison.Ordinal);
    }

    private static LoudnessReport MeasureFile(string path)
    {
        using var audio = new ManagedAudioDecoder().Open(path);
        return LoudnessMeter.Measure(audio.Samples);
    }

    private static string Write(Signals.Scratch scratch, string name)
    {
        var path = scratch.File(name + ".wav");
        return name switch
        {
            "sine-1k-44100-mono" => Signals.WriteWav(path, 44100, 1, Signals.Sine(44100, 1, 10, 1000, 0.5)),
            "sine-440-48000-stereo" => Signals.WriteWav(path, 48000, 2, Signals.Sine(48000, 2, 10, 440, 0.3)),
            "sine-997-16000-mono" => Signals.WriteWav(path, 16000, 1, Signals.Sine(16000, 1, 10, 997, 0.7)),
            "pink-44100-stereo" => Signals.WriteWav(path, 44100, 2, Signals.PinkNoise(44100, 2, 20, 0.5)),
            "pink-48000-mono" => Signals.WriteWav(path, 48000, 1, Signals.PinkNoise(48000, 1, 20, 0.2, seed: 7)),
            "gated-44100-mono" => Signals.WriteWav(path, 44100, 1, Signals.Concat(
                Signals.Sine(44100, 1, 5, 1000, 0.5), Signals.Silence(44100, 1, 10), Signals.Sine(44100, 1, 5, 1000, 0.05), Signals.Sine(44100, 1, 5, 1000, 0.0003))),
            "uneven-48000-stereo" => Signals.WriteWav(path, 48000, 2, Signals.Stereo(
                Signals.Concat(Signals.PinkNoise(48000, 1, 10, 0.4, seed: 2), Signals.Sine(48000, 1, 10, 250, 0.1)),
                Signals.Concat(Signals.Sine(48000, 1, 10, 3000, 0.05), Signals.PinkNoise(48000, 1, 10, 0.6, seed: 5)))),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such signal"),
        };
    }
}
