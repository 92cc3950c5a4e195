using NAudio.Dsp;
using NAudio.Wave;

namespace Podcast.Decoding;

/// <summary>
/// Sample-rate conversion with NAudio's WDL resampler in its windowed-sinc mode. NAudio's stock
/// WdlResamplingSampleProvider uses linear interpolation with a two-pole filter, which lets speech harmonics above the
/// new Nyquist frequency fold back as audible aliasing; the sinc kernel removes them.
/// </summary>
public sealed class SincResampler : ISampleProvider
{
    private const int SincSize = 64;
    private const int SincInterpolationSize = 32;
    private readonly ISampleProvider _source;
    private readonly WdlResampler _resampler = new();
    private readonly int _channels;

    public SincResampler(ISampleProvider source, int outputRate)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 8000);
        _source = source;
        _channels = source.WaveFormat.Channels;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(outputRate, _channels);
        _resampler.SetMode(interp: true, filtercnt: 0, sinc: true, SincSize, SincInterpolationSize);
        _resampler.SetFeedMode(true);
        _resampler.SetRates(source.WaveFormat.SampleRate, outputRate);
    }

    public WaveFormat WaveFormat { get; }

    public int Read(float[] buffer, int offset, int count)
    {
        var framesWanted = count / _channels;
        var inNeeded = _resampler.ResamplePrepare(framesWanted, _channels, out var inBuffer, out var inOffset);
        var inRead = _source.Read(inBuffer, inOffset, inNeeded * _channels) / _channels;
        var framesOut = _resampler.ResampleOut(buffer, offset, inRead, framesWanted, _channels);
        return framesOut * _channels;
    }
}
