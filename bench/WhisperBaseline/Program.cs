using System.Diagnostics;
using System.Globalization;
using NAudio.Wave;
using Whisper.net;

// Usage: WhisperBaseline <model> <16k-mono.wav> <threads> <beam> <prompt> <out.txt>
// Transcribes with the same settings publish uses (language en, token timestamps, greedy or beam, the same prompt)
// and prints
// the seconds spent in Whisper alone.
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: WhisperBaseline <model> <wav> <threads> <beam> <prompt> <out.txt>");
    return 2;
}

var samples = new List<float>();
using (var reader = new WaveFileReader(args[1]))
{
    var provider = reader.ToSampleProvider();
    var buffer = new float[16000];
    int read;
    while ((read = provider.Read(buffer, 0, buffer.Length)) > 0)
        samples.AddRange(buffer.AsSpan(0, read));
}

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
await foreach (var segment in processor.ProcessAsync([.. samples]))
    await output.WriteLineAsync(segment.Text.Trim());
Console.WriteLine(clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture));
return 0;
