using Podcast.Decoding;
using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

/// <summary>Where a long recording is cut for Whisper.</summary>
public sealed class TranscriptionChunksTests
{
    private const int Rate = 16_000;

    /// <summary>Noise throughout, except for the quiet stretches given (start, end in seconds).</summary>
    private static SampleArray NoiseWithPauses(double seconds, params (double Start, double End)[] pauses)
    {
        var random = new Random(7);
        var samples = new float[(int)(seconds * Rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            var quiet = pauses.Any(p => t >= p.Start && t < p.End);
            samples[i] = (float)((quiet ? 0.001 : 0.2) * (random.NextDouble() - 0.5));
        }

        return new SampleArray(samples);
    }

    [Fact]
    public void ARecordingNoLongerThanOnePieceIsTranscribedWhole()
    {
        var samples = NoiseWithPauses(200);

        Assert.Equal([new SampleRange(0, samples.Length)], TranscriptionChunks.Plan(samples, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ALongRecordingIsCutInThePauseNearestBeforeEachPiecesEnd()
    {
        // Pieces of at most 5 minutes, each cut in the last 30 s before that. The pause at 200 s is too early, the
        // one at 280 s too short to hold the 200 ms looked for; 290.0-290.4 s is taken, and from there 575.0-575.3 s.
        var samples = NoiseWithPauses(720, (200, 201), (280, 280.15), (290, 290.4), (575, 575.3));

        var pieces = TranscriptionChunks.Plan(samples, TestContext.Current.CancellationToken);

        Assert.Equal(3, pieces.Count);
        Assert.Equal(290.2, pieces[1].Offset.TotalSeconds, 0.11);
        Assert.Equal(575.15, pieces[2].Offset.TotalSeconds, 0.06);
        Assert.Equal(0, pieces[0].Start);
        Assert.All(pieces.Skip(1).Zip(pieces), p => Assert.Equal(p.Second.Start + p.Second.Length, p.First.Start));
        Assert.Equal(samples.Length, pieces[^1].Start + pieces[^1].Length);
    }

    [Fact]
    public void APieceMustBeLongerThanTheStretchSearchedForItsCut() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TranscriptionChunks.Plan(NoiseWithPauses(1), TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
}
