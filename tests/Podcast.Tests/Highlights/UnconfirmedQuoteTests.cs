using System.Text.Json;
using Podcast.Highlights;
using Podcast.Speakers;
using Podcast.Tests.Support;

namespace Podcast.Tests.Highlights;

/// <summary>A quote that cannot be credited confidently is flagged, not guessed: in highlights.json, the notes and the soundbites.</summary>
public sealed class UnconfirmedQuoteTests
{
    private static readonly NotesRequest Request = Some.NotesRequest;

    private static Highlight Quote(double start = 20, string speaker = "Bo Guest") =>
        new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(start + 5), speaker, "Most old bridges never fail because of one storm.");

    [Fact]
    public void AHighlightBelowTheThresholdIsFlaggedAndOneAtOrAboveItIsNot()
    {
        Assert.True(Quote().Rated(0.49).NeedsReview);
        Assert.False(Quote().Rated(SpeakerCertainty.Threshold).NeedsReview);
        Assert.False(Quote().Rated(0.8).NeedsReview);
        Assert.Equal(0.49, Quote().Rated(0.49).SpeakerConfidence);

        // Words credited to nobody have no name to doubt.
        Assert.False(Quote(speaker: string.Empty).Rated(0.1).NeedsReview);
        Assert.Equal(string.Empty, Quote().Rated(0.49).CreditedSpeaker);
        Assert.Equal("Bo Guest", Quote().Rated(0.5).CreditedSpeaker);
    }

    [Fact]
    public void HighlightsJsonCarriesEveryQuotesSpeakerConfidenceAndFlagsOnlyTheGuessedOnes()
    {
        var json = HighlightsFile.Write([Quote().Rated(0.32), Quote(40).Rated(0.8), Quote(60)]);

        var entries = JsonDocument.Parse(json).RootElement.GetProperty("highlights").EnumerateArray().ToList();
        Assert.Equal([0.32, 0.8, 1.0], entries.Select(e => e.GetProperty("speakerConfidence").GetDouble()));
        Assert.True(entries[0].GetProperty("needsReview").GetBoolean());
        Assert.False(entries[1].TryGetProperty("needsReview", out _));
        Assert.False(entries[2].TryGetProperty("needsReview", out _));
        Assert.Equal("Bo Guest", entries[0].GetProperty("speaker").GetString());

        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, HighlightsFile.FileName);
        File.WriteAllText(path, json);
        var read = HighlightsFile.Read(path);
        Assert.Equal([true, false, false], read.Select(h => h.NeedsReview));
        Assert.Equal([0.32, 0.8, 1.0], read.Select(h => h.SpeakerConfidence));
    }

    [Fact]
    public void AConfidenceJustUnderTheThresholdIsNeverWrittenAsTheThreshold()
    {
        var entry = JsonDocument.Parse(HighlightsFile.Write([Quote().Rated(0.4999)])).RootElement.GetProperty("highlights")[0];
        Assert.True(entry.GetProperty("speakerConfidence").GetDouble() < SpeakerCertainty.Threshold);
        Assert.True(entry.GetProperty("needsReview").GetBoolean());
    }

    [Fact]
    public void AProducerWhoRemovesTheFlagFromHighlightsJsonHasSettledIt()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, HighlightsFile.FileName);
        File.WriteAllText(path, """{"highlights":[{"start":20,"end":25,"speaker":"Bo Guest","text":"A quote.","speakerConfidence":0.3},{"start":30,"end":35,"speaker":"Bo Guest","text":"Another.","speakerConfidence":0.3,"needsReview":true}]}""");

        Assert.Equal([false, true], HighlightsFile.Read(path).Select(h => h.NeedsReview));

        File.WriteAllText(path, """{"highlights":[{"start":20,"end":25,"speaker":"Bo Guest","text":"A quote.","speakerConfidence":1.5}]}""");
        var error = Assert.Throws<PodcastException>(() => HighlightsFile.Read(path));
        Assert.Contains("speakerConfidence", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNotesNameNoOneForAGuessedQuoteAndTheSpeakerForAConfidentOne()
    {
        var transcript = new Talk()
            .Says("Ann Host", "Welcome to Field Notes.", "Today we are looking at why old bridges fail.")
            .Says("Bo Guest", "Most old bridges never fail because of one storm.", "They fail because nobody paints them.")
            .Build();

        var guessed = ShowNotes.Compose(Request, transcript, [Quote().Rated(0.3)], []);
        var sure = ShowNotes.Compose(Request, transcript, [Quote().Rated(0.9)], []);

        Assert.Contains("one storm.\u201D \u2014 <a href=", guessed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("\u2014 Bo Guest", guessed.Html, StringComparison.Ordinal);
        Assert.Contains("one storm.\u201D \u2014 Bo Guest, <a href=", sure.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void AGuessedQuotesSoundbiteIsTheSameClipCreditedToNoOne()
    {
        var transcript = new Talk()
            .Says("Ann Host", "Why do old bridges fail?")
            .Says("Bo Guest", "Most old bridges never fail because of one storm.", "They fail because nobody paints them, year after year, until the steel gives.")
            .Says("Ann Host", "And the new ones?")
            .Says("Bo Guest", "The new ones are painted by robots.")
            .Build();
        var sentence = SentenceSplitter.Split(transcript)[1];
        var quote = new Highlight(sentence.Start, sentence.End, "Bo Guest", sentence.Text);

        var sure = Assert.Single(SoundbiteClips.For([quote.Rated(0.9)], transcript));
        var guessed = Assert.Single(SoundbiteClips.For([quote.Rated(0.3)], transcript));

        Assert.Equal("Bo Guest", sure.Speaker);
        Assert.Equal(string.Empty, guessed.Speaker);
        Assert.Equal((sure.Start, sure.End, sure.Title), (guessed.Start, guessed.End, guessed.Title));
    }
}
