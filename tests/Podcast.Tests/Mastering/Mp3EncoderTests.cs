using Podcast.Mastering;
using Podcast.Tests.Support;

namespace Podcast.Tests.Mastering;

/// <summary>libmp3lame through P/Invoke, its output read back by ffprobe and ffmpeg.</summary>
/// <remarks>
/// Runs alone: once, beside an in-process publish that was mastering at the same moment, the encoder's own monitor
/// measured the 48 kHz stereo tone 0.65 LU below ffmpeg. Publish masters one file per process, so the product never
/// uses LAME from two threads at once; until that reading is explained, this test does not either.
/// </remarks>
[Collection(nameof(LameAlone))]
public sealed class Mp3EncoderTests
{
    [Theory]
    [InlineData(1, 44100, 64)]
    [InlineData(2, 48000, 128)]
    [InlineData(1, 16000, 64)]
    public void MonoAndStereoEncodeAtTheDefaultBitrateAndKeepTheirLength(int channels, int rate, int kbps)
    {
        var lame = LameLibrary.TryLoad();
        Assert.NotNull(lame);
        using var scratch = new Signals.Scratch();
        var path = scratch.File("tone.mp3");
        var samples = Signals.Sine(rate, channels, 7.3, 440, 0.25);
        var monitor = new LoudnessMeter(rate, channels);

        using (var file = File.Create(path))
        using (var encoder = new Mp3Encoder(lame, file, rate, channels, new Mp3Settings(), monitor))
        {
            // Odd-sized pieces, as the limiter hands them over.
            for (var at = 0; at < samples.Length; at += 3333 * channels)
                encoder.Write(samples.AsSpan(at, Math.Min(3333 * channels, samples.Length - at)));
            encoder.Finish();
        }

        var probe = PodcastCli.Tool("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=codec_name,channels,sample_rate,bit_rate", "-of", "default=nw=1", path).Stdout;
        Assert.Contains("codec_name=mp3", probe, StringComparison.Ordinal);
        Assert.Contains($"channels={channels}", probe, StringComparison.Ordinal);
        Assert.Contains($"sample_rate={rate}", probe, StringComparison.Ordinal);
        Assert.Contains($"bit_rate={kbps * 1000}", probe, StringComparison.Ordinal);
        // The LAME tag tells the decoder how much encoder delay and padding to drop: gapless, sample for sample.
        Assert.Equal(samples.Length / channels, DecodedFrames(path, scratch.File("decoded.wav"), channels));

        // What the encoder heard itself write is what ffmpeg hears in the file.
        Assert.Equal(Ebur128.Measure(path).IntegratedLufs, monitor.Report().IntegratedLufs, 0.1);
    }

    [Fact]
    public void VariableBitrateIsAvailable()
    {
        var lame = LameLibrary.TryLoad();
        Assert.NotNull(lame);
        using var scratch = new Signals.Scratch();
        var path = scratch.File("noise.mp3");
        using (var file = File.Create(path))
        using (var encoder = new Mp3Encoder(lame, file, 44100, 1, new Mp3Settings(vbrQuality: 6)))
        {
            encoder.Write(Signals.PinkNoise(44100, 1, 5, 0.3));
            encoder.Finish();
        }

        Assert.Equal(5 * 44100, DecodedFrames(path, scratch.File("decoded.wav"), 1));
        // A VBR stream's first frame is a Xing header (a CBR one says Info), which players need to seek in it.
        Assert.True(File.ReadAllBytes(path).AsSpan(0, 400).IndexOf("Xing"u8) >= 0);
    }

    /// <summary>How many frames ffmpeg decodes from an MP3, honouring its LAME tag.</summary>
    private static long DecodedFrames(string mp3, string wav, int channels)
    {
        var run = PodcastCli.Tool("ffmpeg", "-v", "error", "-i", mp3, "-c:a", "pcm_s16le", "-f", "wav", "-bitexact", wav);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var reader = new NAudio.Wave.WaveFileReader(wav);
        return reader.Length / (2 * channels);
    }
}

/// <summary>Tests in this collection run after the parallel ones, one at a time.</summary>
[CollectionDefinition(nameof(LameAlone), DisableParallelization = true)]
public sealed class LameAlone;
