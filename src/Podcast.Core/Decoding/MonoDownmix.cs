using NAudio.Wave;

namespace Podcast.Decoding;

/// <summary>Averages any number of channels into one. Averaging (not summing) keeps a full-scale stereo signal in range.</summary>
public sealed class MonoDownmix : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly int _channels;
    private float[] _buffer = [];

    public MonoDownmix(ISampleProvider source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _channels = source.WaveFormat.Channels;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(source.WaveFormat.SampleRate, 1);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(float[] buffer, int offset, int count)
    {
        if (_channels == 1)
            return _source.Read(buffer, offset, count);

        var needed = count * _channels;
        if (_buffer.Length < needed)
            _buffer = new float[needed];
        var read = _source.Read(_buffer, 0, needed);
        var frames = read / _channels;
        var scale = 1f / _channels;
        for (var i = 0; i < frames; i++)
        {
            var sum = 0f;
            var at = i * _channels;
            for (var c = 0; c < _channels; c++)
                sum += _buffer[at + c];
            buffer[offset + i] = sum * scale;
        }

        return frames;
    }
}
