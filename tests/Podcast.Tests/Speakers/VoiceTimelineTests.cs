using Podcast.Speakers;
using Podcast.Transcription;
using static Podcast.Tests.Support.Some;

namespace Podcast.Tests.Speakers;

public sealed class VoiceTimelineTests
{
    [Fact]
    public void AShortFlipInsideARunGoesToItsNeighbours()
    {
        int[] labels = [0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 2, 2, 2, 2, 2];
        VoiceTimeline.Smooth(labels, 3);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2], labels);
    }

    [Fact]
    public void OneVoiceAcrossABreathIsOneTurnButNotAcrossSomeoneElse()
    {
        var joined = VoiceTimeline.Join([
            new VoiceSpan(S(0), S(2), 0), new VoiceSpan(S(2.5), S(4), 0),
            new VoiceSpan(S(4.5), S(6), 1), new VoiceSpan(S(6.3), S(8), 0),
        ]);
        Assert.Equal([new VoiceSpan(S(0), S(4), 0), new VoiceSpan(S(4.5), S(6), 1), new VoiceSpan(S(6.3), S(8), 0)], joined);
    }

    [Fact]
    public void WindowsVoteForTheTimeTheyCoverAndSpansStayInsideTheirRegion()
    {
        SpeechRegion[] regions = [new(S(0), S(6)), new(S(8), S(10))];
        VoiceWindow[] windows = [new(S(0), S(3), []), new(S(1.5), S(4.5), []), new(S(3), S(6), []), new(S(8), S(10), [])];
        var spans = VoiceTimeline.Pieces(regions, windows, [0, 0, 1, 1]);
        Assert.Equal(3, spans.Count);
        Assert.Equal((S(0), 0), (spans[0].Start, spans[0].Voice));
        Assert.Equal((S(6), 1), (spans[1].End, spans[1].Voice));
        Assert.InRange(spans[1].Start.TotalSeconds, 3, 4.5);
        Assert.Equal(new VoiceSpan(S(8), S(10), 1), spans[2]);
    }
}
