namespace Podcast.Decoding;

/// <summary>Tells a container from the first bytes of a file. File extensions lie; magic numbers rarely do.</summary>
internal static class AudioSniffer
{
    public static AudioContainer? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8))
            return AudioContainer.Wav;
        if (head.Length >= 4 && head[..4].SequenceEqual("OggS"u8))
            return AudioContainer.Ogg;
        if (head.Length >= 4 && head[..4].SequenceEqual("fLaC"u8))
            return AudioContainer.Flac;
        if (head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8))
            return AudioContainer.M4a;
        if (head.Length >= 3 && head[..3].SequenceEqual("ID3"u8))
            return AudioContainer.Mp3;
        if (head.Length >= 4 && IsMpegAudioFrameHeader(head))
            return AudioContainer.Mp3;
        return null;
    }

    /// <summary>An MPEG-1/2/2.5 Layer III frame header: 11-bit sync, a valid version, layer III, a valid bitrate and rate.</summary>
    public static bool IsMpegAudioFrameHeader(ReadOnlySpan<byte> h)
    {
        if (h[0] != 0xFF || (h[1] & 0xE0) != 0xE0)
            return false;
        var version = (h[1] >> 3) & 0x3;
        var layer = (h[1] >> 1) & 0x3;
        var bitrate = (h[2] >> 4) & 0xF;
        var rate = (h[2] >> 2) & 0x3;
        return version != 1 && layer == 1 && bitrate is not (0 or 15) && rate != 3;
    }
}
