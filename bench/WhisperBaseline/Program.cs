using System.Diagnostics;
using System.Globalization;
using Podcast.Decoding;
using Whisper.net;

// Usage: WhisperBaseline <model> <audio> <threads> <beam> <prompt> <out.txt>
// Decodes the recording exactly as publish does (the same decoder and resampler, so Whisper is handed the same 16 kHz
// samples), transcribes with the same settings (language en, token timestamps, greedy or beam, the same prompt), and
// prints the seconds spent in Whisper alone.
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: WhisperBaseline <model> <audio> <threads> <beam> <prompt> <out.txt>");
    return 2;
}

float[] samples;
using (var audio = new ManagedAudioDecoder(new FfmpegAudioDecoder()).Open(args[1]))
    samples = audio.Samples.ForSpeech().ReadAll();

var clock = Stopwatch.StartNew();
using var factory = WhisperFactory.FromPath(args[0]);
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
    : builder.WithGreedySamplingStrategy(_ => { });
await using var processor = builder.Build();
await using var output = new StreamWriter(args[5]);
await foreach (var segment in processor.ProcessAsync(samples))
    await output.WriteLineAsync(segment.Text.Trim());
Console.WriteLine(clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture));
return 0;
