using System.Diagnostics;
using System.Globalization;
using Podcast.Decoding;
using Podcast.Transcription;
using Whisper.net;

// Usage: WhisperBaseline <model> <audio> <threads> <beam> <prompt> <out.txt> [whole]
// Decodes the recording exactly as publish does (the same decoder and resampler, so Whisper is handed the same 16 kHz
// samples), cuts it into the same pieces publish transcribes one after another on one Whisper state (or hands Whisper
// the whole recording at once with "whole"), transcribes with the same settings (language en, token timestamps, flash
// attention as publish decides it: PODCAST_FLASH_ATTENTION, else publish's default; greedy or beam, the same prompt),
// and prints the seconds spent in Whisper alone.
if (args.Length is not (6 or 7))
{
    Console.Error.WriteLine("usage: WhisperBaseline <model> <audio> <threads> <beam> <prompt> <out.txt> [whole]");
    return 2;
}

// The same process setting as publish's, so that the baseline measures Whisper.net, not glibc's defaults.
Podcast.NativeHeap.ReturnLargeBlocksWhenFreed();

SampleFile samples;
using (var audio = new ManagedAudioDecoder(new FfmpegAudioDecoder()).Open(args[1]))
    samples = SampleFile.Write(audio.Samples.ForSpeech(), Path.GetTempPath(), CancellationToken.None);
using var deleteSamples = samples;
IReadOnlyList<SampleRange> pieces = args is [.., "whole"] ? [new SampleRange(0, samples.Length)] : TranscriptionChunks.Plan(samples);

var clock = Stopwatch.StartNew();
using var factory = WhisperFactory.FromPath(args[0], new WhisperFactoryOptions { UseFlashAttention = WhisperTranscriber.FlashAttentionFrom(Environment.GetEnvironmentVariable(WhisperTranscriber.FlashAttentionVariable)) });
var builder = factory.CreateBuilder()
    .WithLanguage("en")
    .WithThreads(int.Parse(args[2], CultureInfo.InvariantCulture))
    .WithTokenTimestamps()
    .WithProbabilities();
if (args[4].Length > 0)
    builder = builder.WithPrompt(args[4]);
var beam = int.Parse(args[3], CultureInfo.InvariantCulture);
builder = beam > 1
    ? builder.WithBeamSearchSamplingStrategy(b => b.WithBeamSize(beam))
    : builder.WithGreedySamplingStrategy(g => g.WithBestOf(WhisperTranscriber.FallbackCandidates));
await using var processor = builder.Build();
await using var output = new StreamWriter(args[5]);
var buffer = new float[pieces.Max(p => p.Length)];
foreach (var piece in pieces)
{
    samples.Read(piece.Start, buffer.AsSpan(0, piece.Length));
    await foreach (var segment in processor.ProcessAsync(buffer.AsMemory(0, piece.Length)))
        await output.WriteLineAsync(segment.Text.Trim());
}

Console.WriteLine(clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture));
return 0;
