namespace Podcast.Highlights;

/// <summary>A passage an editor quoted, for measuring picks against.</summary>
public sealed record EditorPassage(TimeSpan Start, TimeSpan End, string Speaker);

/// <summary>
/// How picks compare with an editor's passages. A hit is a highlight overlapping a passage in time. Recall is the share of
/// passages hit; precision the share of highlights that hit one; MRR the reciprocal rank of the first highlight that hits.
/// </summary>
public sealed record HighlightEvaluation(int Passages, int PassagesHit, int Highlights, int HighlightsHitting, double ReciprocalRank, bool AllFromGuests)
{
    public double Recall => Passages == 0 ? 0 : (double)PassagesHit / Passages;

    public double Precision => Highlights == 0 ? 0 : (double)HighlightsHitting / Highlights;

    public static HighlightEvaluation Of(IReadOnlyList<Highlight> ranked, IReadOnlyList<EditorPassage> passages, IReadOnlyCollection<string> guests)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(guests);
        static bool Overlaps(Highlight h, EditorPassage p) => h.Start < p.End && p.Start < h.End;
        var passagesHit = passages.Count(p => ranked.Any(h => Overlaps(h, p)));
        var hitting = ranked.Select(h => passages.Any(p => Overlaps(h, p))).ToList();
        var firstHit = hitting.IndexOf(true);
        return new HighlightEvaluation(passages.Count, passagesHit, ranked.Count, hitting.Count(x => x),
            firstHit < 0 ? 0 : 1.0 / (firstHit + 1), ranked.All(h => guests.Contains(h.Speaker)));
    }
}
