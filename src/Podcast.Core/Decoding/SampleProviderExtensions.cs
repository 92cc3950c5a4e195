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
        var chunk = new float[source.WaveFormat.SampleRate * source.WaveFormat.Channels];
        var all = new List<float>(chunk.Length * 60);
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            all.AddRange(chunk.AsSpan(0, read));
            onSamples?.Invoke(all.Count);
        }

        return [.. all];
    }
}
