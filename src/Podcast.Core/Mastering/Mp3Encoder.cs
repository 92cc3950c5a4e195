namespace Podcast.Mastering;

/// <summary>How the episode's MP3 is encoded. Speech needs little: 64 kb/s mono, 128 kb/s stereo by default.</summary>
public sealed record Mp3Settings
{
    public Mp3Settings(int? bitrateKbps = null, int? vbrQuality = null)
    {
        if (bitrateKbps is { } b && b is < 8 or > 320)
            throw PodcastException.InvalidArgument($"MP3 bitrate {b} kb/s is outside 8..320");
        if (vbrQuality is { } q && q is < 0 or > 9)
            throw PodcastException.InvalidArgument($"MP3 VBR quality {q} is outside 0 (best) ..9 (smallest)");
        BitrateKbps = bitrateKbps;
        VbrQuality = vbrQuality;
    }

    /// <summary>Constant bitrate; null for the default of the channel count (ignored when <see cref="VbrQuality"/> is set).</summary>
    public int? BitrateKbps { get; }

    /// <summary>Variable bitrate at this LAME quality (0 best, 9 smallest); null for constant bitrate.</summary>
    public int? VbrQuality { get; }

    public int BitrateFor(int channels) => BitrateKbps ?? (channels == 1 ? 64 : 128);
}

/// <summary>
/// Encodes float PCM (mono or stereo, at an MP3 sample rate) to an MP3 stream with libmp3lame. The first frame is the
/// LAME/Xing tag, rewritten by <see cref="Finish"/> with the frame count, encoder delay and padding, so players trim
/// the encoder's silence and seek accurately. The stream must be seekable and positioned at its start.
/// </summary>
internal sealed unsafe class Mp3Encoder : IDisposable
{
    /// <summary>The sample rates MPEG-1, 2 and 2.5 Layer III can carry.</summary>
    public static readonly IReadOnlyList<int> SampleRates = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];

    private const int ModeJointStereo = 1;
    private const int ModeMono = 3;
    private const int VbrOff = 0;
    private const int VbrDefault = 4;
    private const int FrameSamples = 1152;

    private readonly LameLibrary _lame;
    private readonly Stream _output;
    private readonly long _start;
    private readonly int _channels;
    private nint _handle;
    private byte[] _mp3 = new byte[16384];
    private readonly LoudnessMeter? _monitor;
    private readonly short[] _left = new short[FrameSamples];
    private readonly short[] _right = new short[FrameSamples];
    private readonly float[] _decoded = new float[FrameSamples * 2];
    private nint _decoder;
    private bool _finished;

    /// <param name="monitor">When given, every encoded frame is decoded again with LAME's own decoder and measured by
    /// this meter (same rate and channels), so the loudness of the file is known the moment it is written.</param>
    public Mp3Encoder(LameLibrary lame, Stream output, int sampleRate, int channels, Mp3Settings settings, LoudnessMeter? monitor = null)
    {
        ArgumentNullException.ThrowIfNull(lame);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(settings);
        if (!SampleRates.Contains(sampleRate))
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "MP3 carries only " + string.Join(", ", SampleRates) + " Hz");
        if (channels is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "MP3 carries one or two channels");
        if (!output.CanSeek || !output.CanWrite)
            throw new ArgumentException("the LAME tag is written last at the start of the stream, so it must be seekable", nameof(output));

        _lame = lame;
        _output = output;
        _start = output.Position;
        _channels = channels;
        _handle = lame.Init();
        if (_handle == 0)
            throw new InvalidOperationException("lame_init failed (out of memory)");
        if (monitor is not null)
        {
            if (monitor.SampleRate != sampleRate || monitor.Channels != channels)
                throw new ArgumentException("the monitor must measure the encoder's rate and channels", nameof(monitor));
            _monitor = monitor;
            _decoder = lame.HipInit();
        }

        lame.SetNumChannels(_handle, channels);
        lame.SetInSampleRate(_handle, sampleRate);
        lame.SetOutSampleRate(_handle, sampleRate);
        lame.SetMode(_handle, channels == 1 ? ModeMono : ModeJointStereo);
        if (settings.VbrQuality is { } quality)
        {
            lame.SetVbr(_handle, VbrDefault);
            lame.SetVbrQuality(_handle, quality);
        }
        else
        {
            lame.SetVbr(_handle, VbrOff);
            lame.SetBitrate(_handle, settings.BitrateFor(channels));
        }

        lame.SetWriteVbrTag(_handle, 1);
        lame.SetWriteId3TagAutomatic(_handle, 0);
        if (lame.InitParams(_handle) < 0)
        {
            Dispose();
            throw new ArgumentException($"LAME refused {settings.BitrateFor(channels)} kb/s {(channels == 1 ? "mono" : "stereo")} at {sampleRate} Hz", nameof(settings));
        }
    }

    /// <summary>Encodes interleaved samples (whole frames) in -1..1; louder samples clip.</summary>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        var frames = interleaved.Length / _channels;
        if (frames == 0)
            return;

        // LAME's documented worst case: 1.25 bytes a sample plus 7200.
        var needed = (frames * 5 / 4) + 7200;
        if (_mp3.Length < needed)
            _mp3 = new byte[needed];

        int written;
        fixed (float* pcm = interleaved)
        fixed (byte* mp3 = _mp3)
        {
            written = _channels == 1
                ? _lame.EncodePlanarFloat(_handle, pcm, pcm, frames, mp3, _mp3.Length)
                : _lame.EncodeInterleavedFloat(_handle, pcm, frames, mp3, _mp3.Length);
        }

        Check(written, "lame_encode_buffer");
        _output.Write(_mp3, 0, written);
        Monitor(written);
    }

    /// <summary>Flushes the last frames and writes the final LAME tag over the placeholder frame at the start.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        if (_finished)
            return;
        _finished = true;

        int written;
        fixed (byte* mp3 = _mp3)
            written = _lame.Flush(_handle, mp3, _mp3.Length);
        Check(written, "lame_encode_flush");
        _output.Write(_mp3, 0, written);
        Monitor(written);

        nuint tag;
        fixed (byte* mp3 = _mp3)
            tag = _lame.GetLameTagFrame(_handle, mp3, (nuint)_mp3.Length);
        if (tag > (nuint)_mp3.Length)
            throw new InvalidOperationException($"the LAME tag frame needs {tag} bytes");
        if (tag > 0)
        {
            var end = _output.Position;
            _output.Position = _start;
            _output.Write(_mp3, 0, (int)tag);
            _output.Position = end;
        }
    }

    public void Dispose()
    {
        if (_handle != 0)
        {
            _lame.Close(_handle);
            _handle = 0;
        }

        if (_decoder != 0)
        {
            _lame.HipExit(_decoder);
            _decoder = 0;
        }
    }

    /// <summary>Decodes the first <paramref name="length"/> bytes of _mp3 and measures the result.</summary>
    private void Monitor(int length)
    {
        if (_monitor is null || length == 0)
            return;
        fixed (byte* mp3 = _mp3)
        fixed (short* left = _left)
        fixed (short* right = _right)
        {
            // The first call takes the bytes; later calls with none drain the frames they completed, one at a time.
            var samples = _lame.HipDecodeFrame(_decoder, mp3, (nuint)length, left, right);
            while (samples > 0)
            {
                LameLibrary.ToFloat(_left, _right, samples, _channels, _decoded);
                _monitor.Add(_decoded.AsSpan(0, samples * _channels));
                samples = _lame.HipDecodeFrame(_decoder, mp3, 0, left, right);
            }

            if (samples < 0)
                throw new InvalidOperationException("LAME's decoder could not read the frames just encoded");
        }
    }

    private static void Check(int result, string call)
    {
        // Negative results are LAME's error codes: -1 buffer too small, -2 out of memory, -3 not initialised, -4 psycho-acoustic failure.
        if (result < 0)
            throw new InvalidOperationException($"{call} failed with LAME error {result}");
    }
}
