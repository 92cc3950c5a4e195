namespace Podcast.Decoding;

/// <summary>The container a recording arrived in, as told by its first bytes, never by its file name.</summary>
public enum AudioContainer
{
    Wav,
    Mp3,
    Ogg,
    Flac,
    M4a,
}

/// <summary>What a decoder learned about a recording before reading its samples.</summary>
public sealed record AudioInfo(string Path, AudioContainer Container, int SampleRate, int Channels, TimeSpan Duration, long Length);
