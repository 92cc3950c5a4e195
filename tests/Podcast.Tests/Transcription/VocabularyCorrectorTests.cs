using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

/// <summary>
/// The correction pass on small transcripts built word by word, one word per half second; a word written
/// <c>?like-this</c> is one Whisper doubted (token probability 0.2), as it does the names it mishears.
/// </summary>
public sealed class VocabularyCorrectorTests
{
    private static Transcript Heard(string text, double start = 0)
    {
        var words = text.Split(' ').Select((w, i) => new TranscriptWord(
            TimeSpan.FromSeconds(start + (i * 0.5)), TimeSpan.FromSeconds(start + (i * 0.5) + 0.4), w.TrimStart('?'), w.StartsWith('?') ? 0.2f : 0.99f)).ToList();
        return new Transcript([new TranscriptSegment(words[0].Start, words[^1].End, string.Join(' ', words.Select(w => w.Text))) { Words = words }], "en");
    }

    private static VocabularyCorrector Corrector(params string[] terms) => new([.. terms.Select(t => new CorrectionTerm(t))]);

    [Fact]
    public void AMisheardNameIsReplacedAndKeepsTheTimesOfTheWordsItReplaces()
    {
        var result = Corrector("Alessandria Masi").Correct(Heard("I'm Alessandra Masi, managing editor"));

        Assert.Equal("I'm Alessandria Masi, managing editor", result.Transcript.Segments[0].Text);
        var correction = Assert.Single(result.Corrections);
        Assert.Equal("Alessandra Masi", correction.Heard);
        Assert.Equal(TimeSpan.FromSeconds(0.5), correction.Time);
        var words = result.Transcript.Segments[0].Words;
        Assert.Equal(["I'm", "Alessandria", "Masi,", "managing", "editor"], words.Select(w => w.Text));
        Assert.Equal(TimeSpan.FromSeconds(1.4), words[2].End);
    }

    [Fact]
    public void ATermHeardAsADifferentNumberOfWordsSharesTheirSpan()
    {
        var result = Corrector("Tahrir Institute").Correct(Heard("at the Tahrir Institute and the Tarih Institute today"));

        Assert.Equal("at the Tahrir Institute and the Tahrir Institute today", result.Transcript.Segments[0].Text);
        Assert.Single(result.Corrections);
    }

    [Fact]
    public void AnOrdinaryWordBesideATermIsNeverSwallowedByIt()
    {
        var result = Corrector("Euphrates", "Raqqa").Correct(Heard("it sits on the Euphrates river near ?Raka"));

        Assert.Equal("it sits on the Euphrates river near Raqqa", result.Transcript.Segments[0].Text);
        Assert.Equal("Raka", Assert.Single(result.Corrections).Heard);
    }

    [Fact]
    public void AWordThatAlreadySpellsAnotherTermIsLeftAlone()
    {
        var result = Corrector("Hassan Hassan", "Hashem Osseiran").Correct(Heard("my colleague Hashem Osseiran and our guest ?Hashem ?Hashem"));

        Assert.Equal("my colleague Hashem Osseiran and our guest Hassan Hassan", result.Transcript.Segments[0].Text);
    }

    [Fact]
    public void WordsThatDoNotSoundLikeATermStayAsHeard()
    {
        const string text = "the regime is trying to push into the east of the country";
        var result = Corrector("Assad", "Mayadin", "Syria Deeply", "Deir Ezzor").Correct(Heard(text));

        Assert.Equal(text, result.Transcript.Segments[0].Text);
        Assert.Empty(result.Corrections);
    }

    [Fact]
    public void AnOrdinaryWordWhisperIsSureOfIsNotTakenForANameThatSoundsAlike()
    {
        Assert.Empty(Corrector("Raqqa").Correct(Heard("near Raka")).Corrections);
        Assert.Single(Corrector("Raqqa").Correct(Heard("near ?Raka")).Corrections);
    }

    [Fact]
    public void ANameNeverSpansAComma()
    {
        var result = Corrector("Hassan Hassan").Correct(Heard("Hassan, Hassan thank you"));

        Assert.Empty(result.Corrections);
    }

    [Fact]
    public void AnAcronymIsCorrectedOnlyThroughItsKnownMishearings()
    {
        var terms = new[] { new CorrectionTerm("SDF", ["SDS"]) };

        Assert.DoesNotContain(new VocabularyCorrector(terms).Correct(Heard("the STF and the SDS")).Corrections, c => c.Heard == "STF");
        Assert.Equal("the STF and the SDF", new VocabularyCorrector(terms).Correct(Heard("the STF and the SDS")).Transcript.Segments[0].Text);
    }

    [Fact]
    public void ATermInTheWrongCaseIsRecased()
    {
        var result = Corrector("Syria Deeply").Correct(Heard("editor of Syria deeply and"));

        Assert.Equal("editor of Syria Deeply and", result.Transcript.Segments[0].Text);
    }

    [Fact]
    public void ARejectedCorrectionKeepsTheHeardText()
    {
        var heard = Heard("our guest ?Hashem ?Hashem joins us");
        var first = Corrector("Hassan Hassan").Correct(heard);
        var correction = Assert.Single(first.Corrections);

        var again = Corrector("Hassan Hassan").Correct(heard, [correction]);

        Assert.Equal("our guest Hashem Hashem joins us", again.Transcript.Segments[0].Text);
        Assert.Empty(again.Corrections);
    }

    [Fact]
    public void ATranscriptWithoutWordTimesIsLeftAsWritten()
    {
        var transcript = new Transcript([new TranscriptSegment(TimeSpan.Zero, TimeSpan.FromSeconds(2), "Alessandra Masi")], "en");

        Assert.Empty(Corrector("Alessandria Masi").Correct(transcript).Corrections);
    }
}
