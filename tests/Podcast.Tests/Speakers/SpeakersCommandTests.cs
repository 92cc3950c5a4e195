using System.Text.Json;
using Podcast.Speakers;
using Podcast.Tests.Support;

namespace Podcast.Tests.Speakers;

/// <summary><c>podcast speakers</c> and publish's speaker stage through the real executable.</summary>
public sealed class SpeakersCommandTests
{
    private static Dictionary<string, string?> WithVad() => new() { ["PODCAST_VAD_MODEL"] = Fixtures.SileroVad };

    [Fact]
    public void SpeakersPrintsNamedTurnsAsJson()
    {
        using var temp = new TempDirectory();
        var cast = SpeakerFinderTests.Cast;
        var call = EspeakCall.Make(temp.Path, cast, EspeakCall.InterviewScript(cast[0].Name, cast[1].Name, cast[2].Name));
        var result = PodcastCli.Run(WithVad(), "speakers", call.StereoPath, "--host", cast[0].Name, "--host", cast[1].Name, "--guest", cast[2].Name,
            "--transcript", call.WriteTranscript(Path.Combine(temp.Path, "t.json")), "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var turns = json.RootElement.GetProperty("turns").EnumerateArray().Select(t => new SpeakerTurn(
            TimeSpan.FromSeconds(t.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(t.GetProperty("end").GetDouble()),
            t.GetProperty("speaker").GetString()!, t.GetProperty("role").GetString()!)).ToList();
        var error = DiarizationError.Measure(call.Turns, turns);
        Assert.True(error.WrongPerson <= 0.15, $"{error.WrongPerson:P1} to the wrong person");
        Assert.Contains(turns, t => t is { Speaker: "Priya Raman", Role: "guest" });
    }

    [Fact]
    public void OfflineWithoutTheVadModelSpeakersNamesItAndTheCommandThatFetchesIt()
    {
        var result = PodcastCli.Run(new Dictionary<string, string?> { ["PODCAST_VAD_MODEL"] = null }, "speakers", Fixtures.JfkWav);
        Assert.Equal(5, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ggml-silero-v6.2.0.bin", line, StringComparison.Ordinal);
        Assert.Contains("podcast models download silero-vad", line, StringComparison.Ordinal);
    }

    [Fact]
    public void PublishNamesTheSpeakersInEveryTranscriptFormat()
    {
        using var temp = new TempDirectory();
        using var show = new TempShow();
        var cast = SpeakerFinderTests.Cast; // the hosts are the show's own (show.yml)
        var call = EspeakCall.Make(temp.Path, cast, EspeakCall.InterviewScript(cast[0].Name, cast[1].Name, cast[2].Name));
        // Publish passes an MP3 through (the mastering stage encodes other inputs); ffmpeg makes the call an MP3.
        var mp3 = Path.Combine(temp.Path, "call-stereo.mp3");
        var encode = PodcastCli.Tool("ffmpeg", "-v", "error", "-i", call.StereoPath, "-b:a", "96k", mp3);
        Assert.True(encode.ExitCode == 0, encode.Stderr);
        var result = PodcastCli.Run(WithVad(), "publish", mp3, "--show", show.Root, "--transcript", call.WriteTranscript(Path.Combine(temp.Path, "t.json")),
            "--title", "River Towns", "--guest", cast[2].Name, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var episodeDir = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("episodeDir").GetString()!;
        Assert.Contains("<v Priya Raman>", File.ReadAllText(Path.Combine(episodeDir, "transcript.vtt")), StringComparison.Ordinal);
        Assert.Contains("<v Alessandria Masi>", File.ReadAllText(Path.Combine(episodeDir, "transcript.vtt")), StringComparison.Ordinal);
        Assert.Contains("Priya Raman: ", File.ReadAllText(Path.Combine(episodeDir, "transcript.srt")), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(episodeDir, "transcript.json")));
        var segments = json.RootElement.GetProperty("segments").EnumerateArray().ToList();
        var guestLine = segments.First(s => s.GetProperty("body").GetString()!.StartsWith("I grew up on a barge", StringComparison.Ordinal));
        Assert.Equal("Priya Raman", guestLine.GetProperty("speaker").GetString());
    }
}
