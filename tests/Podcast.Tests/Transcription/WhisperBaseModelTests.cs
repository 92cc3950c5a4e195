using System.Text.Json;
using Podcast.Tests.Support;

namespace Podcast.Tests.Transcription;

/// <summary>The real Whisper base model through the real executable, on short files: exact words, and nothing invented.</summary>
public sealed class WhisperBaseModelTests(ITestOutputHelper output)
{
    private const string Jfk = "and so my fellow americans ask not what your country can do for you ask what you can do for your country";

    [Theory]
    [InlineData("wav")]
    [InlineData("mp3")]
    public void JfkIsTranscribedWordForWord(string format)
    {
        using var call = new PublishedCall(format == "wav" ? Fixtures.JfkWav : Fixtures.JfkMp3, "Inaugural Address", "John F. Kennedy");

        Assert.Equal(Jfk, string.Join(' ', Wer.Words(call.Written)));
    }

    [Fact]
    public void JfkFollowedByAMinuteOfSilenceAndAMinuteOfNoiseGivesOnlyJfksWords()
    {
        using var dir = new TempDir();
        var silence = Path.Combine(dir.Path, "silence.wav");
        var noise = Path.Combine(dir.Path, "noise.wav");
        var input = Path.Combine(dir.Path, "jfk-then-nothing.wav");
        Sox("-n", "-r", "16000", "-c", "1", "-b", "16", silence, "trim", "0", "60");
        Sox("-n", "-r", "16000", "-c", "1", "-b", "16", noise, "synth", "60", "pinknoise", "vol", "0.3");
        Sox(Fixtures.JfkWav, silence, noise, input);

        using var call = new PublishedCall(input, "Inaugural Address", "John F. Kennedy");

        Assert.Equal(Jfk, string.Join(' ', Wer.Words(call.Written)));
        Assert.All(call.Words(), w => Assert.True(w.Start < 11.5, $"\"{w.Text}\" at {w.Start:0.0} s, after JFK stopped speaking"));
    }

    [Fact]
    public void PureSilencePublishesAnEmptyTranscriptWithAWarning()
    {
        using var dir = new TempDir();
        var input = Path.Combine(dir.Path, "silence.wav");
        Sox("-n", "-r", "16000", "-c", "1", "-b", "16", input, "trim", "0", "30");

        using var call = new PublishedCall(input, "Nothing Said", "Nobody");

        Assert.Empty(call.Written.Trim());
        Assert.Contains("the transcript is empty", call.Result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(call.Result.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("segments").GetInt32());
    }

    [Theory]
    [InlineData("harbour-talks")]
    [InlineData("garden-hour")]
    public void OurOwnCallsGetTheirHostsGuestsAndPlacesSpelledRight(string name)
    {
        var script = SpokenCall.Load(name);
        using var dir = new TempDir();
        var audio = script.Speak(dir.Path);

        using var call = new PublishedCall(audio, script.Title, script.Guest, script.ShowYml());

        var reference = string.Join(' ', script.Sentences);
        var heard = Wer.Of(reference, call.Heard);
        var written = Wer.Of(reference, call.Written);
        output.WriteLine($"{name}: WER heard {heard:0.000}, after corrections {written:0.000}\n{call.Written}\n{File.ReadAllText(Path.Combine(call.EpisodeDir, "corrections.json"))}");
        Assert.True(written <= heard, $"corrections made WER worse: {heard:0.000} -> {written:0.000}");
        var text = " " + string.Join(' ', Wer.Words(call.Written)) + " ";
        foreach (var name2 in script.Hosts.Append(script.Guest))
        {
            var key = " " + string.Join(' ', Wer.Words(name2)) + " ";
            var expected = CountOf(" " + string.Join(' ', Wer.Words(reference)) + " ", key);
            Assert.True(CountOf(text, key) == expected, $"{name2}: {CountOf(text, key)} times, the script has it {expected} times");
        }
    }

    private static int CountOf(string text, string phrase)
    {
        var count = 0;
        for (var i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phrase, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static void Sox(params string[] args)
    {
        var sox = PodcastCli.Tool("sox", args);
        Assert.True(sox.ExitCode == 0, sox.Stderr);
    }
}
