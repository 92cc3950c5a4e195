using Podcast.Decoding;
using Podcast.Feed;
using Podcast.Mastering;
using Podcast.Models;
using Podcast.Publishing;
using Podcast.Site;
using Podcast.Speakers;
using Podcast.Tagging;
using Podcast.Tests.Support;
using Podcast.Transcription;
using Podcast.Transcription.Formats;
using static Podcast.Tests.Support.Some;

namespace Podcast.Tests.Publishing;

/// <summary>
/// Publish with a Whisper segment holding the host's question and the guest's answer, a vocabulary correction in the
/// answer, and the producer's review of it: the cut, the correction and the cache work together across republishes.
/// </summary>
public sealed class SpeakerCutPublishTests : IDisposable
{
    private const string Host = "Alessandria Masi";
    private const string Guest = "Hassan Hassan";

    private readonly TempShow _show = new();
    private readonly TempDir _scratch = new();

    public void Dispose()
    {
        _show.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task ARepublishFromTheCacheCutsTheSameCueAndARejectedCorrectionInItStaysAsHeard()
    {
        var whisper = new OneSegmentWhisper();
        var stages = Stages(whisper);
        var model = Path.Combine(_scratch.Path, "model.bin");
        await File.WriteAllTextAsync(model, "not read: the transcriber is a stand-in", TestContext.Current.CancellationToken);
        var request = new PublishRequest(Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.mp3"), _show.Root)
        {
            Title = "Why Raqqa matters",
            Guests = [Guest],
            ModelPath = model,
            NoVad = true,
        };

        var first = await new PublishPipeline(stages).PublishAsync(request, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(1, first.Corrections);
        Assert.Equal(2, first.Segments);
        var json = Path.Combine(first.EpisodeDir, "transcript.json");
        Assert.Equal([(Host, "Why does it matter?"), (Guest, "Because Raqqa is the capital.")], Cues(json));
        var published = TranscriptFiles(first.EpisodeDir);

        var second = await new PublishPipeline(stages).PublishAsync(request, null, null, TestContext.Current.CancellationToken);

        Assert.True(second.TranscriptReused);
        Assert.Equal(published, TranscriptFiles(first.EpisodeDir));

        var review = PodcastCli.Run("transcript", "review", first.EpisodeDir, "--reject", "1");
        Assert.True(review.ExitCode == 0, review.Stderr);
        var third = await new PublishPipeline(stages).PublishAsync(request, null, null, TestContext.Current.CancellationToken);

        Assert.True(third.TranscriptReused);
        Assert.Equal(0, third.Corrections);
        Assert.Equal([(Host, "Why does it matter?"), (Guest, "Because Raka is the capital.")], Cues(json));
        var vtt = TranscriptReader.Parse(await File.ReadAllTextAsync(Path.Combine(first.EpisodeDir, "transcript.vtt"), TestContext.Current.CancellationToken), "en");
        Assert.Equal([(Host, "Why does it matter?"), (Guest, "Because Raka is the capital.")], vtt.Segments.Select(s => (s.Speaker, s.Text)));
        Assert.True(Assert.Single(CorrectionsFile.Read(Path.Combine(first.EpisodeDir, CorrectionsFile.FileName))).Rejected);
        Assert.Equal(1, whisper.Calls);
    }

    private PipelineStages Stages(ITranscriber whisper)
    {
        var decoder = new ManagedAudioDecoder(others: new FfmpegAudioDecoder());
        var models = new ModelCache(Path.Combine(_scratch.Path, "cache"), ModelCatalogue.Default, _ => null);
        return new PipelineStages(decoder, whisper, new FixedTurns(), null, new PassThroughMastering(), new Id3Tagger(), new RssFeedWriter(), new StaticSiteWriter(), models);
    }

    private static List<(string?, string)> Cues(string transcriptJson) =>
        [.. TranscriptReader.Parse(File.ReadAllText(transcriptJson), "en").Segments.Select(s => (s.Speaker, s.Text))];

    private static Dictionary<string, string> TranscriptFiles(string episodeDir) =>
        TranscriptFormats.All.ToDictionary(f => f.FileName(), f => File.ReadAllText(Path.Combine(episodeDir, f.FileName())));

    /// <summary>Whisper's one segment for the question and the answer, with "Raqqa" misheard and doubted.</summary>
    private sealed class OneSegmentWhisper : ITranscriber
    {
        public int Calls { get; private set; }

        public Task<Transcript> TranscribeAsync(ISampleSource samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
        {
            Calls++;
            TranscriptWord[] words =
            [
                new(S(1.0), S(1.3), "Why"), new(S(1.3), S(1.5), "does"), new(S(1.5), S(1.7), "it"), new(S(1.7), S(2.3), "matter?"),
                new(S(3.0), S(3.5), "Because"), new(S(3.5), S(4.0), "Raka", 0.2f), new(S(4.0), S(4.2), "is"), new(S(4.2), S(4.4), "the"), new(S(4.4), S(5.0), "capital."),
            ];
            return Task.FromResult(new Transcript([new TranscriptSegment(S(0.9), S(5.1), string.Join(' ', words.Select(w => w.Text))) { Words = words }], request.Language));
        }
    }

    /// <summary>The speaker stage's turns: the host asks until 2.6 s, the guest answers from 2.9 s.</summary>
    private sealed class FixedTurns : ISpeakerFinder
    {
        public IReadOnlyList<KnownModel> Models => [];

        public Task<IReadOnlyList<SpeakerTurn>> FindAsync(AudioInfo audio, ISampleSource? speech, Transcript transcript, SpeakerHints hints, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<SpeakerTurn>>([new SpeakerTurn(S(0.8), S(2.6), Host, "host", 0.9), new SpeakerTurn(S(2.9), S(5.2), Guest, "guest", 0.8)]);
    }
}
