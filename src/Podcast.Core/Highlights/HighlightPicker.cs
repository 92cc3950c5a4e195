using Podcast.Transcription;

namespace Podcast.Highlights;

/// <summary>
/// Picks quotes the way an editor does, offline and from the transcript alone, and cuts the episode into chapters.
/// Candidates are runs of one to three sentences inside one turn of a quotable speaker that stand on their own
/// (<see cref="Standalone"/>). Each sentence scores by quotability (<see cref="Quotability"/>, the stronger signal)
/// and LexRank centrality (what the episode is about); a run scores by its best and its mean sentence. Quotes are then
/// chosen greedily by maximal marginal relevance, at most one per answer while answers last, so they spread across
/// the episode and do not repeat each other. Everything is deterministic: ties break by time.
/// </summary>
internal sealed class HighlightPicker(double quotabilityWeight = HighlightPicker.DefaultQuotabilityWeight) : IHighlightPicker
{
    /// <summary>The share of a sentence's score from quotability; the rest is centrality. 0 is LexRank alone (the benchmark's baseline).</summary>
    public const double DefaultQuotabilityWeight = 0.65;
    private const int MaxSentences = 3;
    private const double MmrLambda = 0.7;
    private static readonly TimeSpan MaxQuote = TimeSpan.FromSeconds(50);

    public EpisodeHighlights Pick(Transcript transcript, HighlightRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(request);
        var text = new EpisodeText(transcript);
        if (text.Sentences.Count == 0)
            return EpisodeHighlights.None;
        cancellationToken.ThrowIfCancellationRequested();
        var quotable = text.QuotableSpeakers(request.Guests);
        var highlights = PickQuotes(text, quotable, request.Count, quotabilityWeight, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var chapters = TopicSegmenter.Chapters(text, quotable);
        return new EpisodeHighlights(highlights, chapters);
    }

    internal static IReadOnlyList<Highlight> PickQuotes(EpisodeText text, IReadOnlySet<string> quotable, int count, double quotabilityWeight, CancellationToken cancellationToken)
    {
        var sentences = text.Sentences;
        var centrality = LexRank.Scores(text.Vectors);
        var raw = sentences.Select(s => Quotability.Score(s.Text)).ToArray();
        var own = Enumerable.Range(0, sentences.Count).Where(i => quotable.Contains(sentences[i].Speaker)).ToList();
        if (own.Count == 0)
            return [];
        var min = own.Min(i => raw[i]);
        var max = own.Max(i => raw[i]);
        var ownCentralityMax = own.Max(i => centrality[i]);
        double SentenceScore(int i) =>
            (quotabilityWeight * (max > min ? (raw[i] - min) / (max - min) : 0.5))
            + ((1 - quotabilityWeight) * (ownCentralityMax > 0 ? centrality[i] / ownCentralityMax : 0));

        var candidates = new List<Candidate>();
        foreach (var first in own)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Standalone.StartsDangling(sentences[first].Text))
                continue;
            for (var n = 1; n <= MaxSentences && first + n - 1 < sentences.Count; n++)
            {
                var last = first + n - 1;
                if (text.Turns[last] != text.Turns[first])
                    break;
                var s = sentences[last];
                if (s.IsQuestion || Standalone.IsCourtesy(s.Text))
                    break;
                if (s.End - sentences[first].Start > MaxQuote)
                    break;
                var range = Enumerable.Range(first, n).ToList();
                var content = range.Sum(i => text.Stems[i].Count);
                if (content < 5)
                    continue;
                var scores = range.Select(SentenceScore).ToList();
                var words = range.Sum(i => Terms.Words(sentences[i].Text).Count);
                var score = (0.5 * scores.Max()) + (0.5 * scores.Average()) + LengthPrior(words);
                candidates.Add(new Candidate(first, n, text.Turns[first], score, text.Vector(first, n)));
            }
        }

        return [.. Select(candidates, count).Select(c => ToHighlight(text, c))];
    }

    /// <summary>
    /// Pull quotes run from about 20 to 75 words: shorter ones rarely carry a whole thought, longer ones stop being a quote.
    /// </summary>
    private static double LengthPrior(int words) => words switch
    {
        < 12 => -0.08,
        < 20 => 0,
        <= 75 => 0.08,
        _ => -0.05,
    };

    /// <summary>Greedy MMR: each pick maximises relevance minus its likeness to quotes already chosen; one per turn while turns last.</summary>
    private static List<Candidate> Select(List<Candidate> candidates, int count)
    {
        var chosen = new List<Candidate>();
        var usedTurns = new HashSet<int>();
        while (chosen.Count < count)
        {
            Candidate? best = null;
            var bestValue = double.NegativeInfinity;
            var turnsLeft = candidates.Any(c => !usedTurns.Contains(c.Turn) && !chosen.Any(c.Overlaps));
            foreach (var candidate in candidates)
            {
                if (chosen.Any(candidate.Overlaps) || (turnsLeft && usedTurns.Contains(candidate.Turn)))
                    continue;
                var redundancy = chosen.Count == 0 ? 0 : chosen.Max(c => c.Vector.Cosine(candidate.Vector));
                var value = (MmrLambda * candidate.Score) - ((1 - MmrLambda) * redundancy);
                if (value > bestValue + 1e-12)
                {
                    best = candidate;
                    bestValue = value;
                }
            }

            if (best is null)
                break;
            chosen.Add(best);
            usedTurns.Add(best.Turn);
        }

        return chosen;
    }

    private static Highlight ToHighlight(EpisodeText text, Candidate c)
    {
        var first = text.Sentences[c.First];
        var last = text.Sentences[c.First + c.Count - 1];
        var words = string.Join(' ', Enumerable.Range(c.First, c.Count).Select(i => text.Sentences[i].Text));
        return new Highlight(first.Start, last.End, first.Speaker, words);
    }

    private sealed record Candidate(int First, int Count, int Turn, double Score, TermVector Vector)
    {
        public bool Overlaps(Candidate other) => First < other.First + other.Count && other.First < First + Count;
    }
}
