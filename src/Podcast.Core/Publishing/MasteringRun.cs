using Podcast.Decoding;
using Podcast.Mastering;
using Podcast.Storage;

namespace Podcast.Publishing;

/// <summary>
/// Mastering as publish schedules it around Whisper, which takes every core. The plan (reading the recording only,
/// one core) starts as soon as the recording is open, beside the hashing, the resample and the voice detector; the
/// encode starts when <see cref="Encode"/> says Whisper is done, beside the speaker and highlight stages, into a file
/// staged in the show folder: the feed on the web still lists the old file with its length, so the new one replaces
/// it only once the new feed has passed its check. The run owns its task, its cancellation and its staged file:
/// disposing it stops the work, waits for it to end and only then removes the staged file.
/// </summary>
internal sealed class MasteringRun : IAsyncDisposable
{
    private readonly IMasteringStage _stage;
    private readonly IAudioDecoder _decoder;
    private readonly PublishLog _log;
    private readonly CancellationTokenSource _stop;
    private readonly Task<MasteringPlan> _plan;
    private Task<MasteredAudio>? _encode;

    private MasteringRun(IMasteringStage stage, IAudioDecoder decoder, MasteringOptions options, PublishLog log, CancellationTokenSource stop, Task<MasteringPlan> plan)
    {
        _stage = stage;
        _decoder = decoder;
        _log = log;
        _stop = stop;
        _plan = plan;
        Options = options;
    }

    public MasteringOptions Options { get; }

    /// <summary>The episode's MP3 under its temp name, once <see cref="Encode"/> has started.</summary>
    public StagedFile? Staged { get; private set; }

    /// <summary>
    /// Starts the plan. A stage that cannot make an episode from <paramref name="source"/> throws here, before any
    /// slow work.
    /// </summary>
    public static MasteringRun Start(IMasteringStage stage, IAudioDecoder decoder, AudioInfo source, MasteringOptions options, PublishLog log, CancellationToken cancellationToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var planning = stage.PlanAsync(decoder, source, options, stop.Token);
            return new MasteringRun(stage, decoder, options, log, stop, log.MeasureAsync("plan", () => planning));
        }
        catch
        {
            stop.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The plan is made. Whisper waits for it: its threads wait on each other at every step, so one core taken by the
    /// plan slowed the 10.6-minute call's transcription from 79 s to 120 s, where the plan alone takes 12 s.
    /// </summary>
    public Task PlannedAsync() => _plan;

    /// <summary>Whisper is done: the encode starts as soon as the plan is made, into a file staged for <paramref name="target"/>.</summary>
    public void Encode(string target, string stagingDirectory, IProgress<StageProgress>? progress)
    {
        if (_encode is not null)
            throw new InvalidOperationException("mastering is already encoding");
        Staged = new StagedFile(target, stagingDirectory);
        var path = Staged.Path;
        var token = _stop.Token;
        _encode = _log.MeasureAsync("master", () => Task.Run(
            async () => await _stage.MasterAsync(_decoder, await _plan.ConfigureAwait(false), path, progress, token).ConfigureAwait(false), token));
    }

    /// <summary>The mastered audio, in the staged file; its note, if any, is a warning.</summary>
    public async Task<MasteredAudio> FinishAsync()
    {
        var mastered = await (_encode ?? throw new InvalidOperationException("mastering was not asked to encode")).ConfigureAwait(false);
        if (mastered.Note is not null)
            _log.Warn(mastered.Note);
        return mastered;
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever happened, mastering is over before its staged file is removed.
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_plan, _encode ?? Task.CompletedTask).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        Staged?.Dispose();
        _stop.Dispose();
    }
}
