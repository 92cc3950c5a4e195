using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using Podcast.Decoding;
using Podcast.Feed;
using Podcast.Mastering;
using Podcast.Models;
using Podcast.Publishing;
using Podcast.Speakers;
using Podcast.Tagging;
using Podcast.Transcription;

namespace Podcast.Tests.Support;

/// <summary>
/// Publish's stages with no audio work: every recording decodes to 17 s of 16 kHz silence, Whisper hears
/// <see cref="Some.HeardCall"/>, mastering copies the recording's bytes, tagging does nothing. The feed writer is the
/// real one, so the feed check sees what publish made. A test swaps in the stage it is about with <c>with</c>.
/// </summary>
public static class FakeStages
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(17);

    /// <param name="cache">An empty model cache folder of the test's own: these stages load no model.</param>
    public static PipelineStages Create(string cache, ITranscriber? transcriber = null, IMasteringStage? mastering = null) => new(
        Decoder: new SilentDecoder(),
        Transcriber: transcriber ?? new CountingWhisper(),
        Speakers: null,
        Highlights: null,
        Mastering: mastering ?? new CopyMastering(),
        Tagger: new NoTagger(),
        Feed: PipelineStages.DefaultFeed(),
        Site: null,
        Models: new ModelCache(cache, ModelCatalogue.Default, _ => null));

    /// <summary>Any file opens as <see cref="Duration"/> of silence.</summary>
    public sealed class SilentDecoder : IAudioDecoder
    {
        public DecodedAudio Open(string path)
        {
            var format = WaveFormat.CreateIeeeFloatWaveFormat(SampleProviderExtensions.WhisperSampleRate, 1);
            var samples = new OffsetSampleProvider(new SilenceProvider(format).ToSampleProvider()) { TakeSamples = (int)(Duration.TotalSeconds * format.SampleRate) };
            return new DecodedAudio(new AudioInfo(path, AudioContainer.Mp3, format.SampleRate, 1, Duration, new FileInfo(path).Length), samples, new MemoryStream());
        }
    }

    /// <summary>Hears <see cref="Some.HeardCall"/>, counts how often it was asked and keeps the last prompt it was given.</summary>
    public sealed class CountingWhisper : ITranscriber
    {
        public int Calls { get; private set; }

        public string? Prompt { get; private set; }

        public Task<Transcript> TranscribeAsync(ISampleSource samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
        {
            Calls++;
            Prompt = request.Prompt;
            return Task.FromResult(Some.HeardCall() with { Language = request.Language });
        }
    }

    /// <summary>The "mastered" file is the recording's bytes, or <paramref name="bytes"/> when given.</summary>
    public class CopyMastering(byte[]? bytes = null) : IMasteringStage
    {
        public virtual Task<MasteringPlan> PlanAsync(IAudioDecoder decoder, AudioInfo source, MasteringOptions options, CancellationToken cancellationToken) =>
            Task.FromResult(new MasteringPlan(source, options, new LoudnessReport(-20, -3, 4)));

        public virtual async Task<MasteredAudio> MasterAsync(IAudioDecoder decoder, MasteringPlan plan, string outputPath, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
        {
            await File.WriteAllBytesAsync(outputPath, bytes ?? await File.ReadAllBytesAsync(plan.Source.Path, cancellationToken), cancellationToken);
            return new MasteredAudio(outputPath, "audio/mpeg", plan.Source.Duration, plan.Before, new LoudnessReport(-16, -1.5, 4));
        }
    }

    /// <summary>A plan that takes a while (a second), as rehearsing the limiter on a long call does; <see cref="Planned"/> says when it is done.</summary>
    public sealed class SlowPlanMastering : CopyMastering
    {
        private readonly TaskCompletionSource _planned = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Planned => _planned.Task;

        public override async Task<MasteringPlan> PlanAsync(IAudioDecoder decoder, AudioInfo source, MasteringOptions options, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var plan = await base.PlanAsync(decoder, source, options, cancellationToken);
            _planned.TrySetResult();
            return plan;
        }
    }

    /// <summary>Like <see cref="CountingWhisper"/>, and notes whether <paramref name="before"/> had ended when it was asked.</summary>
    public sealed class WatchingWhisper(Task before) : ITranscriber
    {
        public bool? StartedAfter { get; private set; }

        public Task<Transcript> TranscribeAsync(ISampleSource samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
        {
            StartedAfter = before.IsCompleted;
            return Task.FromResult(Some.HeardCall() with { Language = request.Language });
        }
    }

    /// <summary>
    /// Starts writing its file, says so, and then works until it is cancelled; it takes a moment more to stop, as an
    /// encoder finishing its block does, so a caller that does not wait for it returns first.
    /// </summary>
    public sealed class EndlessMastering : CopyMastering
    {
        private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The staged path, once mastering is writing it.</summary>
        public Task<string> Started => _started.Task;

        /// <summary>Done once mastering saw the cancellation and returned.</summary>
        public Task Stopped => _stopped.Task;

        public override async Task<MasteredAudio> MasterAsync(IAudioDecoder decoder, MasteringPlan plan, string outputPath, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
        {
            try
            {
                await File.WriteAllBytesAsync(outputPath, [0xFF, 0xFB], CancellationToken.None);
                _started.TrySetResult(outputPath);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("not reached");
            }
            finally
            {
                await Task.Delay(300, CancellationToken.None);
                _stopped.TrySetResult();
            }
        }
    }

    public sealed class NoTagger : ITagger
    {
        public void Tag(string audioPath, EpisodeTags tags)
        {
        }
    }

    /// <summary>A speaker stage that fails, as a stage with a bug or a damaged model would.</summary>
    public sealed class ThrowingSpeakers : ISpeakerFinder
    {
        public IReadOnlyList<KnownModel> Models => [];

        public Task<IReadOnlyList<SpeakerTurn>> FindAsync(AudioInfo audio, ISampleSource? speech, Transcript transcript, SpeakerHints hints, CancellationToken cancellationToken) =>
            throw PodcastException.InvalidAudio(audio.Path, "the speaker stage failed (a test's stand-in)");
    }

    /// <summary>A speaker stage that is still working when publish is cancelled, and stops then.</summary>
    public sealed class EndlessSpeakers : ISpeakerFinder
    {
        public IReadOnlyList<KnownModel> Models => [];

        public async Task<IReadOnlyList<SpeakerTurn>> FindAsync(AudioInfo audio, ISampleSource? speech, Transcript transcript, SpeakerHints hints, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }

    /// <summary>A tagger that fails after mastering has written the staged file.</summary>
    public sealed class ThrowingTagger : ITagger
    {
        public void Tag(string audioPath, EpisodeTags tags) => throw PodcastException.WriteFailed(audioPath, "the tagger failed (a test's stand-in)");
    }
}
