using NAudio.Wave;

namespace Podcast.Decoding;

/// <summary>
/// Opens a recording as a stream of float samples. Implementations reject what they cannot read with a
/// <see cref="PodcastException"/> from <see cref="Open"/>, before any stage has spent time on it.
/// </summary>
public interface IAudioDecoder
{
    DecodedAudio Open(string path);
}

/// <summary>
/// An open recording: its facts and its samples at the native rate and channel count. Reading is streaming
/// (bounded memory whatever the length); dispose to close the file.
/// </summary>
public sealed class DecodedAudio(AudioInfo info, ISampleProvider samples, IDisposable owner) : IDisposable
{
    public AudioInfo Info { get; } = info;

    public ISampleProvider Samples { get; } = samples;

    public void Dispose() => owner.Dispose();
}
