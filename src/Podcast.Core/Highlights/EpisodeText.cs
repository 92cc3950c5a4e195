using Podcast.Transcription;

namespace Podcast.Highlights;

/// <summary>
/// A transcript read once for every scorer: its sentences, each one's speaker turn, content stems and TF-IDF vector.
/// A turn is a run of consecutive sentences by one speaker.
/// </summary>
internal sealed class EpisodeText
{
    public EpisodeText(Transcript transcript)
    {
        Sentences = SentenceSplitter.Split(transcript);
        Stems = [.. Sentences.Select(s => Terms.ContentStems(s.Text))];
        Model = new TfIdfModel(Stems);
        Vectors = [.. Stems.Select(Model.Vector)];
        var turns = new int[Sentences.Count];
        for (var i = 1; i < Sentences.Count; i++)
            turns[i] = turns[i - 1] + (Sentences[i].Speaker == Sentences[i - 1].Speaker ? 0 : 1);
        Turns = turns;
    }

    public IReadOnlyList<TranscriptSentence> Sentences { get; }

    public IReadOnlyList<IReadOnlyList<string>> Stems { get; }

    public TfIdfModel Model { get; }

    public IReadOnlyList<TermVector> Vectors { get; }

    /// <summary>The turn number of each sentence.</summary>
    public IReadOnlyList<int> Turns { get; }

    public TimeSpan End => Sentences.Count == 0 ? TimeSpan.Zero : Sentences[^1].End;

    public TermVector Vector(int first, int count) => Model.Vector(Enumerable.Range(first, count).SelectMany(i => Stems[i]));

    /// <summary>
    /// The speakers to quote. Named guests are matched to the transcript's speakers ignoring case, or by a name that
    /// contains the other ("Hassan" for "Hassan Hassan"). With no name matching, the guest is taken to be whoever talks
    /// most while asking fewest questions (hosts ask; guests answer at length).
    /// </summary>
    public IReadOnlySet<string> QuotableSpeakers(IReadOnlyList<string> guests)
    {
        var speakers = Sentences.Select(s => s.Speaker).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var named = speakers.Where(s => guests.Any(g => NamesMatch(g, s))).ToHashSet(StringComparer.Ordinal);
        if (named.Count > 0)
            return named;
        var likeliest = Sentences
            .GroupBy(s => s.Speaker, StringComparer.Ordinal)
            .Select(g => (Speaker: g.Key, Weight: g.Sum(s => Terms.Words(s.Text).Count) * (1.0 - ((double)g.Count(s => s.IsQuestion) / g.Count()))))
            .OrderByDescending(x => x.Weight)
            .ThenBy(x => x.Speaker, StringComparer.Ordinal)
            .FirstOrDefault();
        return likeliest.Speaker is null ? new HashSet<string>() : new HashSet<string>(StringComparer.Ordinal) { likeliest.Speaker };
    }

    private static bool NamesMatch(string guest, string speaker)
    {
        var g = guest.Trim();
        if (g.Length == 0)
            return false;
        return string.Equals(g, speaker, StringComparison.OrdinalIgnoreCase)
            || ContainsWord(speaker, g) || ContainsWord(g, speaker);
    }

    private static bool ContainsWord(string haystack, string needle) =>
        needle.Length >= 3 && $" {haystack} ".Contains($" {needle} ", StringComparison.OrdinalIgnoreCase);
}
