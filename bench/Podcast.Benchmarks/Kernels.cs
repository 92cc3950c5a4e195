using BenchmarkDotNet.Attributes;
using NAudio.Wave;
using Podcast.Decoding;
using Podcast.Mastering;

namespace Podcast.Benchmarks;

/// <summary>
/// The mastering kernels on one minute of 44.1 kHz mono audio in memory (pink-ish noise with speech-like bursts), so
/// the figures are per minute of programme. Decoding reads the fixture call from ../shared when it is there.
/// </summary>
[MemoryDiagnoser]
public class Kernels
{
    private const int Rate = 44100;
    private float[] _minute = [];
    private string? _call;
    private LameLibrary? _lame;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _minute = new float[Rate * 60];
        double b0 = 0, b1 = 0;
        for (var i = 0; i < _minute.Length; i++)
        {
            var white = (random.NextDouble() * 2) - 1;
            b0 = (0.99 * b0) + (0.1 * white);
            b1 = (0.6 * b1) + (0.4 * white);
            var envelope = 0.5 + (0.5 * Math.Sin(2 * Math.PI * 3 * i / Rate));
            _minute[i] = (float)((b0 + b1) * 0.3 * envelope);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures", "deeply-talks-deir-ezzor", "call.mp3");
            if (File.Exists(Path.Combine(dir.FullName, "Podcast.sln")) && File.Exists(candidate))
                _call = candidate;
        }

        _lame = LameLibrary.TryLoad();
    }

    /// <summary>The fixture call (212 s, MP3) decoded and resampled to 16 kHz mono, as transcription reads it.</summary>
    [Benchmark]
    public long DecodeAndResampleCall()
    {
        if (_call is null)
            return 0;
        using var audio = new ManagedAudioDecoder().Open(_call);
        var speech = audio.Samples.ForSpeech();
        var buffer = new float[1600];
        long total = 0;
        int read;
        while ((read = speech.Read(buffer, 0, buffer.Length)) > 0)
            total += read;
        return total;
    }

    [Benchmark]
    public LoudnessReport LoudnessMeterMinute()
    {
        var meter = new LoudnessMeter(Rate, 1);
        for (var at = 0; at < _minute.Length; at += 4410)
            meter.Add(_minute.AsSpan(at, 4410));
        return meter.Report();
    }

    [Benchmark]
    public double LimiterMinute()
    {
        var limiter = new TruePeakLimiter(new MemorySamples(_minute), 12, -1);
        var buffer = new float[4410];
        while (limiter.Read(buffer, 0, buffer.Length) > 0)
        {
        }

        return limiter.MaxReductionDb;
    }

    [Benchmark]
    public long EncodeMinute()
    {
        if (_lame is null)
            return 0;
        using var output = new MemoryStream();
        using var encoder = new Mp3Encoder(_lame, output, Rate, 1, new Mp3Settings());
        for (var at = 0; at < _minute.Length; at += 4410)
            encoder.Write(_minute.AsSpan(at, 4410));
        encoder.Finish();
        return output.Length;
    }

    private sealed class MemorySamples(float[] samples) : ISampleProvider
    {
        private int _at;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(Rate, 1);

        public int Read(float[] buffer, int offset, int count)
        {
            var take = Math.Min(count, samples.Length - _at);
            Array.Copy(samples, _at, buffer, offset, take);
            _at += take;
            return take;
        }
    }
}
