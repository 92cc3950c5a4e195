using System.Globalization;
using System.Text.Json;
using Podcast.Mastering;
using Podcast.Tests.Support;

namespace Podcast.Tests.Mastering;

/// <summary>Publish with the real encoder, the episode read back by ffmpeg and ffprobe.</summary>
public sealed class MasteredPublishTests
{
    private const string JfkVtt = "WEBVTT\n\n00:00:00.000 --> 00:00:11.000\nAnd so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.\n";

    [Fact]
    public void TheFixtureCallIsPublishedAtMinus16LufsUnderMinus1DbtpAndKeepsItsLength()
    {
        using var show = new TempShow();
        var run = PodcastCli.Run("publish", Fixtures.CallMp3, "--show", show.Root, "--transcript", Fixtures.CallTranscript, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var audio = json.RootElement.GetProperty("audio").GetString()!;
        var measured = Ebur128.Measure(audio);
        Assert.InRange(measured.IntegratedLufs, -16.5, -15.5);
        Assert.True(measured.TruePeakDbtp <= -1.0, $"true peak {measured.TruePeakDbtp:0.00} dBTP");
        Assert.Equal(Duration(Fixtures.CallMp3), Duration(audio), 0.1);
        Assert.Equal("mp3", Probe(audio, "stream=codec_name"));
        Assert.True(HasLameTag(audio), "the first MP3 frame carries no Info/LAME tag");

        // What publish says and records matches what ffmpeg measured.
        var after = json.RootElement.GetProperty("loudnessAfter");
        Assert.Equal(measured.IntegratedLufs, after.GetProperty("integratedLufs").GetDouble(), 0.1);
        Assert.Equal(Ebur128.Measure(Fixtures.CallMp3).IntegratedLufs, json.RootElement.GetProperty("loudnessBefore").GetProperty("integratedLufs").GetDouble(), 0.1);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(json.RootElement.GetProperty("episodeDir").GetString()!, LoudnessFile.FileName)));
        Assert.Equal(-16, record.RootElement.GetProperty("targetLufs").GetDouble());
        Assert.Equal(measured.IntegratedLufs, record.RootElement.GetProperty("after").GetProperty("integratedLufs").GetDouble(), 0.1);

        // The rehearsals (limiter passes without the encoder) found the gain and the ceiling: one encode landed.
        Assert.Equal(1, record.RootElement.GetProperty("encodes").GetInt32());
        Assert.Contains("LUFS", run.Stderr.Split('\n').Single(l => l.StartsWith("published", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wav")]
    [InlineData("ogg")]
    [InlineData("flac")]
    [InlineData("m4a")]
    public void EachInputFormatIsPublishedAsALoudnessNormalisedMp3(string format)
    {
        using var show = new TempShow();
        var input = Input(show, format);
        var vtt = Path.Combine(show.Root, "..", "jfk.vtt");
        File.WriteAllText(vtt, JfkVtt);

        var run = PodcastCli.Run("publish", input, "--show", show.Root, "--transcript", vtt, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var audio = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("audio").GetString()!;
        Assert.EndsWith(".mp3", audio, StringComparison.Ordinal);
        Assert.Equal("mp3", Probe(audio, "stream=codec_name"));
        Assert.Equal(Duration(input), Duration(audio), 0.1);
        var measured = Ebur128.Measure(audio);
        Assert.InRange(measured.IntegratedLufs, -16.5, -15.5);
        Assert.True(measured.TruePeakDbtp <= -1.0, $"true peak {measured.TruePeakDbtp:0.00} dBTP");
    }

    [Fact]
    public void AShowsOwnTargetIsUsed()
    {
        var yml = File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml"));
        Assert.Contains("  target: -16", yml, StringComparison.Ordinal);
        using var show = new TempShow(yml.Replace("  target: -16", "  target: -19", StringComparison.Ordinal));
        var vtt = Path.Combine(show.Root, "..", "jfk.vtt");
        File.WriteAllText(vtt, JfkVtt);

        var run = PodcastCli.Run("publish", Fixtures.JfkWav, "--show", show.Root, "--transcript", vtt, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var audio = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("audio").GetString()!;
        Assert.InRange(Ebur128.Measure(audio).IntegratedLufs, -19.5, -18.5);
    }

    [Fact]
    public void WhenTheLibraryIsMissingPublishWarnsOnceAndKeepsTheInputMp3()
    {
        using var show = new TempShow();
        var run = PodcastCli.Run(new Dictionary<string, string?> { ["PODCAST_LIBMP3LAME"] = "/nonexistent/libmp3lame.so.0" },
            "publish", Fixtures.CallMp3, "--show", show.Root, "--transcript", Fixtures.CallTranscript, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Single(run.Stderr.Split('\n'), l => l.Contains("warning", StringComparison.Ordinal) && l.Contains("libmp3lame", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(run.Stdout);
        var audio = json.RootElement.GetProperty("audio").GetString()!;
        Assert.Equal(Ebur128.Measure(Fixtures.CallMp3).IntegratedLufs, Ebur128.Measure(audio).IntegratedLufs, 0.05);
        Assert.False(File.Exists(Path.Combine(json.RootElement.GetProperty("episodeDir").GetString()!, LoudnessFile.FileName)));
    }

    [Fact]
    public void WhenTheLibraryIsMissingAWavInputIsRefusedBeforeTranscription()
    {
        using var show = new TempShow();
        var before = show.Snapshot();
        var cache = Path.Combine(Path.GetTempPath(), "podcast-tests", Guid.NewGuid().ToString("N"));

        // No transcript and no model reachable: had the refusal come after transcription, this would be exit 5.
        var run = PodcastCli.Run(
            new Dictionary<string, string?>
            {
                ["PODCAST_LIBMP3LAME"] = "/nonexistent/libmp3lame.so.0",
                ["XDG_CACHE_HOME"] = cache,
                ["HTTPS_PROXY"] = "http://127.0.0.1:9",
                ["HTTP_PROXY"] = "http://127.0.0.1:9",
            },
            "publish", Fixtures.JfkWav, "--show", show.Root);

        Assert.Equal((int)ExitCode.InvalidInput, run.ExitCode);
        var line = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("libmp3lame", line, StringComparison.Ordinal);
        Assert.Contains("jfk.wav", line, StringComparison.Ordinal);
        Assert.Equal(before, show.Snapshot());
    }

    private static string Input(TempShow show, string format)
    {
        if (format == "wav")
            return Fixtures.JfkWav;
        var path = Path.Combine(show.Root, "..", "jfk." + format);
        string[] codec = format switch
        {
            "ogg" => ["-c:a", "libvorbis", "-q:a", "4"],
            "flac" => ["-c:a", "flac"],
            _ => ["-c:a", "aac", "-b:a", "96k"],
        };
        var made = PodcastCli.Tool("ffmpeg", ["-v", "error", "-y", "-i", Fixtures.JfkWav, .. codec, path]);
        Assert.True(made.ExitCode == 0, made.Stderr);
        return path;
    }

    private static string Probe(string path, string entries) =>
        PodcastCli.Tool("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", entries, "-of", "default=nw=1:nk=1", path).Stdout.Trim();

    private static double Duration(string path) => double.Parse(Probe(path, "format=duration"), CultureInfo.InvariantCulture);

    /// <summary>The first MPEG frame after the ID3v2 tag holds the Xing/Info header and LAME's extension.</summary>
    private static bool HasLameTag(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var start = 0;
        if (bytes.AsSpan().StartsWith("ID3"u8))
            start = 10 + ((bytes[6] & 0x7F) << 21 | (bytes[7] & 0x7F) << 14 | (bytes[8] & 0x7F) << 7 | (bytes[9] & 0x7F));
        var frame = bytes.AsSpan(start, 400);
        return frame[0] == 0xFF && (frame.IndexOf("Info"u8) >= 0 || frame.IndexOf("Xing"u8) >= 0) && frame.IndexOf("LAME"u8) >= 0;
    }
}
