using NAudio.Wave;

namespace Podcast.Decoding;

/// <summary>
/// One channel of a multi-channel stream, as mono: call recorders put each line on its own channel, and the speaker
/// stage compares them. Streaming, like the decoders.
/// </summary>
public sealed class ChannelPicker : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly int _channel;
    private readonly int _channels;
    private float[] _buffer = [];

    public ChannelPicker(ISampleProvider source, int channel)
    {
        ArgumentNullException.ThrowIfNull(source);
        _channels = source.WaveFormat.Channels;
        if (channel < 0 || channel >= _channels)
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"the channel must be between 0 and {_channels - 1} for a {_channels}-channel stream");
        _source = source;
        _channel = channel;
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
        for (var i = 0; i < frames; i++)
            buffer[offset + i] = _buffer[(i * _channels) + _channel];
        return frames;
    }
}

/// <summary><c>audio.Samples.Channel(1).ResampleTo(16000)</c>: the right line of a call, at the speech rate.</summary>
public static class ChannelPickerExtensions
{
    public static ISampleProvider Channel(this ISampleProvider source, int channel) => new ChannelPicker(source, channel);
}
