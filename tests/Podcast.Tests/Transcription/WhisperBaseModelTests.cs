using System.Text.Json;
using Podcast.Decoding;
using Podcast.Tests.Support;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

namespace Podcast.Tests.Transcription;

/// <summary>The real Whisper base model through the real executable, on short files: exact words, and nothing invented.</summary>
public sealed class WhisperBaseModelTests(ITestOutputHelper output)
{
    private const string Jfk = "and so my fellow americans ask not what your country can do for you ask what you can do for your country";

    [Fact]
    public async Task JfkWavIsTranscribedWordForWord()
    {
        using var audio = new ManagedAudioDecoder().Open(Fixtures.JfkWav);
        var samples = new SampleArray(audio.Samples.ForSpeech().ReadAll(null, TestContext.Current.CancellationToken));
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
    [Fact]
    public async Task TheCallCutIntoPiecesIsTranscribedAsWellAndKeepsItsTimes()
    {
        // Pieces of at most 90 s, so the 212 s call is cut twice; publish cuts at 5 minutes.
        using var audio = new ManagedAudioDecoder().Open(Fixtures.CallMp3);
        var samples = new SampleArray(audio.Samples.ForSpeech().ReadAll(null, TestContext.Current.CancellationToken));
        var longest = TimeSpan.FromSeconds(90);
        var pieces = TranscriptionChunks.Plan(samples, longest, TestContext.Current.CancellationToken);
        var truth = TranscriptReader.ReadFile(Fixtures.CallTranscript, "en");

        var heard = await new WhisperTranscriber(longest).TranscribeAsync(samples, new TranscriptionRequest(Fixtures.BaseModel, "en", string.Empty, 2), null, TestContext.Current.CancellationToken);

        Assert.Equal(3, pieces.Count);
        Assert.True(Wer.Of(truth.PlainText, heard.PlainText) < 0.2, $"WER {Wer.Of(truth.PlainText, heard.PlainText):0.000}");
        Assert.All(pieces, p => Assert.Contains(heard.Segments, s => s.Start >= p.Offset && s.Start < p.Offset + TimeSpan.FromSeconds((double)p.Length / 16_000)));
        Assert.All(heard.Segments.Zip(heard.Segments.Skip(1)), p => Assert.True(p.First.Start <= p.Second.Start, $"{p.Second.Start} after {p.First.Start}"));
        var offsets = heard.Segments.Select(s => truth.Segments.Min(t => Math.Abs((t.Start - s.Start).TotalSeconds))).Order().ToList();
        Assert.True(offsets[offsets.Count / 2] < 1, $"median distance to a sentence start {offsets[offsets.Count / 2]:0.00} s");
        Assert.Equal(truth.Segments[^1].End.TotalSeconds, heard.Segments[^1].Words[^1].End.TotalSeconds, 3.0);
    }

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
