using Podcast.Decoding;
using Podcast.Tests.Support;

namespace Podcast.Tests.Decoding;

/// <summary>FLAC and M4A through the ffmpeg on PATH.</summary>
public sealed class FfmpegAudioDecoderTests
{
    [Fact]
    public void FlacDecodesToExactlyTheSamplesOfTheWavItWasMadeFrom()
    {
        using var scratch = new Signals.Scratch();
        var flac = scratch.File("jfk.flac");
        var made = PodcastCli.Tool("ffmpeg", "-v", "error", "-i", Fixtures.JfkWav, "-c:a", "flac", flac);
        Assert.True(made.ExitCode == 0, made.Stderr);

        using var decoded = new ManagedAudioDecoder(new FfmpegAudioDecoder()).Open(flac);
        using var original = new ManagedAudioDecoder().Open(Fixtures.JfkWav);

        Assert.Equal(AudioContainer.Flac, decoded.Info.Container);
        Assert.Equal(original.Info.SampleRate, decoded.Info.SampleRate);
        Assert.Equal(original.Info.Channels, decoded.Info.Channels);
        Assert.Equal(original.Info.Duration.TotalSeconds, decoded.Info.Duration.TotalSeconds, 0.01);
        Assert.Equal(ReadAll(original.Samples), ReadAll(decoded.Samples));
    }

    [Fact]
    public void AnM4aIsReadWithItsRateChannelsAndLength()
    {
        using var scratch = new Signals.Scratch();
        var m4a = scratch.File("tone.m4a");
        var wav = Signals.WriteWav(scratch.File("tone.wav"), 48000, 2, Signals.Sine(48000, 2, 3, 440, 0.3));
        var made = PodcastCli.Tool("ffmpeg", "-v", "error", "-i", wav, "-c:a", "aac", "-b:a", "128k", m4a);
        Assert.True(made.ExitCode == 0, made.Stderr);

        using var decoded = new FfmpegAudioDecoder().Open(m4a);
        var samples = ReadAll(decoded.Samples);

        Assert.Equal(AudioContainer.M4a, decoded.Info.Container);
        Assert.Equal((48000, 2), (decoded.Info.SampleRate, decoded.Info.Channels));
        Assert.Equal(3.0, samples.Length / 2 / 48000.0, 0.05);
        Assert.InRange(samples.Max(), 0.28f, 0.32f);
    }

    [Fact]
    public void WithoutFfmpegOnPathAFlacInputGetsAMessageSayingSo()
    {
        using var scratch = new Signals.Scratch();
        var flac = scratch.File("jfk.flac");
        Assert.True(PodcastCli.Tool("ffmpeg", "-v", "error", "-i", Fixtures.JfkWav, flac).ExitCode == 0);

        var run = PodcastCli.Run(new Dictionary<string, string?> { ["PATH"] = scratch.Root }, "loudness", flac);

        Assert.Equal((int)ExitCode.InvalidInput, run.ExitCode);
        Assert.Contains("ffmpeg", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("FLAC", run.Stderr, StringComparison.Ordinal);
    }

    private static float[] ReadAll(NAudio.Wave.ISampleProvider source)
    {
        var all = new List<float>();
        var buffer = new float[4096];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            all.AddRange(buffer.AsSpan(0, read));
        return [.. all];
    }
}
