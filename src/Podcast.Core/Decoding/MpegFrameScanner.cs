namespace Podcast.Decoding;

/// <summary>
/// Walks an MP3's frame headers without decoding them, to tell a complete file from one whose recording was cut off.
/// A file is truncated when its last frame runs past the end of the data, or when its Xing/Info header promises more
/// frames than the file holds.
/// </summary>
internal static class MpegFrameScanner
{
    private static readonly int[] BitratesV1 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
    private static readonly int[] BitratesV2 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    private static readonly int[] RatesV1 = [44100, 48000, 32000];

    /// <summary>Null when the file is whole, else a sentence saying how it is cut.</summary>
    /// <remarks>Reads the file front to back through a small window: an hour of MP3 is not held in memory.</remarks>
    public static string? FindTruncation(string path)
    {
        using var file = File.OpenHandle(path);
        var data = new Window(file);
        var end = data.Length;
        if (end >= 128 && data.At(end - 128, 3).SequenceEqual("TAG"u8))
            end -= 128; // ID3v1 trailer

        var at = SkipId3v2(data);
        var frames = 0;
        int? promised = null;
        while (at + 4 <= end)
        {
            var header = data.At(at, 4);
            if (!AudioSniffer.IsMpegAudioFrameHeader(header))
            {
                if (frames == 0)
                {
                    at++; // junk before the first frame is tolerated, as decoders do
                    continue;
                }

                break;
            }

            var length = FrameLength(header);
            if (at + length > end)
                return $"the last MP3 frame is cut off after {frames} whole frames (the recording is incomplete)";
            if (frames == 0)
                promised = XingFrameCount(data.At(at, length));
            frames++;
            at += length;
        }

        if (promised is { } count && count > frames)
            return $"its header promises {count} MP3 frames but only {frames} are present (the recording is incomplete)";
        return null;
    }

    private static long SkipId3v2(Window data)
    {
        if (data.Length < 10)
            return 0;
        var h = data.At(0, 10);
        if (h[0] != 'I' || h[1] != 'D' || h[2] != '3')
            return 0;
        var size = (h[6] << 21) | (h[7] << 14) | (h[8] << 7) | h[9];
        var footer = (h[5] & 0x10) != 0 ? 10 : 0;
        return 10 + size + footer;
    }

    /// <summary>A file read through a 64 KB buffer, refilled when a read reaches past it.</summary>
    private sealed class Window(Microsoft.Win32.SafeHandles.SafeFileHandle file)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private long _start;
        private int _filled;

        public long Length { get; } = RandomAccess.GetLength(file);

        /// <summary>Up to <paramref name="count"/> bytes from <paramref name="position"/> (fewer at the end of the file); count is at most 64 KB.</summary>
        public ReadOnlySpan<byte> At(long position, int count)
        {
            if (position < _start || position + count > _start + _filled)
            {
                _start = position;
                _filled = 0;
                int read;
                while (_filled < _buffer.Length && (read = RandomAccess.Read(file, _buffer.AsSpan(_filled), _start + _filled)) > 0)
                    _filled += read;
            }

            var offset = (int)(position - _start);
            return _buffer.AsSpan(offset, Math.Min(count, _filled - offset));
        }
    }

    private static int FrameLength(ReadOnlySpan<byte> h)
    {
        var version = (h[1] >> 3) & 0x3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        var bitrate = (version == 3 ? BitratesV1 : BitratesV2)[(h[2] >> 4) & 0xF] * 1000;
        var rate = RatesV1[(h[2] >> 2) & 0x3] / (version == 3 ? 1 : version == 2 ? 2 : 4);
        var padding = (h[2] >> 1) & 0x1;
        return ((version == 3 ? 144 : 72) * bitrate / rate) + padding;
    }

    /// <summary>The frame count in a Xing or Info header inside the first frame, if it has one.</summary>
    private static int? XingFrameCount(ReadOnlySpan<byte> frame)
    {
        for (var i = 4; i + 12 <= frame.Length && i < 64; i++)
        {
            var tag = frame.Slice(i, 4);
            if (!(tag.SequenceEqual("Xing"u8) || tag.SequenceEqual("Info"u8)))
                continue;
            var flags = frame[i + 7];
            if ((flags & 0x1) == 0)
                return null;
            return (frame[i + 8] << 24) | (frame[i + 9] << 16) | (frame[i + 10] << 8) | frame[i + 11];
        }

        return null;
    }
}
