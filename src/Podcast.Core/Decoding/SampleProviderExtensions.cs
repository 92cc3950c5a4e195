using NAudio.Wave;

namespace Podcast.Decoding;

/// <summary>Chains decoding stages the NAudio way: <c>audio.Samples.ToMono().ResampleTo(16000)</c>.</summary>
public static class SampleProviderExtensions
{
    /// <summary>The sample rate Whisper was trained on; every transcription input is converted to it.</summary>
    public const int WhisperSampleRate = 16000;

    public static ISampleProvider ToMono(this ISampleProvider source) =>
        source.WaveFormat.Channels == 1 ? source : new MonoDownmix(source);

    public static ISampleProvider ResampleTo(this ISampleProvider source, int sampleRate) =>
        source.WaveFormat.SampleRate == sampleRate ? source : new SincResampler(source, sampleRate);

    /// <summary>Mono 16 kHz float, what Whisper and the speech detector read.</summary>
    public static ISampleProvider ForSpeech(this ISampleProvider source) =>
        source.ToMono().ResampleTo(WhisperSampleRate);

    /// <summary>
    /// Reads the whole stream into memory. Only for inputs whose size is known to be bounded (16 kHz mono is
    /// 3.8 MB a minute); callers that stream must use <see cref="ISampleProvider.Read"/>.
    /// </summary>
    public static float[] ReadAll(this ISampleProvider source, Action<long>? onSamples = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);

        // Kept in blocks and copied once into an array of the exact length: a growing list would hold up to three
        // times the samples at its last resize and copy (an hour of 16 kHz mono is 230 MB).
        var chunk = new float[source.WaveFormat.SampleRate * source.WaveFormat.Channels];
        var blocks = new List<float[]>();
        long total = 0;
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            blocks.Add(chunk[..read]);
            total += read;
            onSamples?.Invoke(total);
        }

        var all = new float[total];
        long at = 0;
        foreach (var block in blocks)
        {
            Array.Copy(block, 0, all, at, block.Length);
            at += block.Length;
        }

        return all;
    }
}
