using Podcast.Speakers;
using static Podcast.Tests.Support.Some;

namespace Podcast.Tests.Speakers;

public sealed class VoiceTimelineTests
{
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
    public void AJoinedTurnIsAsSureAsItsPartsWeightedByTheirLength()
    {
        var joined = VoiceTimeline.Join([new VoiceSpan(S(0), S(3), 0) { Confidence = 0.9 }, new VoiceSpan(S(4), S(5), 0) { Confidence = 0.5 }]);
        Assert.Equal(0.8, Assert.Single(joined).Confidence, 6);
    }

    [Fact]
    public void APauseLongerThanABreathEndsTheTurn()
    {
        var apart = VoiceTimeline.Join([new VoiceSpan(S(0), S(2), 0), new VoiceSpan(S(2) + VoiceTimeline.JoinPause + S(0.1), S(6), 0)]);
        Assert.Equal(2, apart.Count);
    }
}
