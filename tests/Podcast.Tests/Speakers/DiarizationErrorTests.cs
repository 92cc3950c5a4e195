using Podcast.Speakers;

namespace Podcast.Tests.Speakers;

public sealed class DiarizationErrorTests
{
    private static SpeakerTurn T(double start, double end, string speaker, string role = "host") =>
        new(TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), speaker, role);

    [Fact]
    public void WrongNamesMissedTimeAndWrongRolesAreSharesOfTheTrueSpeech()
    {
        SpeakerTurn[] truth = [T(0, 10, "Ann"), T(10, 20, "Bob", "guest")];
        SpeakerTurn[] found = [T(0, 8, "Ann"), T(10, 15, "Bob", "guest"), T(15, 20, "Speaker 3", "host"), T(25, 30, "Ann")];
        var e = DiarizationError.Measure(truth, found);

        Assert.Equal(20, e.SpeechSeconds, 3);
        Assert.Equal(0.35, e.WrongPerson, 3); // 2 s missed + 5 s given to Speaker 3
        Assert.Equal(0.35, e.WrongRole, 3);
        Assert.Equal(0.10, e.Missed, 3);
        Assert.Equal(0.25, e.FalseAlarm, 3);
        Assert.Equal(0.35, e.WrongVoice, 3); // Speaker 3 maps to nobody: Bob is taken by "Bob"
    }

    [Fact]
    public void UnnamedVoicesAreScoredByTheirBestMatch()
    {
        var e = DiarizationError.Measure([T(0, 10, "Ann"), T(10, 20, "Bob")], [T(0, 10, "Speaker 2"), T(10, 20, "Speaker 1")]);
        Assert.Equal(1, e.WrongPerson, 3);
        Assert.Equal(0, e.WrongVoice, 3);
    }
}
