using NAudio.Wave;

namespace Podcast.Mastering;

/// <summary>Passes samples through unchanged while a <see cref="LoudnessMeter"/> measures them.</summary>
public sealed class MeteredSampleProvider : ISampleProvider
{
    private readonly ISampleProvider _source;

    /// <param name="truePeak">False to skip the true peak (its 4x interpolation is half the meter's work).</param>
    public MeteredSampleProvider(ISampleProvider source, bool truePeak = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        Meter = new LoudnessMeter(source.WaveFormat.SampleRate, source.WaveFormat.Channels, truePeak);
    }

    public LoudnessMeter Meter { get; }

    public WaveFormat WaveFormat => _source.WaveFormat;

    public int Read(float[] buffer, int offset, int count)
    {
        var read = _source.Read(buffer, offset, count);
        Meter.Add(buffer.AsSpan(offset, read));
        return read;
    }
}
