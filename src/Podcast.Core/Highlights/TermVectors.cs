namespace Podcast.Highlights;

/// <summary>A sparse TF-IDF vector over stems, L2-normalised so a dot product is the cosine.</summary>
internal sealed class TermVector
{
    public static readonly TermVector Empty = new(new Dictionary<string, double>());

    private readonly Dictionary<string, double> _weights;

    public TermVector(Dictionary<string, double> weights)
    {
        var norm = Math.Sqrt(weights.Values.Sum(w => w * w));
        _weights = norm > 0 ? weights.ToDictionary(kv => kv.Key, kv => kv.Value / norm, StringComparer.Ordinal) : [];
    }

    public IReadOnlyDictionary<string, double> Weights => _weights;

    public double Cosine(TermVector other)
    {
        var (small, large) = _weights.Count <= other._weights.Count ? (_weights, other._weights) : (other._weights, _weights);
        var sum = 0.0;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var w))
                sum += weight * w;
        }

        return sum;
    }
}

/// <summary>
/// TF-IDF over the episode: each sentence is a document, so a term's weight falls with the number of sentences that
/// use it (the show's name and the main subject weigh less than what only one answer talks about).
/// </summary>
internal sealed class TfIdfModel
{
    private readonly Dictionary<string, double> _idf;

    public TfIdfModel(IReadOnlyList<IReadOnlyList<string>> documents)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var doc in documents)
        {
            foreach (var term in doc.Distinct())
                frequency[term] = frequency.GetValueOrDefault(term) + 1;
        }

        var n = Math.Max(1, documents.Count);
        _idf = frequency.ToDictionary(kv => kv.Key, kv => Math.Log(1.0 + ((double)n / kv.Value)), StringComparer.Ordinal);
    }

    public double Idf(string term) => _idf.GetValueOrDefault(term, Math.Log(2.0));

    public TermVector Vector(IEnumerable<string> stems)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stem in stems)
            counts[stem] = counts.GetValueOrDefault(stem) + 1;
        return new TermVector(counts.ToDictionary(kv => kv.Key, kv => (1 + Math.Log(kv.Value)) * Idf(kv.Key), StringComparer.Ordinal));
    }
}

/// <summary>
/// Continuous LexRank (Erkan and Radev, 2004): PageRank over the sentences' cosine-similarity graph. A sentence is
/// central when it shares vocabulary with many others; scores are scaled so the most central sentence has 1.
/// </summary>
internal static class LexRank
{
    public static double[] Scores(IReadOnlyList<TermVector> vectors, double damping = 0.85, int iterations = 50)
    {
        var n = vectors.Count;
        if (n == 0)
            return [];
        var similarity = new double[n, n];
        var rowSums = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                similarity[i, j] = i == j ? 0 : vectors[i].Cosine(vectors[j]);
                rowSums[i] += similarity[i, j];
            }
        }

        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var next = new double[n];
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                {
                    if (rowSums[i] > 0)
                        sum += similarity[i, j] / rowSums[i] * rank[i];
                    else
                        sum += rank[i] / n; // a sentence sharing no term links to all alike
                }

                next[j] = ((1 - damping) / n) + (damping * sum);
            }

            rank = next;
        }

        var max = rank.Max();
        return max > 0 ? [.. rank.Select(r => r / max)] : rank;
    }
}
