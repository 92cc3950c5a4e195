using NAudio.Wave;
using Podcast.Decoding;
using Podcast.Mastering;

namespace Podcast.Benchmarks;

/// <summary>One stage over a whole file, streaming, as the product runs it.</summary>
internal static class Tasks
{
    public static long Run(string task, string input, string? output)
    {
        var decoder = new ManagedAudioDecoder(new FfmpegAudioDecoder());
        using var audio = decoder.Open(input);
        return task switch
        {
            // What transcription reads: mono 16 kHz float.
            "decode" => Drain(audio.Samples.ForSpeech()),
            "loudness" => Loudness(audio.Samples),
            // Encoding alone: the decoded audio straight into LAME.
            "encode" => Encode(audio.Samples, output ?? throw new ArgumentException("encode needs an output file")),
            "master" => Master(decoder, audio.Info, output ?? throw new ArgumentException("master needs an output file")),
            _ => throw new ArgumentException($"no task {task}"),
        };
    }

    private static long Drain(ISampleProvider source)
    {
        var buffer = new float[source.WaveFormat.SampleRate * source.WaveFormat.Channels / 10];
        long total = 0;
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            total += read / source.WaveFormat.Channels;
        return total;
    }

    private static long Loudness(ISampleProvider source)
    {
        var metered = new MeteredSampleProvider(source);
        var frames = Drain(metered);
        Console.Error.WriteLine(metered.Meter.Report());
        return frames;
    }

    private static long Encode(ISampleProvider source, string output)
    {
        var lame = LameLibrary.TryLoad() ?? throw new InvalidOperationException("libmp3lame is not installed");
        var prepared = LameMastering.Prepare(source);
        using var file = File.Create(output);
        using var encoder = new Mp3Encoder(lame, file, prepared.WaveFormat.SampleRate, prepared.WaveFormat.Channels, new Mp3Settings());
        var buffer = new float[prepared.WaveFormat.SampleRate * prepared.WaveFormat.Channels / 10];
        long total = 0;
        int read;
        while ((read = prepared.Read(buffer, 0, buffer.Length)) > 0)
        {
            encoder.Write(buffer.AsSpan(0, read));
            total += read / prepared.WaveFormat.Channels;
        }

        encoder.Finish();
        return total;
    }

    private static long Master(IAudioDecoder decoder, AudioInfo info, string output)
    {
        var stage = LameMastering.TryCreate() ?? throw new InvalidOperationException("libmp3lame is not installed");
        var plan = stage.PlanAsync(decoder, info, new MasteringOptions(), CancellationToken.None).GetAwaiter().GetResult();
        var mastered = stage.MasterAsync(decoder, plan, Path.GetFullPath(output), null, CancellationToken.None).GetAwaiter().GetResult();
        Console.Error.WriteLine($"before {mastered.Before}, after {mastered.After}, {mastered.Encodes} encode(s)");
        foreach (var pass in mastered.Passes ?? [])
            Console.Error.WriteLine($"  {pass.Kind,-9} gain {pass.GainDb:0.00} dB, ceiling {pass.CeilingDbtp:0.00} dBTP: {pass.Lufs:0.00} LUFS, peak {pass.PeakDbtp:0.00} dBTP{(pass.Dips > 0 ? $", {pass.Dips} dips" : "")}");
        return (long)(mastered.Duration.TotalSeconds * info.SampleRate);
    }
}
