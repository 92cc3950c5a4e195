using Podcast.Highlights;
using Podcast.Transcription;
using static Podcast.Tests.Support.Some;

namespace Podcast.Tests.Highlights;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void ASentenceRunningAcrossSegmentsOfOneSpeakerIsOneSentence()
    {
        var transcript = new Transcript(
        [
            new TranscriptSegment(S(0), S(2), "The U.S. also plans to go", "Guest"),
            new TranscriptSegment(S(2), S(4), "there. Someone has to do the job.", "Guest"),
        ], "en");

        var sentences = SentenceSplitter.Split(transcript);

        Assert.Equal(["The U.S. also plans to go there.", "Someone has to do the job."], sentences.Select(s => s.Text));
        Assert.Equal(S(0), sentences[0].Start);
        Assert.Equal(S(4), sentences[1].End);
        Assert.True(sentences[0].End > S(2) && sentences[0].End < sentences[1].Start + S(0.5), $"proportional cut at {sentences[0].End}");
    }

    [Fact]
    public void WordTimesPlaceTheCutWhenTheSegmentHasWords()
    {
        var words = new[] { ("Yes.", 0.0, 0.4), ("It", 3.0, 3.2), ("works", 3.2, 3.5), (".", 3.5, 3.6) }
            .Select(w => new TranscriptWord(S(w.Item2), S(w.Item3), w.Item1)).ToList();
        var transcript = new Transcript([new TranscriptSegment(S(0), S(3.6), "Yes. It works.", "Guest") { Words = words }], "en");

        var sentences = SentenceSplitter.Split(transcript);

        Assert.Equal(2, sentences.Count);
        Assert.Equal(S(0.4), sentences[0].End);
        Assert.Equal(S(3.0), sentences[1].Start);
        Assert.Equal("It works.", sentences[1].Text);
    }

    [Fact]
    public void AChangeOfSpeakerEndsASentenceEvenWithoutPunctuation()
    {
        var transcript = new Talk().Says("Host", "So tell me").Says("Guest", "It is fluid.").Build();

        var sentences = SentenceSplitter.Split(transcript);

        Assert.Equal(["Host", "Guest"], sentences.Select(s => s.Speaker));
        Assert.True(sentences[1].Text == "It is fluid." && !sentences[1].IsQuestion);
    }
}
