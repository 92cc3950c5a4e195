using Podcast.Highlights;

namespace Podcast.Tests.Highlights;

public sealed class SoundbiteClipsTests
{
    [Fact]
    public void EveryClipIsFifteenToSixtySecondsOfWholeSentencesAroundItsHighlightAndStartsAfterZero()
    {
        var transcript = new Talk()
            .Says("Guest", "Short opening line.", "Deir Ezzor is the largest city in eastern Syria.")
            .Says("Host", "Who is in a position to take the province?")
            .Says("Guest", "The situation is still fluid.", "The regime is trying to push in from the west.", "Someone has to do the job for Syria in that region.")
            .Says("Host", "Go on.")
            .Says("Guest", string.Join(' ', Enumerable.Repeat("This is a very long sentence that keeps going and going without an end in sight.", 6)))
            .Build();
        var sentences = SentenceSplitter.Split(transcript);
        var highlights = new[]
        {
            new Highlight(sentences[0].Start, sentences[0].End, "Guest", sentences[0].Text),
            new Highlight(sentences[3].Start, sentences[3].End, "Guest", sentences[3].Text),
            new Highlight(sentences[7].Start, sentences[7].End, "Guest", sentences[7].Text),
        };

        var clips = SoundbiteClips.For(highlights, transcript);

        Assert.Equal(3, clips.Count);
        foreach (var (clip, highlight) in clips.Zip(highlights))
        {
            Assert.True(clip.Start > TimeSpan.Zero, $"starts at {clip.Start}");
            Assert.InRange(clip.Duration.TotalSeconds, 15 - 1e-9, 60 + 1e-9);
            Assert.True(clip.Start <= highlight.Start || clip.Duration == SoundbiteClips.Longest, $"{clip} does not contain {highlight}");
            Assert.True(clip.Title.Length <= 128);
        }

        // The quote that follows the host's question is heard with its question, not with what came before it.
        Assert.Equal(sentences[2].Start, clips[1].Start);
    }
}
