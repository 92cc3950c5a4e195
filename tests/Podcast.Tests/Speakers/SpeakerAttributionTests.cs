using AngleSharp.Html.Parser;
using Podcast.Shows;
using Podcast.Site;
using Podcast.Speakers;
using Podcast.Tests.Support;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

namespace Podcast.Tests.Speakers;

/// <summary>Words carry speakers: a Whisper segment spanning a change of voice is cut at the word where it changes.</summary>
public sealed class SpeakerAttributionTests
{
    private const string Host = "Alessandria Masi";
    private const string Guest = "Hassan Hassan";

    /// <summary>The host's question and the guest's answer in one Whisper segment, 0 to 2.9 s; the voice changes at 1.3 s.</summary>
    private static TranscriptSegment QuestionAndAnswer() => Segment(
        ("What", 0.00, 0.30), ("happened", 0.30, 0.70), ("next?", 0.70, 1.10),
        ("The", 1.50, 1.70), ("regime", 1.70, 2.10), ("advanced.", 2.10, 2.80)) with { End = Seconds(2.9) };

    private static readonly SpeakerTurn[] HostThenGuest = [Turn(Host, 0, 1.3), Turn(Guest, 1.35, 3.0)];

    [Fact]
    public void ACueSpanningAChangeOfVoiceIsCutAtTheWordWhereItChanges()
    {
        var segment = QuestionAndAnswer();

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), HostThenGuest);

        Assert.Equal(2, result.Segments.Count);
        var (question, answer) = (result.Segments[0], result.Segments[1]);
        Assert.Equal((Seconds(0), Seconds(1.1), "What happened next?", Host), (question.Start, question.End, question.Text, question.Speaker));
        Assert.Equal((Seconds(1.5), Seconds(2.9), "The regime advanced.", Guest), (answer.Start, answer.End, answer.Text, answer.Speaker));
        Assert.Equal(segment.Words, [.. question.Words, .. answer.Words]);
        Assert.Equal(segment.Words.Take(3), question.Words);
    }

    [Fact]
    public void OneWordInAnotherVoiceInsideARunIsFlickerAndDoesNotCut()
    {
        var segment = Segment(("The", 0.0, 0.2), ("SDF", 0.2, 0.6), ("took", 0.6, 0.9), ("the", 1.2, 1.4), ("eastern", 1.4, 1.8), ("bank.", 1.8, 2.3));
        // A 300 ms host turn over one word of the guest's sentence: crosstalk, or the diarizer flickering.
        SpeakerTurn[] turns = [Turn(Guest, 0, 1.15), Turn(Host, 1.15, 1.45), Turn(Guest, 1.45, 3)];

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), turns);

        Assert.Equal(segment with { Speaker = Guest }, Assert.Single(result.Segments));
    }

    [Fact]
    public void TwoWordsInAnotherVoiceShorterThanHalfASecondDoNotCut()
    {
        var segment = Segment(("It", 0.0, 0.2), ("was,", 0.2, 0.5), ("you", 0.6, 0.75), ("know,", 0.75, 0.95), ("a", 1.0, 1.1), ("rout.", 1.1, 1.6));
        SpeakerTurn[] turns = [Turn(Guest, 0, 0.55), Turn(Host, 0.55, 0.97), Turn(Guest, 0.97, 2)];

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), turns);

        Assert.Equal(segment with { Speaker = Guest }, Assert.Single(result.Segments));
    }

    [Fact]
    public void AWordThatSlidIntoTheNextVoiceByItsTimingErrorStaysWithItsSentence()
    {
        // Whisper stretched "here." past where the host took over; it is one word at the segment's end.
        var segment = Segment(("It", 0.0, 0.2), ("is", 0.2, 0.4), ("good", 0.4, 0.8), ("to", 0.8, 1.0), ("be", 1.0, 1.2), ("here.", 1.2, 1.8));

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), [Turn(Guest, 0, 1.35), Turn(Host, 1.35, 4)]);

        Assert.Equal(Guest, Assert.Single(result.Segments).Speaker);
    }

    [Fact]
    public void ASegmentWithoutWordTimesGoesWholeToTheVoiceOverlappingItMost()
    {
        var segment = new TranscriptSegment(Seconds(0), Seconds(2.9), "What happened next? The regime advanced.");

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), HostThenGuest);

        Assert.Equal(segment with { Speaker = Guest }, Assert.Single(result.Segments));
    }

    [Fact]
    public void ASegmentNoTurnTouchesKeepsItsSpeaker()
    {
        var segment = QuestionAndAnswer() with { Speaker = "Hashem Osseiran" };

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), [Turn(Guest, 10, 20)]);

        Assert.Equal(segment, Assert.Single(result.Segments));
    }

    [Fact]
    public void AWordInThePauseAfterASentenceEndBeginsTheNextVoicesSentence()
    {
        // Whisper's words and the true turns on the fixture call at 21 s: "Let's" lies wholly in the pause between them.
        var segment = Segment(("It's", 21.37, 21.89), ("good", 22.10, 22.22), ("to", 22.22, 22.39), ("be", 22.39, 22.56), ("here.", 22.56, 23.14),
            ("Let's", 23.14, 23.54), ("start", 23.59, 23.92), ("with", 23.96, 24.29), ("the", 24.29, 24.49), ("basics.", 24.54, 25.29));

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), [Turn(Guest, 21.62, 23.051), Turn("Hashem Osseiran", 23.751, 25.798)]);

        Assert.Equal(["It's good to be here.", "Let's start with the basics."], result.Segments.Select(s => s.Text));
        Assert.Equal([Guest, "Hashem Osseiran"], result.Segments.Select(s => s.Speaker));
    }

    [Fact]
    public void AWordInAPauseMidSentenceStaysWithTheWordsBeforeIt()
    {
        var segment = Segment(("It", 0.0, 0.2), ("was,", 0.2, 0.5), ("um,", 0.9, 1.3), ("because", 1.5, 1.9), ("of", 1.9, 2.0), ("Raqqa.", 2.0, 2.5));

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), [Turn(Host, 0, 0.6), Turn(Guest, 1.4, 3)]);

        Assert.Equal(["It was, um,", "because of Raqqa."], result.Segments.Select(s => s.Text));
        Assert.Equal([Host, Guest], result.Segments.Select(s => s.Speaker));
    }

    [Fact]
    public void AWordATurnCoversLessThanHalfOfCountsAsInThePause()
    {
        // "Let's" starts 0.1 s before the guest's turn ends: mostly in the pause, and a sentence ended before it.
        var segment = Segment(("Good", 0.0, 0.3), ("question.", 0.3, 0.9), ("Let's", 0.95, 1.35), ("see.", 1.6, 2.1));

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), [Turn(Guest, 0, 1.05), Turn(Host, 1.5, 3)]);

        Assert.Equal(["Good question.", "Let's see."], result.Segments.Select(s => s.Text));
        Assert.Equal([Guest, Host], result.Segments.Select(s => s.Speaker));
    }

    [Fact]
    public void PiecesNeverOverlapEvenWhereWhisperWordTimesDo()
    {
        var segment = Segment(("What", 0.0, 0.3), ("happened", 0.3, 0.7), ("next?", 0.7, 1.6), ("The", 1.4, 1.7), ("regime", 1.7, 2.1), ("advanced.", 2.1, 2.8));

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), [Turn(Host, 0, 1.45), Turn(Guest, 1.45, 3)]);

        Assert.Equal(2, result.Segments.Count);
        Assert.Equal(Seconds(1.4), result.Segments[0].End);
        Assert.Equal(Seconds(1.4), result.Segments[1].Start);
    }

    [Fact]
    public void AQuestionAnAnswerAndAFollowUpInOneSegmentBecomeThreeCuesInOrder()
    {
        var segment = Segment(("Is", 0.0, 0.2), ("it", 0.2, 0.35), ("over?", 0.35, 0.8), ("Not", 1.0, 1.3), ("yet,", 1.3, 1.7), ("no.", 1.7, 2.0),
            ("Why", 2.3, 2.5), ("not?", 2.5, 2.9));
        SpeakerTurn[] turns = [Turn(Host, 0, 0.9), Turn(Guest, 0.9, 2.15), Turn("Hashem Osseiran", 2.15, 3)];

        var result = SpeakerAttribution.Apply(new Transcript([segment], "en"), turns);

        Assert.Equal(["Is it over?", "Not yet, no.", "Why not?"], result.Segments.Select(s => s.Text));
        Assert.Equal([Host, Guest, "Hashem Osseiran"], result.Segments.Select(s => s.Speaker));
        Assert.True(result.Segments.Zip(result.Segments.Skip(1)).All(p => p.First.End <= p.Second.Start && p.First.Start <= p.First.End));
    }

    [Fact]
    public void AttributingTheCutTranscriptAgainChangesNothing()
    {
        var once = SpeakerAttribution.Apply(new Transcript([QuestionAndAnswer()], "en"), HostThenGuest);

        var twice = SpeakerAttribution.Apply(once, HostThenGuest);

        Assert.Equal(once.Segments.Select(s => (s.Start, s.End, s.Text, s.Speaker)), twice.Segments.Select(s => (s.Start, s.End, s.Text, s.Speaker)));
    }

    /// <summary>The cut cue through the real writers, read back by our reader and, for the page, by an HTML5 parser.</summary>
    [Fact]
    public void TheCutCueIsTwoCuesWithTwoNamesInWebVttSrtJsonAndThePage()
    {
        var transcript = SpeakerAttribution.Apply(new Transcript([QuestionAndAnswer()], "en"), HostThenGuest);
        (TimeSpan, string?, string)[] expected = [(Seconds(0), Host, "What happened next?"), (Seconds(1.5), Guest, "The regime advanced.")];

        var vtt = TranscriptFormat.WebVtt.Write(transcript);
        var srt = TranscriptFormat.Srt.Write(transcript);
        foreach (var written in new[] { vtt, srt, TranscriptFormat.Json.Write(transcript) })
        {
            var back = TranscriptReader.Parse(written, "en");
            Assert.Equal(expected, back.Segments.Select(s => (s.Start, s.Speaker, s.Text)));
        }

        Assert.Contains($"<v {Host}>What happened next?", vtt, StringComparison.Ordinal);
        Assert.Contains($"<v {Guest}>The regime advanced.", vtt, StringComparison.Ordinal);
        Assert.StartsWith("1\n00:00:00,000 --> 00:00:01,100\n", srt, StringComparison.Ordinal);
        Assert.Contains("\n\n2\n00:00:01,500 --> 00:00:02,900\nHassan Hassan: The regime advanced.\n", srt, StringComparison.Ordinal);

        using var show = new TempShow();
        var folder = new ShowFolder(show.Root);
        var episode = new Episode
        {
            Slug = "the-battle-against-isis-in-deir-ezzor",
            Guid = "a7c96261-1ce2-5eae-8438-1e465ddcd42e",
            Title = "Deeply Talks: The Battle Against ISIS in Deir Ezzor",
            Published = new DateTimeOffset(2017, 8, 24, 15, 0, 0, TimeSpan.Zero),
            Audio = new EpisodeFile("the-battle-against-isis-in-deir-ezzor.mp3", "audio/mpeg", 1_708_648),
            DurationSeconds = 3,
            People = [new Person(Host, "host"), new Person(Guest, "guest")],
            Transcripts = [new EpisodeFile("transcript.json", "application/json", 100)],
            SourceSha256 = new string('0', 64),
        };
        var dir = folder.EpisodeDirectory(episode.Slug);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "transcript.json"), TranscriptFormat.Json.Write(transcript));
        new StaticSiteWriter().Write(folder, ShowFile.Load(folder), [episode], TestContext.Current.CancellationToken);
        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, StaticSiteWriter.PageName)));

        var turns = page.QuerySelectorAll(".transcript .turn");
        Assert.Equal([Host, Guest], turns.Select(t => t.QuerySelector(".speaker")!.TextContent));
        Assert.Equal(["What happened next?", "The regime advanced."], turns.Select(t => t.QuerySelector(".seg")!.TextContent));
        Assert.Equal(["0", "1.5"], turns.Select(t => t.QuerySelector(".seg")!.GetAttribute("data-start")));
    }

    private static TranscriptSegment Segment(params (string Text, double Start, double End)[] words) =>
        new(Seconds(words[0].Start), Seconds(words[^1].End), string.Join(' ', words.Select(w => w.Text)))
        {
            Words = [.. words.Select(w => new TranscriptWord(Seconds(w.Start), Seconds(w.End), w.Text))],
        };

    private static SpeakerTurn Turn(string speaker, double start, double end) =>
        new(Seconds(start), Seconds(end), speaker, speaker == Guest ? "guest" : "host");

    private static TimeSpan Seconds(double s) => TimeSpan.FromMilliseconds(Math.Round(s * 1000));
}
