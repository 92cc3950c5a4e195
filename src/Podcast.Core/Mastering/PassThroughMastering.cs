using Podcast.Decoding;
using Podcast.Storage;

namespace Podcast.Mastering;

/// <summary>
/// Publishes an MP3 recording as it is (no loudness change), for when no MP3 encoder is available. Other inputs
/// cannot become an MP3 without one and are refused.
/// </summary>
internal sealed class PassThroughMastering : IMasteringStage
{
    public Task<MasteringPlan> PlanAsync(IAudioDecoder decoder, AudioInfo source, MasteringOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Container != AudioContainer.Mp3)
            throw PodcastException.Unsupported(source.Path, $"{source.Container} input must be encoded to MP3, and the MP3 encoder (libmp3lame) is not installed; install it (Debian/Ubuntu: apt install libmp3lame0) or publish an MP3");
        return Task.FromResult(new MasteringPlan(source, options, null));
    }

    public Task<MasteredAudio> MasterAsync(IAudioDecoder decoder, MasteringPlan plan, string outputPath, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.Copy(plan.Source.Path, outputPath);
        return Task.FromResult(new MasteredAudio(outputPath, "audio/mpeg", plan.Source.Duration,
            Note: "the MP3 encoder (libmp3lame) is not installed, so the recording is published as it is, not loudness-normalised; install libmp3lame0 to master it"));
    }
}
