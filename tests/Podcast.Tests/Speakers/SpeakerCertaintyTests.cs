using Podcast.Speakers;
using Podcast.Tests.Support;
using Podcast.Transcription;
using static Podcast.Tests.Support.Some;

namespace Podcast.Tests.Speakers;

/// <summary>How sure a quote's credit is, from the turns under its words, and the producer's confirmations applied to the turns.</summary>
public sealed class SpeakerCertaintyTests
{
    private static readonly SpeakerHints Hints = new(["Ann Host"], ["Bo Guest"], new Dictionary<string, string>());

    private static Transcript Segments(params (double Start, double End, string Speaker)[] segments) =>
        new([.. segments.Select(s => new TranscriptSegment(S(s.Start), S(s.End), "words", s.Speaker))], "en");

    [Fact]
    public void AQuoteIsAsSureAsTheTurnUnderItsWords()
    {
        var transcript = Segments((0, 5, "Ann Host"), (5, 20, "Bo Guest"));
        var turns = new[] { new SpeakerTurn(S(0), S(5), "Ann Host", "host", 0.9), new SpeakerTurn(S(5), S(20), "Bo Guest", "guest", 0.32) };

        Assert.Equal(0.32, SpeakerCertainty.OfWords(S(6), S(12), "Bo Guest", transcript, turns), 9);
        Assert.Equal(0.9, SpeakerCertainty.OfWords(S(1), S(4), "Ann Host", transcript, turns), 9);
    }

    [Fact]
    public void ASureSentenceDoesNotVouchForADoubtfulOneInTheSameQuote()
    {
        var transcript = Segments((0, 10, "Bo Guest"), (10, 12, "Bo Guest"));
        var turns = new[] { new SpeakerTurn(S(0), S(10), "Bo Guest", "guest", 1), new SpeakerTurn(S(10), S(12), "Bo Guest", "guest", 0.2) };

        Assert.Equal(0.2, SpeakerCertainty.OfWords(S(0), S(12), "Bo Guest", transcript, turns), 9);
    }

    [Fact]
    public void WordsPartlyUnderSomeoneElsesTurnCountThatPartAgainstTheCredit()
    {
        var transcript = Segments((0, 10, "Bo Guest"));
        var turns = new[] { new SpeakerTurn(S(0), S(6), "Bo Guest", "guest", 1), new SpeakerTurn(S(6), S(10), "Ann Host", "host", 1) };

        Assert.Equal(0.6, SpeakerCertainty.OfWords(S(0), S(10), "Bo Guest", transcript, turns), 9);

        // Only the quoted part of a segment counts: the quote ends where the guest's turn does.
        Assert.Equal(1, SpeakerCertainty.OfWords(S(0), S(6), "Bo Guest", transcript, turns), 9);
    }

    [Fact]
    public void WithoutTurnsOrWithoutANameThereIsNothingToDoubt()
    {
        var transcript = Segments((0, 10, "Bo Guest"));
        Assert.Equal(1, SpeakerCertainty.OfWords(S(0), S(10), "Bo Guest", transcript, []));
        Assert.Equal(1, SpeakerCertainty.OfWords(S(0), S(10), string.Empty, transcript, [new SpeakerTurn(S(0), S(10), "Bo Guest", "guest", 0.1)]));
    }

    [Fact]
    public void TheThresholdIsOneHalfAndNotANumberIsNoConfidence()
    {
        Assert.Equal(0.5, SpeakerCertainty.Threshold);
        Assert.True(SpeakerCertainty.IsDoubtful(0.499));
        Assert.False(SpeakerCertainty.IsDoubtful(0.5));
        Assert.True(SpeakerCertainty.IsDoubtful(double.NaN));
        Assert.Equal(0, SpeakerCertainty.Combine(SpeakerCertainty.Introduced, double.NaN));
        Assert.Equal(SpeakerCertainty.Answered, SpeakerCertainty.Combine(SpeakerCertainty.Answered, 3));
    }

    [Fact]
    public void AConfirmedStretchBecomesTheConfirmedSpeakersWithFullConfidence()
    {
        var turns = new[] { new SpeakerTurn(S(0), S(5), "Ann Host", "host", 0.9), new SpeakerTurn(S(5), S(20), "Bo Guest", "guest", 0.32) };
        var confirmed = new[] { new SpeakerConfirmation(8, 12, "Cy Other", "the quote") };

        var applied = ConfirmedSpeakers.Apply(turns, confirmed, Hints);

        Assert.Equal(
            [(0.0, 5.0, "Ann Host", 0.9), (5.0, 8.0, "Bo Guest", 0.32), (8.0, 12.0, "Cy Other", 1.0), (12.0, 20.0, "Bo Guest", 0.32)],
            applied.Select(t => (t.Start.TotalSeconds, t.End.TotalSeconds, t.Speaker, t.Confidence)));
        Assert.Equal("guest", applied[2].Role);
        Assert.Equal("host", ConfirmedSpeakers.Apply(turns, [new SpeakerConfirmation(8, 12, "ann host", string.Empty)], Hints)[2].Role);

        var transcript = Segments((5, 20, "Bo Guest"));
        Assert.Equal(1, SpeakerCertainty.OfWords(S(8), S(12), "Cy Other", SpeakerAttribution.Apply(Segments((8, 12, "Bo Guest")), applied), applied));
        Assert.Equal(0.32, SpeakerCertainty.OfWords(S(13), S(19), "Bo Guest", transcript, applied), 9);
    }

    [Fact]
    public void ConfirmationsSurviveAWriteAndReadAndReplaceTheSameStretch()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, ConfirmedSpeakers.FileName);
        Assert.Empty(ConfirmedSpeakers.Read(path));

        var confirmed = ConfirmedSpeakers.With([], new SpeakerConfirmation(30, 40, "Bo Guest", "later"));
        confirmed = ConfirmedSpeakers.With(confirmed, new SpeakerConfirmation(10, 20, "Bo Guest", "earlier"));
        confirmed = ConfirmedSpeakers.With(confirmed, new SpeakerConfirmation(30, 40, "Ann Host", "later"));
        ConfirmedSpeakers.Write(path, confirmed);

        Assert.Equal([(10.0, "Bo Guest"), (30.0, "Ann Host")], ConfirmedSpeakers.Read(path).Select(c => (c.Start, c.Speaker)));
        File.WriteAllText(path, """{"confirmed":[{"start":5,"end":4,"speaker":"Bo Guest"}]}""");
        var error = Assert.Throws<PodcastException>(() => ConfirmedSpeakers.Read(path));
        Assert.Contains("start < end", error.Message, StringComparison.Ordinal);
    }
}
