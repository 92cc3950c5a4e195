using Podcast.Highlights;
using Podcast.Transcription;

namespace Podcast.Tests.Highlights;

public sealed class HighlightPickerTests
{
    private static Transcript Interview() => new Talk()
        .Says("Ann Host", "Welcome to the show.", "Our guest today is Bo Guest, who studies bridges.", "Bo, thanks for joining us.")
        .Says("Bo Guest", "Thank you for having me.", "It's great to be here.")
        .Says("Ann Host", "Why do old bridges fail?")
        .Says("Bo Guest", "And that is a good question.", "Most old bridges never fail because of one big storm.",
            "They fail because nobody paid for the small repairs that every bridge needs each year.", "So maintenance is the whole story.")
        .Says("Ann Host", "What about new materials?", "Do they help?")
        .Says("Bo Guest", "We tested three new concrete mixes last year.", "The best mix lasted twice as long as ordinary concrete in salt water.",
            "It is the first real improvement in decades, and it costs almost nothing extra.")
        .Says("Ann Host", "Who should pay for all this?")
        .Says("Bo Guest", "Cities pay today, but they cannot keep up.", "A bridge that is not inspected is a bridge that is not safe, whatever its age.")
        .Says("Ann Host", "Is there anything else?")
        .Says("Bo Guest", "Um, well, I went to a conference in May.", "Yeah, it was fine.")
        .Says("Ann Host", "Bo Guest, thank you so much.")
        .Says("Bo Guest", "Thank you.")
        .Build();

    [Fact]
    public void EveryHighlightIsTheNamedGuestsAndStandsOnItsOwn()
    {
        var picked = new HighlightPicker().Pick(Interview(), new HighlightRequest(["Bo Guest"], 3), CancellationToken.None);

        Assert.Equal(3, picked.Highlights.Count);
        foreach (var h in picked.Highlights)
        {
            Assert.Equal("Bo Guest", h.Speaker);
            var first = h.Text.Split(' ')[0].TrimEnd(',');
            Assert.DoesNotContain(first, new[] { "And", "But", "So", "That", "It", "They", "Um", "Yeah" });
            Assert.DoesNotContain("?", h.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Thank", h.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void HighlightsDoNotOverlapAndComeFromDifferentAnswers()
    {
        var picked = new HighlightPicker().Pick(Interview(), new HighlightRequest(["Bo Guest"], 3), CancellationToken.None);

        var ordered = picked.Highlights.OrderBy(h => h.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
            Assert.True(ordered[i].Start >= ordered[i - 1].End, $"{ordered[i - 1].Text} overlaps {ordered[i].Text}");
        var transcript = Interview();
        var answerStarts = transcript.Segments.Where((s, i) => s.Speaker == "Bo Guest" && (i == 0 || transcript.Segments[i - 1].Speaker != "Bo Guest")).Select(s => s.Start).ToList();
        var answers = ordered.Select(h => answerStarts.Last(a => a <= h.Start)).ToList();
        Assert.Equal(answers.Count, answers.Distinct().Count());
    }

    [Fact]
    public void AClaimWithAnAbsoluteOutranksSmallTalk()
    {
        var picked = new HighlightPicker().Pick(Interview(), new HighlightRequest(["Bo Guest"], 1), CancellationToken.None);

        var best = Assert.Single(picked.Highlights);
        Assert.DoesNotContain("conference", best.Text, StringComparison.Ordinal);
        Assert.True(Quotability.Score("Most old bridges never fail because of one big storm.") > Quotability.Score("Um, well, I went to a conference in May."));
    }

    [Fact]
    public void WithoutANamedGuestTheSpeakerWhoAnswersMostAndAsksLeastIsQuoted()
    {
        var picked = new HighlightPicker().Pick(Interview(), new HighlightRequest([]), CancellationToken.None);

        Assert.NotEmpty(picked.Highlights);
        Assert.All(picked.Highlights, h => Assert.Equal("Bo Guest", h.Speaker));
    }

    [Fact]
    public void ANamedGuestWhoIsNotInTheTranscriptFallsBackToTheLikelyGuest()
    {
        var picked = new HighlightPicker().Pick(Interview(), new HighlightRequest(["Someone Else"], 2), CancellationToken.None);

        Assert.All(picked.Highlights, h => Assert.Equal("Bo Guest", h.Speaker));
    }

    [Fact]
    public void PickingTwiceGivesTheSameHighlightsAndChapters()
    {
        var first = new HighlightPicker().Pick(Interview(), new HighlightRequest(["Bo Guest"]), CancellationToken.None);
        var second = new HighlightPicker().Pick(Interview(), new HighlightRequest(["Bo Guest"]), CancellationToken.None);

        Assert.Equal(first.Highlights, second.Highlights);
        Assert.Equal(first.Chapters, second.Chapters);
    }

    [Fact]
    public void ACountOutsideOneToFiftyIsRefusedWithTheRule()
    {
        var e = Assert.Throws<PodcastException>(() => new HighlightRequest([], 0));
        Assert.Contains("between 1 and 50", e.Message, StringComparison.Ordinal);
    }
}
