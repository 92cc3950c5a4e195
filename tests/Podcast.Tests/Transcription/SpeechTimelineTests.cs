using Podcast.Decoding;
using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

/// <summary>Stitching speech regions together and putting the transcript's times back on the recording.</summary>
public sealed class SpeechTimelineTests
{
    private static SpeechRegion Region(double start, double end) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end));

    [Fact]
    public void LongSilencesShrinkToAPauseAndTimesMapBackOntoTheRecording()
    {
        var samples = new float[16_000 * 100];
        samples[16_000 * 50] = 1f;
        var timeline = SpeechTimeline.From([Region(12, 14), Region(50, 53)], samples.Length);

        var stitched = timeline.Stitch(new SampleArray(samples)).Read(0, int.MaxValue);

        Assert.Equal(TimeSpan.FromSeconds(5.5), timeline.StitchedDuration);
        Assert.Equal(88_000, stitched.Length);
        Assert.Equal(1f, stitched[16_000 * 2 + 8_000]);
        Assert.Equal(1, stitched.Count(s => s != 0));
        Assert.Equal(TimeSpan.FromSeconds(13), timeline.ToRecording(TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(51), timeline.ToRecording(TimeSpan.FromSeconds(3.5)));
        Assert.Equal(TimeSpan.FromSeconds(14), timeline.ToRecording(TimeSpan.FromSeconds(2.2)));
    }

    [Fact]
    public void RegionsCloserThanTheMergeGapKeepTheAudioBetweenThem()
    {
        var timeline = SpeechTimeline.From([Region(11, 12), Region(13.5, 14)], 16_000 * 30);

        Assert.Equal(TimeSpan.FromSeconds(3), timeline.StitchedDuration);
        Assert.Equal(TimeSpan.FromSeconds(13.75), timeline.ToRecording(TimeSpan.FromSeconds(2.75)));
    }

    [Fact]
    public void AShortSilenceAtEitherEndOfTheRecordingIsKeptSoWhispersWindowsDoNotMove()
    {
        var timeline = SpeechTimeline.From([Region(0.6, 20), Region(21, 28.5)], 16_000 * 30);

        Assert.Equal(TimeSpan.FromSeconds(30), timeline.StitchedDuration);
        Assert.Equal(TimeSpan.FromSeconds(0.3), timeline.ToRecording(TimeSpan.FromSeconds(0.3)));
    }

    [Fact]
    public void NoRegionsMeansNothingToTranscribe() =>
        Assert.True(SpeechTimeline.From([], 16_000).IsEmpty);

    [Fact]
    public async Task TheGateTranscribesOnlySpeechAndRestoresTheTimes()
    {
        var inner = new RecordingTranscriber();
        var gate = new SpeechGatedTranscriber(inner, _ => new FixedRegions([Region(10, 12)]));
        var request = new TranscriptionRequest("model.bin", "en", string.Empty, 1, SpeechModelPath: "vad.bin");

        var transcript = await gate.TranscribeAsync(new SampleArray(new float[16_000 * 30]), request, null, TestContext.Current.CancellationToken);

        Assert.Equal(16_000 * 2, inner.SeenSamples);
        Assert.Equal(TimeSpan.FromSeconds(10.5), Assert.Single(transcript.Segments).Start);
        Assert.Equal(TimeSpan.FromSeconds(10.5), transcript.Segments[0].Words[0].Start);
    }

    [Fact]
    public async Task WhenNothingIsSpokenTheTranscriberIsNotEvenAsked()
    {
        var inner = new RecordingTranscriber();
        var gate = new SpeechGatedTranscriber(inner, _ => new FixedRegions([]));
        var request = new TranscriptionRequest("model.bin", "en", string.Empty, 1, SpeechModelPath: "vad.bin");

        var transcript = await gate.TranscribeAsync(new SampleArray(new float[16_000 * 30]), request, null, TestContext.Current.CancellationToken);

        Assert.True(transcript.IsEmpty);
        Assert.Equal(-1, inner.SeenSamples);
    }

    private sealed class FixedRegions(IReadOnlyList<SpeechRegion> regions) : ISpeechDetector
    {
        public IReadOnlyList<SpeechRegion> Detect(ISampleSource samples, CancellationToken cancellationToken) => regions;
    }

    private sealed class RecordingTranscriber : ITranscriber
    {
        public int SeenSamples { get; private set; } = -1;

        public Task<Transcript> TranscribeAsync(ISampleSource samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
        {
            SeenSamples = samples.Length;
            var half = TimeSpan.FromSeconds(0.5);
            var word = new TranscriptWord(half, half * 2, "hello");
            return Task.FromResult(new Transcript([new TranscriptSegment(half, half * 2, "hello") { Words = [word] }], request.Language));
        }
    }
}
