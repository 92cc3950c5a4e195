using Podcast.Highlights;

namespace Podcast.Tests.Highlights;

public sealed class TopicSegmenterTests
{
    [Fact]
    public void TwoTopicsSplitAtTheHostsQuestionThatOpensTheSecondAndAreTitledFromTheirWords()
    {
        var talk = new Talk().Says("Host", "Let's start with sourdough bread.", "How do you keep a starter alive?");
        for (var i = 0; i < 6; i++)
            talk.Says("Guest", "A sourdough starter needs flour and water every day.", "The starter culture ferments the flour, and the bread dough rises from that yeast.", "Feed the starter before baking sourdough bread.");
        talk.Says("Host", "Now, something completely different.", "What about tomato gardens?");
        for (var i = 0; i < 6; i++)
            talk.Says("Guest", "Tomato plants need full sun and deep watering.", "Prune the tomato vines, stake the tomato plants, and the garden soil stays healthy.", "Compost feeds the garden soil for tomatoes.");
        var transcript = talk.Build();
        var secondQuestion = transcript.Segments.First(s => s.Text == "Now, something completely different.").Start;

        var chapters = new HighlightPicker().Pick(transcript, new HighlightRequest(["Guest"]), CancellationToken.None).Chapters;

        Assert.Equal(2, chapters.Count);
        Assert.Equal(TimeSpan.Zero, chapters[0].Start);
        Assert.Equal(secondQuestion, chapters[1].Start);
        Assert.Equal(chapters[0].End, chapters[1].Start);
        Assert.Equal(transcript.Segments[^1].End, chapters[1].End);
        Assert.True(new[] { "sourdough", "starter", "bread", "flour" }.Any(w => chapters[0].Title.Contains(w, StringComparison.OrdinalIgnoreCase)), chapters[0].Title);
        Assert.True(new[] { "tomato", "garden", "soil", "compost" }.Any(w => chapters[1].Title.Contains(w, StringComparison.OrdinalIgnoreCase)), chapters[1].Title);
    }

    [Fact]
    public void AShortCallIsOneChapter()
    {
        var transcript = new Talk().Says("Host", "How are bridges built?").Says("Guest", "Bridges are built from steel and concrete by careful engineers.").Build();

        var chapters = new HighlightPicker().Pick(transcript, new HighlightRequest(["Guest"]), CancellationToken.None).Chapters;

        Assert.Single(chapters);
    }
}
