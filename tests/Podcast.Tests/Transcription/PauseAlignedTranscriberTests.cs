using Podcast.Decoding;
using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

/// <summary>Segment boundaries moved from Whisper's rounded timestamps onto the pauses in the samples.</summary>
public sealed class PauseAlignedTranscriberTests
{
    private const int Rate = 16_000;

    /// <summary>Tone where people speak, silence elsewhere, with a little noise so the quiet is not digital zero.</summary>
    private static SampleArray Speech(double seconds, params (double Start, double End)[] spoken)
    {
        var samples = new float[(int)(seconds * Rate)];
        var noise = new Random(7);
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            var loud = spoken.Any(s => s.Start <= t && t < s.End);
            samples[i] = (float)((loud ? 0.3 * Math.Sin(2 * Math.PI * 220 * t) : 0) + (0.0003 * (noise.NextDouble() - 0.5)));
        }

        return new SampleArray(samples);
    }

    private static TranscriptWord Word(double start, double end, string text) => new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), text);

    private static TranscriptSegment Segment(double start, double end, params TranscriptWord[] words) =>
        new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), string.Join(' ', words.Select(w => w.Text))) { Words = words };

    [Fact]
    public void ASentenceWhisperStartsInThePauseBeforeItStartsWhereItIsSpoken()
    {
        var samples = Speech(10, (0.2, 4.2), (4.9, 9));
        var heard = new Transcript([Segment(0, 4, Word(0, 1, "Is"), Word(1, 4, "it?")), Segment(4, 9, Word(4, 4.3, "When"), Word(4.4, 4.6, "it"), Word(6.5, 7, "comes"))], "en");

        var aligned = PauseAlignedTranscriber.Align(heard, samples).Segments;

        Assert.Equal(4.9, aligned[1].Start.TotalSeconds, 0.02);
        Assert.Equal(4.9, aligned[1].Words[0].Start.TotalSeconds, 0.02);
        Assert.True(aligned[1].Words.Zip(aligned[1].Words.Skip(1)).All(p => p.First.End <= p.Second.Start));
        Assert.Equal(9, aligned[1].End.TotalSeconds, 0.001);
    }

    [Fact]
    public void ASentenceWhisperStartsInsideThePreviousOneMovesToThePauseAndThePreviousOneEndsThere()
    {
        var samples = Speech(10, (0, 3.45), (3.7, 9));
        var heard = new Transcript([Segment(0, 3.8, Word(0, 1, "So"), Word(1, 3.8, "there.")), Segment(3, 9, Word(3, 3.3, "The"), Word(3.3, 4, "regime"))], "en");

        var aligned = PauseAlignedTranscriber.Align(heard, samples).Segments;

        Assert.Equal(3.7, aligned[1].Words[0].Start.TotalSeconds, 0.02);
        Assert.Equal(3.45, aligned[0].End.TotalSeconds, 0.02);
        Assert.True(aligned[0].Words[^1].End <= aligned[1].Words[0].Start);
    }

    [Fact]
    public void ABoundaryWithNoPauseNearItStaysWhereWhisperPutIt()
    {
        var samples = Speech(10, (0, 10));
        var heard = new Transcript([Segment(0, 4, Word(0, 4, "one")), Segment(4, 9, Word(4, 9, "two"))], "en");

        Assert.Equal(heard.Segments, PauseAlignedTranscriber.Align(heard, samples).Segments);
    }
}
