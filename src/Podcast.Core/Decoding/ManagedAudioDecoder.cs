using NAudio.Wave;
using NLayer;
using NVorbis;

namespace Podcast.Decoding;

/// <summary>
/// Decodes WAV (NAudio), MP3 (NLayer) and Ogg Vorbis (NVorbis) in managed code, streaming from disk.
/// FLAC and M4A are recognised and handed to <paramref name="others"/> (an ffmpeg-backed decoder), or refused without one.
/// </summary>
internal sealed class ManagedAudioDecoder(IAudioDecoder? others = null) : IAudioDecoder
{
    public DecodedAudio Open(string path)
    {
        var container = InputFile.Check(path);
        return container switch
        {
            AudioContainer.Wav => OpenWav(path),
            AudioContainer.Mp3 => OpenMp3(path),
            AudioContainer.Ogg => OpenOgg(path),
            _ when others is not null => others.Open(path),
            _ => throw PodcastException.Unsupported(path, $"{container} audio needs ffmpeg on PATH to be decoded"),
        };
    }

    private static DecodedAudio OpenWav(string path)
    {
        WaveFileReader reader;
        try
        {
            reader = new WaveFileReader(path);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw PodcastException.NotAudio(path, "broken WAV header: " + e.Message, e);
        }

        var f = reader.WaveFormat;
        var supported = (f.Encoding == WaveFormatEncoding.Pcm && f.BitsPerSample is 8 or 16 or 24 or 32)
            || (f.Encoding == WaveFormatEncoding.IeeeFloat && f.BitsPerSample == 32)
            || (f.Encoding == WaveFormatEncoding.Extensible && f.BitsPerSample is 16 or 24 or 32);
        if (!supported || f.Channels < 1 || f.SampleRate < 8000)
        {
            reader.Dispose();
            throw PodcastException.Unsupported(path,
                $"WAV encoding {f.Encoding} with {f.BitsPerSample} bits at {f.SampleRate} Hz is not supported (use PCM 8/16/24/32-bit or 32-bit float, at least 8 kHz)");
        }

        var info = new AudioInfo(path, AudioContainer.Wav, f.SampleRate, f.Channels, reader.TotalTime, new FileInfo(path).Length);
        return new DecodedAudio(info, Plain(reader).ToSampleProvider(), reader);
    }

    /// <summary>
    /// NAudio converts only plain PCM and float to samples; WAVE_FORMAT_EXTENSIBLE (what sox and ffmpeg write for 24-bit,
    /// float or multichannel audio) is the same data under a wrapper header, so it is read as its sub-format.
    /// </summary>
    private static WaveStream Plain(WaveFileReader reader)
    {
        var f = reader.WaveFormat;
        if (f.Encoding != WaveFormatEncoding.Extensible)
            return reader;

        // The extension after cbSize: valid bits (2 bytes), channel mask (4), then the sub-format GUID (16).
        var extra = f is WaveFormatExtensible extensible ? extensible.SubFormat
            : f is WaveFormatExtraData data && data.ExtraData.Length >= 22 ? new Guid(data.ExtraData.AsSpan(6, 16))
            : Guid.Empty;
        var plain = extra == FloatSubFormat
            ? WaveFormat.CreateIeeeFloatWaveFormat(f.SampleRate, f.Channels)
            : new WaveFormat(f.SampleRate, f.BitsPerSample, f.Channels);
        return new RawSourceWaveStream(reader, plain);
    }

    private static readonly Guid FloatSubFormat = new("00000003-0000-0010-8000-00aa00389b71");

    private static DecodedAudio OpenMp3(string path)
    {
        if (MpegFrameScanner.FindTruncation(path) is { } cut)
            throw PodcastException.InvalidAudio(path, cut);
        var stream = File.OpenRead(path);
        MpegFile mpeg;
        try
        {
            mpeg = new MpegFile(stream);
            // NLayer accepts any bytes lazily; decode one frame now so garbage is refused at the door.
            var probe = new float[4096];
            if (mpeg.ReadSamples(probe, 0, probe.Length) <= 0 || mpeg.SampleRate <= 0)
                throw new InvalidDataException("no MPEG audio frames");
            mpeg.Position = 0;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IndexOutOfRangeException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            stream.Dispose();
            throw PodcastException.NotAudio(path, "no decodable MP3 frames", e);
        }

        var info = new AudioInfo(path, AudioContainer.Mp3, mpeg.SampleRate, mpeg.Channels, mpeg.Duration, stream.Length);
        return new DecodedAudio(info, new MpegSampleProvider(mpeg, path), new Disposables(mpeg, stream));
    }

    private static DecodedAudio OpenOgg(string path)
    {
        VorbisReader vorbis;
        try
        {
            vorbis = new VorbisReader(path);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or NotSupportedException or EndOfStreamException or InvalidOperationException)
        {
            throw PodcastException.NotAudio(path, "not an Ogg Vorbis stream (Opus and FLAC-in-Ogg are not supported)", e);
        }

        var info = new AudioInfo(path, AudioContainer.Ogg, vorbis.SampleRate, vorbis.Channels, vorbis.TotalTime, new FileInfo(path).Length);
        return new DecodedAudio(info, new VorbisSampleProvider(vorbis), vorbis);
    }

    private sealed class MpegSampleProvider(MpegFile mpeg, string path) : ISampleProvider
    {
        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(mpeg.SampleRate, mpeg.Channels);

        public int Read(float[] buffer, int offset, int count)
        {
            try
            {
                return mpeg.ReadSamples(buffer, offset, count);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IndexOutOfRangeException)
            {
                throw PodcastException.NotAudio(path, "the MP3 stream is corrupt", e);
            }
        }
    }

    private sealed class VorbisSampleProvider(VorbisReader vorbis) : ISampleProvider
    {
        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(vorbis.SampleRate, vorbis.Channels);

        public int Read(float[] buffer, int offset, int count) => vorbis.ReadSamples(buffer, offset, count);
    }

    private sealed class Disposables(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
                item.Dispose();
        }
    }
}
