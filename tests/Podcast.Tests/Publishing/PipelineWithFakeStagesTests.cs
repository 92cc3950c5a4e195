using System.Text.Json;
using Podcast.Publishing;
using Podcast.Shows;
using Podcast.Storage;
using Podcast.Tests.Support;
using Podcast.Transcription;

namespace Podcast.Tests.Publishing;

/// <summary>
/// <see cref="PublishPipeline"/> path by path with fake stages (<see cref="FakeStages"/>): no audio is decoded,
/// transcribed or encoded, so each publish takes milliseconds. The recording's bytes are the bundled sample's, so the
/// "mastered" copy is an MP3 the real feed check accepts.
/// </summary>
public sealed class PipelineWithFakeStagesTests : IDisposable
{
    private readonly TempShow _show = new();
    private readonly TempDir _scratch = new();
    private readonly string _recording;
    private readonly string _model;

    public PipelineWithFakeStagesTests()
    {
        _recording = Path.Combine(_scratch.Path, "call.mp3");
        File.Copy(Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.mp3"), _recording);
        _model = Path.Combine(_scratch.Path, "model.bin");
        File.WriteAllText(_model, "not read: the transcriber is a stand-in");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Cache => Path.Combine(_scratch.Path, "cache");

    public void Dispose()
    {
        _show.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task AGivenTranscriptIsPublishedAsWrittenWithoutWhisperAndLeavesNoCache()
    {
        var whisper = new FakeStages.CountingWhisper();
        var given = Path.Combine(_scratch.Path, "given.vtt");
        File.WriteAllText(given, "WEBVTT\n\n00:00:00.400 --> 00:00:02.700\n<v Alessandria Masi>Hasan Hasan, why does Raqqa matter?\n\n00:00:02.900 --> 00:00:05.100\n<v Hassan Hassan>Because it is the capital.\n");

        var result = await Publish(FakeStages.Create(Cache, whisper), Request() with { TranscriptPath = given });

        Assert.Equal(0, whisper.Calls);
        Assert.False(result.TranscriptReused);
        Assert.Equal(0, result.Corrections);
        Assert.Contains("Hasan Hasan, why", File.ReadAllText(Path.Combine(result.EpisodeDir, "transcript.txt")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(result.EpisodeDir, TranscriptCache.FileName)));
        Assert.False(File.Exists(Path.Combine(result.EpisodeDir, CorrectionsFile.FileName)));
        Assert.False(File.Exists(Path.Combine(result.EpisodeDir, TranscriptionRecord.FileName)));
    }

    [Fact]
    public async Task ATranscribedRecordingIsCorrectedAndCachedAsHeardAndARepublishReadsTheCache()
    {
        var whisper = new FakeStages.CountingWhisper();
        var stages = FakeStages.Create(Cache, whisper);

        var first = await Publish(stages, Request());

        Assert.Equal(1, whisper.Calls);
        Assert.False(first.TranscriptReused);
        Assert.Equal(1, first.Corrections);
        Assert.Contains("Hassan Hassan", File.ReadAllText(Path.Combine(first.EpisodeDir, "transcript.txt")), StringComparison.Ordinal);
        Assert.Contains("Hasan Hasan", File.ReadAllText(Path.Combine(first.EpisodeDir, TranscriptCache.FileName)), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(first.EpisodeDir, TranscriptionRecord.FileName)));

        var second = await Publish(stages, Request());

        Assert.Equal(1, whisper.Calls);
        Assert.True(second.TranscriptReused);
        Assert.Equal(1, second.Corrections);

        var third = await Publish(stages, Request() with { Retranscribe = true });

        Assert.Equal(2, whisper.Calls);
        Assert.False(third.TranscriptReused);
    }

    /// <summary>A text prompt costs the base model four decodes of every piece's first window for no better words (bench/profile.md).</summary>
    [Fact]
    public async Task WhisperIsPromptedOnlyWithWhatTheProducerGivesAndTheRecordSaysWhat()
    {
        var whisper = new FakeStages.CountingWhisper();
        var stages = FakeStages.Create(Cache, whisper);

        var plain = await Publish(stages, Request());

        Assert.Equal("", whisper.Prompt);
        Assert.Equal("", TranscriptionRecord.Read(Path.Combine(plain.EpisodeDir, TranscriptionRecord.FileName))!.Prompt);

        var prompted = await Publish(stages, Request() with { Retranscribe = true, Prompt = "  Hassan Hassan on Raqqa. " });

        Assert.Equal("Hassan Hassan on Raqqa.", whisper.Prompt);
        Assert.Equal("Hassan Hassan on Raqqa.", TranscriptionRecord.Read(Path.Combine(prompted.EpisodeDir, TranscriptionRecord.FileName))!.Prompt);
    }

    /// <summary>Whisper's threads wait on each other, so a core taken by mastering's plan beside them slows it far more than the plan costs.</summary>
    [Fact]
    public async Task WhisperStartsOnlyOnceMasteringsPlanIsMade()
    {
        var mastering = new FakeStages.SlowPlanMastering();
        var whisper = new FakeStages.WatchingWhisper(mastering.Planned);

        await Publish(FakeStages.Create(Cache, whisper, mastering), Request());

        Assert.True(whisper.StartedAfter, "Whisper started while mastering was still planning");
    }

    [Fact]
    public async Task ARepublishKeepsTheGuidSlugTitleAndGuestsWhenTheProducerNamesNoneOfThem()
    {
        var stages = FakeStages.Create(Cache);
        var first = await Publish(stages, Request() with { Season = 2, Number = 7 });
        var before = EpisodeStore.Load(Path.Combine(first.EpisodeDir, "episode.json"));

        var second = await Publish(stages, new PublishRequest(_recording, _show.Root) { ModelPath = _model, NoVad = true });
        var after = EpisodeStore.Load(Path.Combine(second.EpisodeDir, "episode.json"));

        Assert.Equal(first.Guid, second.Guid);
        Assert.Equal(first.Slug, second.Slug);
        Assert.Equal("Why Raqqa matters", after.Title);
        Assert.Equal([Some.Guest], after.People.Where(p => p.Role == "guest").Select(p => p.Name));
        Assert.Equal((2, 7), (after.Season, after.Number));
        Assert.Equal(before.Published, after.Published);
        Assert.Single(EpisodeStore.LoadAll(new ShowFolder(_show.Root)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFeedRefusedByTheCheckLeavesTheShowByteForByteUnchanged(bool republish)
    {
        await Publish(FakeStages.Create(Cache), Request());
        var before = _show.Snapshot();
        var recording = _recording;
        if (!republish)
        {
            recording = Path.Combine(_scratch.Path, "other.mp3");
            File.WriteAllBytes(recording, [.. File.ReadAllBytes(_recording), 0]);
        }

        // Not an MP3: the feed check refuses the enclosure, so nothing of the episode may reach the show. A new
        // title changes the notes and page a republish writes before the check, so they must be put back.
        var notAudio = new FakeStages.CopyMastering("this is not audio"u8.ToArray());
        var request = new PublishRequest(recording, _show.Root) { Title = "A title that never reaches the show", ModelPath = _model, NoVad = true };
        var refused = await Assert.ThrowsAsync<PodcastException>(() => Publish(FakeStages.Create(Cache, mastering: notAudio), request));

        Assert.Equal(ExitCode.FeedInvalid, refused.Code);
        Assert.Contains("is not MP3 or MPEG-4 media", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, _show.Snapshot());
    }

    [Theory]
    [InlineData("speakers")]
    [InlineData("tagger")]
    public async Task AStageThatThrowsLeavesNoStagedOrTempFileAndNoEpisodeBehind(string failing)
    {
        var before = _show.Snapshot();
        var stages = FakeStages.Create(Cache);
        stages = failing == "speakers" ? stages with { Speakers = new FakeStages.ThrowingSpeakers() } : stages with { Tagger = new FakeStages.ThrowingTagger() };

        await Assert.ThrowsAsync<PodcastException>(() => Publish(stages, Request()));

        Assert.Equal(before, _show.Snapshot());
        Assert.Empty(Directory.EnumerateFiles(_show.Root, "*" + AtomicFile.TempSuffix, SearchOption.AllDirectories));
    }

    /// <summary>Cancelled while the speaker stage runs (publish is not waiting for mastering) and while publish waits for mastering.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CancellingWhileMasteringStopsItRemovesItsStagedFileAndChangesNothing(bool duringSpeakers)
    {
        var before = _show.Snapshot();
        var mastering = new FakeStages.EndlessMastering();
        var stages = FakeStages.Create(Cache, mastering: mastering) with { Speakers = duringSpeakers ? new FakeStages.EndlessSpeakers() : null };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var publishing = new PublishPipeline(stages).PublishAsync(Request(), null, null, cancel.Token);
        var staged = await mastering.Started.WaitAsync(TimeSpan.FromSeconds(30), Token);
        Assert.True(File.Exists(staged));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publishing);
        Assert.True(mastering.Stopped.IsCompleted, "publish returned before mastering had stopped");
        Assert.False(File.Exists(staged));
        Assert.Equal(before, _show.Snapshot());
    }

    [Fact]
    public async Task WhatATranscribeStepHeardIsPublishedElsewhereAsWhisperOwnWithoutWhisperAndTheStepLeavesTheShowAsItWas()
    {
        var heard = Path.Combine(_scratch.Path, "heard");
        var transcriber = new FakeStages.CountingWhisper();
        var before = _show.Snapshot();

        Assert.True(await new PublishPipeline(FakeStages.Create(Cache, transcriber)).HearAsync(Request() with { HeardPath = heard }, null, null, Token));

        Assert.Equal(1, transcriber.Calls);
        Assert.Equal(before, _show.Snapshot());
        var publisher = new FakeStages.CountingWhisper();
        var result = await Publish(FakeStages.Create(Cache, publisher), Request() with { HeardPath = heard });

        // Whisper's own: corrected by the vocabulary pass, cached as heard, with how Whisper ran; not run again here.
        Assert.Equal(0, publisher.Calls);
        Assert.False(result.TranscriptReused);
        Assert.Equal(1, result.Corrections);
        Assert.Contains("Hassan Hassan", File.ReadAllText(Path.Combine(result.EpisodeDir, "transcript.txt")), StringComparison.Ordinal);
        Assert.Contains("Hasan Hasan", File.ReadAllText(Path.Combine(result.EpisodeDir, TranscriptCache.FileName)), StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(heard, TranscriptionRecord.FileName)), File.ReadAllText(Path.Combine(result.EpisodeDir, TranscriptionRecord.FileName)));

        // Heard again for a republish: the episode's cache is what that publish would use, so nothing is run.
        Assert.False(await new PublishPipeline(FakeStages.Create(Cache, transcriber)).HearAsync(Request() with { HeardPath = Path.Combine(_scratch.Path, "again") }, null, null, Token));
        Assert.Equal(1, transcriber.Calls);
    }

    [Fact]
    public async Task APublishToldWhereWhisperHeardTheRecordingNeverRunsWhisperWhenNothingIsThere()
    {
        var whisper = new FakeStages.CountingWhisper();
        var before = _show.Snapshot();

        var error = await Assert.ThrowsAsync<PodcastException>(() => Publish(FakeStages.Create(Cache, whisper), Request() with { HeardPath = Path.Combine(_scratch.Path, "nothing") }));

        Assert.Equal(ExitCode.InvalidInput, error.Code);
        Assert.Contains("queue the recording again", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, whisper.Calls);
        Assert.Equal(before, _show.Snapshot());
    }

    private PublishRequest Request() => new(_recording, _show.Root)
    {
        Title = "Why Raqqa matters",
        Guests = [Some.Guest],
        ModelPath = _model,
        NoVad = true,
    };

    private static Task<PublishResult> Publish(PipelineStages stages, PublishRequest request) =>
        new PublishPipeline(stages).PublishAsync(request, null, null, Token);
}
