using Podcast.Speakers;
using Podcast.Transcription;
using static Podcast.Tests.Support.Some;

namespace Podcast.Tests.Speakers;

public sealed class SpeakerNamingTests
{
    private static readonly SpeakerHints Deeply = new(["Alessandria Masi", "Hashem Osseiran"], ["Hassan Hassan"], new Dictionary<string, string>());

    /// <summary>A call as (voice, seconds, sentence) lines, one after another; gives the voices' spans and the transcript.</summary>
    private static (List<VoiceSpan> Spans, Transcript Transcript) Call(params (int Voice, double Seconds, string Text)[] lines)
    {
        var spans = new List<VoiceSpan>();
        var segments = new List<TranscriptSegment>();
        var t = 0.0;
        foreach (var (voice, seconds, text) in lines)
        {
            spans.Add(new VoiceSpan(S(t), S(t + seconds), voice));
            segments.Add(new TranscriptSegment(S(t), S(t + seconds), text));
            t += seconds + 0.5;
        }

        return (spans, new Transcript(segments, "en"));
    }

    private static string NameOf(IReadOnlyList<SpeakerTurn> turns, double at) =>
        turns.First(t => t.Start <= S(at) && t.End > S(at)).Speaker;

    [Fact]
    public void TheHostWhoIntroducesHerselfTheGuestWhoAnswersAndTheOtherHostByElimination()
    {
        var (spans, transcript) = Call(
            (0, 6, "Welcome. I'm Alessandria Masi, here with my colleague Hashem Osseiran."),
            (0, 4, "Our guest is Hassan Hassan. Hassan, thank you for joining us."),
            (2, 3, "Thank you for having me."),
            (1, 4, "Why does this battle matter?"),
            (2, 20, "Because the town sits on the border and whoever holds it holds the crossing."),
            (1, 3, "And what comes next?"),
            (2, 15, "A long fight, and then a longer negotiation."));
        var turns = SpeakerNaming.Name(spans, transcript, Deeply);

        Assert.Equal("Alessandria Masi", NameOf(turns, 1));
        Assert.Equal("Hassan Hassan", NameOf(turns, 12));
        Assert.Equal("guest", turns.First(t => t.Speaker == "Hassan Hassan").Role);
        Assert.Equal("Hashem Osseiran", NameOf(turns, 16));
        Assert.Equal("host", turns.First(t => t.Speaker == "Hashem Osseiran").Role);
    }

    [Fact]
    public void AVoiceWithoutEvidenceStaysSpeakerN()
    {
        // Four voices for three people: the fourth (a producer? a second guest?) must not get a name.
        var (spans, transcript) = Call(
            (0, 5, "I'm Alessandria Masi. Our guest is Hassan Hassan."),
            (1, 20, "Thanks. The battle is about the river crossings."),
            (2, 3, "Is it?"),
            (3, 4, "Sorry, the line dropped."),
            (1, 20, "It is, and about the oil fields."));
        var turns = SpeakerNaming.Name(spans, transcript, Deeply);

        Assert.Equal("Alessandria Masi", NameOf(turns, 1));
        Assert.Equal("Hassan Hassan", NameOf(turns, 10));
        Assert.Equal("Speaker 4", NameOf(turns, 31));
        Assert.DoesNotContain(turns, t => t.Speaker == "Hashem Osseiran" && t.Start >= S(30) && t.Start < S(33));
    }

    [Fact]
    public void WithoutAnyCuesNobodyIsNamed()
    {
        var (spans, transcript) = Call((0, 5, "Hello."), (1, 5, "Hi."));
        var turns = SpeakerNaming.Name(spans, transcript, new SpeakerHints([], [], new Dictionary<string, string>()));
        Assert.Equal(["Speaker 1", "Speaker 2"], turns.Select(t => t.Speaker));
        Assert.All(turns, t => Assert.Equal("speaker", t.Role));
    }

    [Fact]
    public void TheProducersOverrideWinsOverTheCues()
    {
        var (spans, transcript) = Call(
            (0, 5, "I'm Alessandria Masi. Our guest is Hassan Hassan."),
            (1, 20, "Thank you, glad to be here."));
        var hints = Deeply with { Overrides = SpeakerOverrides.Parse(["S1=Hashem Osseiran"]) };
        var turns = SpeakerNaming.Name(spans, transcript, hints);
        Assert.Equal("Hashem Osseiran", NameOf(turns, 1));
        Assert.Equal("host", turns[0].Role);
        Assert.Equal("Hassan Hassan", NameOf(turns, 10));
    }

    [Fact]
    public void SpeakersAreNumberedInTheOrderTheyFirstTalk()
    {
        var turns = SpeakerNaming.Name([new VoiceSpan(S(5), S(6), 0), new VoiceSpan(S(0), S(1), 7)], Transcript.Empty("en"), new SpeakerHints([], [], new Dictionary<string, string>()));
        Assert.Equal(["Speaker 1", "Speaker 2"], turns.Select(t => t.Speaker));
        Assert.Equal(S(0), turns[0].Start);
    }

    private static double ConfidenceOf(IReadOnlyList<SpeakerTurn> turns, double at) =>
        turns.First(t => t.Start <= S(at) && t.End > S(at)).Confidence;

    [Fact]
    public void ANameFoundByIntroductionOrByAnsweringIsStrongAndOneLeftByEliminationIsWeak()
    {
        var (spans, transcript) = Call(
            (0, 6, "Welcome. I'm Alessandria Masi, here with my colleague Hashem Osseiran."),
            (0, 4, "Our guest is Hassan Hassan. Hassan, thank you for joining us."),
            (2, 3, "Thank you for having me."),
            (1, 4, "Why does this battle matter?"),
            (2, 20, "Because the town sits on the border and whoever holds it holds the crossing."));
        var turns = SpeakerNaming.Name(spans, transcript, Deeply);

        Assert.Equal(("Alessandria Masi", SpeakerCertainty.Introduced), (NameOf(turns, 1), ConfidenceOf(turns, 1)));
        Assert.Equal(("Hassan Hassan", SpeakerCertainty.Answered), (NameOf(turns, 12), ConfidenceOf(turns, 12)));
        Assert.Equal(("Hashem Osseiran", SpeakerCertainty.LastLeft), (NameOf(turns, 16), ConfidenceOf(turns, 16)));
        Assert.True(SpeakerCertainty.IsDoubtful(ConfidenceOf(turns, 16)));
        Assert.False(SpeakerCertainty.IsDoubtful(ConfidenceOf(turns, 12)));
    }

    [Fact]
    public void AGuestNamedOnlyForTalkingMostAndAskingFewestIsAGuessWhileAnUnnamedVoiceHasNoNameToDoubt()
    {
        var (spans, transcript) = Call(
            (0, 4, "What happened in the town this week?"),
            (1, 25, "The fighters reached the river, and the bridges were cut before dawn."),
            (0, 3, "And what comes next?"),
            (1, 20, "A long siege, then a longer negotiation over the oil fields."));
        var turns = SpeakerNaming.Name(spans, transcript, new SpeakerHints([], ["Hassan Hassan"], new Dictionary<string, string>()));

        Assert.Equal(("Hassan Hassan", SpeakerCertainty.Profile), (NameOf(turns, 10), ConfidenceOf(turns, 10)));
        Assert.True(SpeakerCertainty.IsDoubtful(ConfidenceOf(turns, 10)));
        Assert.Equal(("Speaker 1", 1.0), (NameOf(turns, 1), ConfidenceOf(turns, 1)));
    }

    /// <summary>Two hosts sharing one line and the guest on the other, with no cue to who is who (questions, answers).</summary>
    private static (List<VoiceSpan> Spans, Transcript Transcript) HostsOnOneLine()
    {
        var (spans, transcript) = Call(
            (0, 4, "What happened in the town this week?"),
            (1, 25, "The fighters reached the river, and the bridges were cut before dawn."),
            (2, 3, "And what comes next?"),
            (1, 20, "A long siege, then a longer negotiation over the oil fields."),
            (0, 3, "Who holds the crossing now?"),
            (1, 12, "Nobody for long."));
        return ([.. spans.Select(s => s with { Line = s.Voice == 1 ? 1 : 0 })], transcript);
    }

    [Fact]
    public void OnceTheGuestIsPlacedTheHostsLeftAreNamedByRoleInTheShowsOrderAndFlagged()
    {
        var (spans, transcript) = HostsOnOneLine();
        var turns = SpeakerNaming.Name(spans, transcript, Deeply);

        Assert.Equal(("Hassan Hassan", "guest"), (NameOf(turns, 10), turns.First(t => t.Start <= S(10) && t.End > S(10)).Role));
        Assert.Equal("Alessandria Masi", NameOf(turns, 1));
        Assert.Equal("Hashem Osseiran", NameOf(turns, 31));
        Assert.All(turns.Where(t => t.Role == "host"), t => Assert.Equal(SpeakerCertainty.LastLeft, t.Confidence));
        Assert.DoesNotContain(turns, t => t.Speaker.StartsWith("Speaker ", StringComparison.Ordinal));
    }

    [Fact]
    public void WithTheGuestUnnamedTheVoicesSharingOneLineAreTheHostsButOnlyWhenTheLinesAreKnown()
    {
        var (spans, transcript) = HostsOnOneLine();
        var hostsOnly = Deeply with { Guests = [] };

        var stereo = SpeakerNaming.Name(spans, transcript, hostsOnly);
        Assert.Equal(("Alessandria Masi", SpeakerCertainty.LastLeft), (NameOf(stereo, 1), ConfidenceOf(stereo, 1)));
        Assert.Equal(("Hashem Osseiran", SpeakerCertainty.LastLeft), (NameOf(stereo, 31), ConfidenceOf(stereo, 31)));
        Assert.Equal(("Speaker 2", "speaker"), (NameOf(stereo, 10), stereo.First(t => t.Start <= S(10) && t.End > S(10)).Role));

        // One channel: three voices for two named hosts and an unknown guest, and nothing says which two are hosts.
        var mono = SpeakerNaming.Name([.. spans.Select(s => s with { Line = null })], transcript, hostsOnly);
        Assert.All(mono, t => Assert.StartsWith("Speaker ", t.Speaker, StringComparison.Ordinal));
    }

    [Fact]
    public void TheProducersNameIsCertainAndEveryNameIsOnlyAsSureAsItsVoiceSpan()
    {
        var (spans, transcript) = Call(
            (0, 5, "I'm Alessandria Masi. Our guest is Hassan Hassan."),
            (1, 20, "Thank you, glad to be here."));
        spans = [spans[0] with { Confidence = 0.5 }, spans[1] with { Confidence = 0.7 }];
        var hints = Deeply with { Overrides = SpeakerOverrides.Parse(["S2=Hassan Hassan"]) };
        var turns = SpeakerNaming.Name(spans, transcript, hints);

        Assert.Equal(("Hassan Hassan", 0.7), (NameOf(turns, 10), ConfidenceOf(turns, 10)));
        Assert.Equal("Alessandria Masi", NameOf(turns, 1));
        Assert.Equal(SpeakerCertainty.Introduced * 0.5, ConfidenceOf(turns, 1), 9);
        Assert.True(SpeakerCertainty.IsDoubtful(ConfidenceOf(turns, 1)));
    }
}
