namespace Podcast.Decoding;

/// <summary>
/// 16 kHz mono samples read by position: the recording as the speech stages (voice detection, Whisper, the speaker
/// features) hear it. A whole recording is kept in a <see cref="SampleFile"/> on disk, so memory holds only the stretch
/// a stage is reading (an hour of 16 kHz float is 230 MB).
/// </summary>
public interface ISampleSource
{
    /// <summary>How many samples there are.</summary>
    int Length { get; }

    /// <summary>Fills <paramref name="destination"/> with the samples from <paramref name="start"/>; the range must lie inside [0, <see cref="Length"/>].</summary>
    void Read(int start, Span<float> destination);
}

/// <summary>Samples already in memory: a short clip, or a test's signal.</summary>
public sealed class SampleArray : ISampleSource
{
    private readonly float[] _samples;

    public SampleArray(float[] samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        _samples = samples;
    }

    public int Length => _samples.Length;

    public void Read(int start, Span<float> destination)
    {
        SampleSourceExtensions.CheckRange(this, start, destination.Length);
        _samples.AsSpan(start, destination.Length).CopyTo(destination);
    }
}

public static class SampleSourceExtensions
{
    /// <summary>A copy of <paramref name="count"/> samples from <paramref name="start"/>, both clamped to the source.</summary>
    public static float[] Read(this ISampleSource source, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        start = Math.Clamp(start, 0, source.Length);
        var samples = new float[Math.Clamp(count, 0, source.Length - start)];
        source.Read(start, samples);
        return samples;
    }

    public static TimeSpan Duration(this ISampleSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return TimeSpan.FromSeconds((double)source.Length / SampleProviderExtensions.WhisperSampleRate);
    }

    internal static void CheckRange(ISampleSource source, int start, int count)
    {
        if (start < 0 || count < 0 || (long)start + count > source.Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"samples {start}..{(long)start + count} are outside the source's 0..{source.Length}");
    }
}
