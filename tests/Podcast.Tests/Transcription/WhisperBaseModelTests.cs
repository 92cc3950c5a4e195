using System.Text.Json;
using Podcast.Decoding;
using Podcast.Tests.Support;
using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

/// <summary>The real Whisper base model through the real executable, on short files: exact words, and nothing invented.</summary>
public sealed class WhisperBaseModelTests(ITestOutputHelper output)
{
    private const string Jfk = "and so my fellow americans ask not what your country can do for you ask what you can do for your country";

    [Fact]
    public async Task JfkWavIsTranscribedWordForWord()
    {
        using var audio = new ManagedAudioDecoder().Open(Fixtures.JfkWav);
        var samples = audio.Samples.ForSpeech().ReadAll(null, TestContext.Current.CancellationToken);
        var transcriber = new SpeechGatedTranscriber(new WhisperTranscriber(), model => new SileroSpeechDetector(model));
        var request = new TranscriptionRequest(Fixtures.BaseModel, "en", "Inaugural Address.", 2, SpeechModelPath: Fixtures.SileroVad);

        var transcript = await transcriber.TranscribeAsync(samples, request, null, TestContext.Current.CancellationToken);

        Assert.Equal(Jfk, string.Join(' ', Wer.Words(transcript.PlainText)));
    }

    [Fact]
    public void JfkMp3PublishedIsTranscribedWordForWord()
    {
        using var call = new PublishedCall(Fixtures.JfkMp3, "Inaugural Address", "John F. Kennedy");

        Assert.Equal(Jfk, string.Join(' ', Wer.Words(call.Written)));
    }

    [Fact]
    public void JfkFollowedByAMinuteOfSilenceAndAMinuteOfNoiseGivesOnlyJfksWords()
    {
        using var dir = new TempDir();
        var silence = Path.Combine(dir.Path, "silence.wav");
        var noise = Path.Combine(dir.Path, "noise.wav");
        var joined = Path.Combine(dir.Path, "jfk-then-nothing.wav");
        Sox("-n", "-r", "16000", "-c", "1", "-b", "16", silence, "trim", "0", "60");
        Sox("-n", "-r", "16000", "-c", "1", "-b", "16", noise, "synth", "60", "pinknoise", "vol", "0.3");
        Sox(Fixtures.JfkWav, silence, noise, joined);
        var input = Mp3(joined);

        using var call = new PublishedCall(input, "Inaugural Address", "John F. Kennedy");

        Assert.Equal(Jfk, string.Join(' ', Wer.Words(call.Written)));
        Assert.All(call.Words(), w => Assert.True(w.Start < 11.5, $"\"{w.Text}\" at {w.Start:0.0} s, after JFK stopped speaking"));
    }

    [Fact]
    public void PureSilencePublishesAnEmptyTranscriptWithAWarning()
    {
        using var dir = new TempDir();
        var wav = Path.Combine(dir.Path, "silence.wav");
        Sox("-n", "-r", "16000", "-c", "1", "-b", "16", wav, "trim", "0", "30");
        var input = Mp3(wav);

        using var call = new PublishedCall(input, "Nothing Said", "Nobody");

        Assert.Empty(call.Written.Trim());
        Assert.Contains("the transcript is empty", call.Result.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(call.Result.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("segments").GetInt32());
    }

    [Theory]
    [InlineData("harbour-talks")]
    [InlineData("garden-hour")]
    public void OurOwnCallsGetTheirNamesCorrectedWithoutInventingAny(string name)
    {
        var script = SpokenCall.Load(name);
        using var dir = new TempDir();
        var audio = script.Speak(dir.Path);

        using var call = new PublishedCall(audio, script.Title, script.Guest, script.ShowYml());

        var reference = " " + string.Join(' ', Wer.Words(string.Join(' ', script.Sentences))) + " ";
        var heard = " " + string.Join(' ', Wer.Words(call.Heard)) + " ";
        var written = " " + string.Join(' ', Wer.Words(call.Written)) + " ";
        var terms = script.Hosts.Append(script.Guest).Concat(script.Vocabulary).Select(t => " " + string.Join(' ', Wer.Words(t)) + " ").ToList();
        var found = terms.Sum(t => Math.Min(CountOf(written, t), CountOf(reference, t)));
        var before = terms.Sum(t => Math.Min(CountOf(heard, t), CountOf(reference, t)));
        output.WriteLine($"{name}: WER heard {Wer.Of(reference, heard):0.000}, after corrections {Wer.Of(reference, written):0.000}; " +
            $"terms right {before} -> {found} of {terms.Sum(t => CountOf(reference, t))}\n{call.Written}\n{File.ReadAllText(Path.Combine(call.EpisodeDir, "corrections.json"))}");

        Assert.True(Wer.Of(reference, written) <= Wer.Of(reference, heard), "corrections made WER worse");
        Assert.True(found > before, $"no name or place was corrected: {before} right before, {found} after");
        Assert.All(terms, t => Assert.True(CountOf(written, t) <= CountOf(reference, t), $"\"{t.Trim()}\" written {CountOf(written, t)} times, the script has it {CountOf(reference, t)} times"));
    }

    private static int CountOf(string text, string phrase)
    {
        var count = 0;
        for (var i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phrase, i + 1, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>Publishing keeps an MP3 as recorded; other inputs need the mastering stage's encoder.</summary>
    private static string Mp3(string wav)
    {
        var mp3 = Path.ChangeExtension(wav, ".mp3");
        var ffmpeg = PodcastCli.Tool("ffmpeg", "-y", "-loglevel", "error", "-i", wav, "-b:a", "64k", mp3);
        Assert.True(ffmpeg.ExitCode == 0, ffmpeg.Stderr);
        return mp3;
    }

    private static void Sox(params string[] args)
    {
        var sox = PodcastCli.Tool("sox", args);
        Assert.True(sox.ExitCode == 0, sox.Stderr);
    }
}
