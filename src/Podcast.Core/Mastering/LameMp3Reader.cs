using NAudio.Wave;

namespace Podcast.Mastering;

/// <summary>
/// Decodes an MP3 file with LAME's own decoder (mpglib, "hip"): in C, several times faster than the managed decoder,
/// which matters because mastering reads the recording once per pass. 16-bit output, streaming from disk. The
/// Xing/LAME tag frame is recognised and skipped by mpglib; an ID3v2 tag is skipped here.
/// </summary>
internal sealed unsafe class LameMp3Reader : ISampleProvider, IDisposable
{
    private const int FrameSamples = 1152;

    private readonly LameLibrary _lame;
    private readonly FileStream _file;
    private readonly int _channels;
    private readonly byte[] _chunk = new byte[8192];
    private readonly short[] _left = new short[FrameSamples];
    private readonly short[] _right = new short[FrameSamples];
    private readonly float[] _decoded = new float[FrameSamples * 2];
    private nint _decoder;
    private int _decodedAt;
    private int _decodedEnd;
    private bool _fed;
    private bool _ended;

    public LameMp3Reader(LameLibrary lame, string path, int sampleRate, int channels)
    {
        ArgumentNullException.ThrowIfNull(lame);
        _lame = lame;
        _channels = channels;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels);
        _file = File.OpenRead(path);
        SkipId3v2();
        _decoder = lame.HipInit();
    }

    public WaveFormat WaveFormat { get; }

    public int Read(float[] buffer, int offset, int count)
    {
        var written = 0;
        count -= count % _channels;
        while (written < count)
        {
            if (_decodedAt == _decodedEnd && !DecodeFrame())
                break;
            var take = Math.Min(count - written, _decodedEnd - _decodedAt);
            Array.Copy(_decoded, _decodedAt, buffer, offset + written, take);
            _decodedAt += take;
            written += take;
        }

        return written;
    }

    public void Dispose()
    {
        if (_decoder != 0)
        {
            _lame.HipExit(_decoder);
            _decoder = 0;
        }

        _file.Dispose();
    }

    /// <summary>Decodes the next frame into _decoded; false at the end of the file.</summary>
    private bool DecodeFrame()
    {
        while (!_ended)
        {
            int samples;
            fixed (byte* chunk = _chunk)
            fixed (short* left = _left)
            fixed (short* right = _right)
            {
                // Drain what mpglib already holds; when it needs more, feed it the next piece of the file.
                samples = _fed ? _lame.HipDecodeFrame(_decoder, chunk, 0, left, right) : 0;
                if (samples == 0)
                {
                    var read = _file.Read(_chunk, 0, _chunk.Length);
                    if (read == 0)
                    {
                        _ended = true;
                        return false;
                    }

                    samples = _lame.HipDecodeFrame(_decoder, chunk, (nuint)read, left, right);
                    _fed = true;
                }
            }

            if (samples < 0)
                throw PodcastException.NotAudio(_file.Name, "the MP3 stream is corrupt");
            if (samples == 0)
                continue;
            LameLibrary.ToFloat(_left, _right, samples, _channels, _decoded);

            _decodedAt = 0;
            _decodedEnd = samples * _channels;
            return true;
        }

        return false;
    }

    private void SkipId3v2()
    {
        Span<byte> header = stackalloc byte[10];
        if (_file.Read(header) == 10 && header.StartsWith("ID3"u8))
        {
            var size = ((header[6] & 0x7F) << 21) | ((header[7] & 0x7F) << 14) | ((header[8] & 0x7F) << 7) | (header[9] & 0x7F);
            var footer = (header[5] & 0x10) != 0 ? 10 : 0;
            _file.Position = 10 + size + footer;
        }
        else
        {
            _file.Position = 0;
        }
    }
}
