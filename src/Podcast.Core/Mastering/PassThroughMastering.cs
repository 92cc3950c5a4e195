using Podcast.Decoding;
using Podcast.Storage;

namespace Podcast.Mastering;

/// <summary>
/// Publishes an MP3 recording as it is (no loudness change), for when no MP3 encoder is available. Other inputs
/// cannot become an MP3 without one and are refused.
/// </summary>
internal sealed class PassThroughMastering : IMasteringStage
{
    public Task<MasteredAudio> MasterAsync(AudioInfo source, string outputPath, MasteringOptions options, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Container != AudioContainer.Mp3)
            throw PodcastException.Unsupported(source.Path, $"{source.Container} input needs the MP3 encoder (libmp3lame) to be published; install libmp3lame0");
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Copy(source.Path, outputPath);
        return Task.FromResult(new MasteredAudio(outputPath, "audio/mpeg", source.Duration, Note: "published as recorded (not loudness-normalised)"));
    }
}
