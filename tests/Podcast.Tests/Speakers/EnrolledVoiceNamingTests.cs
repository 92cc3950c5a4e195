using Podcast.Speakers;
using Podcast.Transcription;
using static Podcast.Tests.Support.Some;

namespace Podcast.Tests.Speakers;

/// <summary>How voices recognised as enrolled people are named beside the other evidence.</summary>
public sealed class EnrolledVoiceNamingTests
{
    private static readonly EnrolledVoice Ann = new("Ann Host", "host", [1f]);
    private static readonly EnrolledVoice Bob = new("Bob Host", "host", [1f]);

    /// <summary>Voice 2 (first to talk) is Ann, voice 0 Bob, voice 1 nobody enrolled; the spans come out of order on purpose.</summary>
    private static List<VoiceSpan> Spans() =>
    [
        new(S(10), S(20), 1),
        new(S(0), S(5), 2) { Recognised = Ann },
        new(S(5), S(10), 0) { Recognised = Bob },
        new(S(20), S(25), 2) { Recognised = Ann },
    ];

    private static SpeakerHints Hints(IReadOnlyList<string>? guests = null, Dictionary<string, string>? overrides = null) =>
        new([], guests ?? [], overrides ?? new Dictionary<string, string>()) { Voices = [Ann, Bob] };

    private static string NameAt(IReadOnlyList<SpeakerTurn> turns, double at) => turns.First(t => t.Start <= S(at) && t.End > S(at)).Speaker;

    [Fact]
    public void RecognisedVoicesTakeTheEnrolledNameAndRoleAndEveryoneElseIsAGuest()
    {
        var turns = SpeakerNaming.Name(Spans(), Transcript.Empty("en"), Hints());

        Assert.Equal("Ann Host", NameAt(turns, 1));
        Assert.Equal("Bob Host", NameAt(turns, 6));
        Assert.Equal("Ann Host", NameAt(turns, 21));
        Assert.All(turns.Where(t => t.Speaker.EndsWith("Host", StringComparison.Ordinal)), t => Assert.Equal("host", t.Role));
        var other = turns.Single(t => t.Start == S(10));
        Assert.Equal("Speaker 3", other.Speaker);
        Assert.Equal("guest", other.Role);
    }

    [Fact]
    public void WithTheHostsRecognisedTheOneNamedGuestTakesTheRemainingVoice()
    {
        var turns = SpeakerNaming.Name(Spans(), Transcript.Empty("en"), Hints(["Gina Guest"]));

        Assert.Equal("Gina Guest", NameAt(turns, 12));
        Assert.Equal("guest", turns.Single(t => t.Start == S(10)).Role);
    }

    [Fact]
    public void TheProducersOverridesWinOverTheVoicePrints()
    {
        // S1 is the first voice to talk (Ann by sound); the producer says it is Carla. S2 (Bob by sound) is given
        // Ann's name by the producer, so the print's "Bob" gives way on that voice too and Ann appears only once.
        var turns = SpeakerNaming.Name(Spans(), Transcript.Empty("en"), Hints(overrides: new() { ["S1"] = "Carla Cohost", ["S2"] = "Ann Host" }));

        Assert.Equal("Carla Cohost", NameAt(turns, 1));
        Assert.Equal("Carla Cohost", NameAt(turns, 21));
        Assert.Equal("Ann Host", NameAt(turns, 6));
        Assert.DoesNotContain(turns, t => t.Speaker == "Bob Host");
    }

    [Fact]
    public void ANameTheProducerGaveAnotherVoiceIsNotGivenAgainByVoice()
    {
        // The producer names the third voice Bob: the print that heard Bob in voice 2 yields.
        var turns = SpeakerNaming.Name(Spans(), Transcript.Empty("en"), Hints(overrides: new() { ["S3"] = "Bob Host" }));

        Assert.Equal("Bob Host", NameAt(turns, 12));
        Assert.Equal("Speaker 2", NameAt(turns, 6));
        Assert.Equal("Ann Host", NameAt(turns, 1));
    }

    [Fact]
    public void EnrolledHostsCountAsPeopleButEnrolledGuestsDoNot()
    {
        var hints = new SpeakerHints(["ann host", "Cy Host"], ["Gina Guest"], new Dictionary<string, string>())
        {
            Voices = [Ann, Bob, new EnrolledVoice("Regular Guest", "guest", [1f])],
        };

        var counted = VoicePrints.Counting(hints);

        Assert.Equal(["ann host", "Cy Host", "Bob Host"], counted.Hosts);
        Assert.Equal(hints.Guests, counted.Guests);
    }
}
