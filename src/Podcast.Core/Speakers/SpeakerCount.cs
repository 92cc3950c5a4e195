using MathNet.Numerics.LinearAlgebra;

namespace Podcast.Speakers;

/// <summary>
/// How many people a recording's voice vectors hold. Named people are taken as the count (the diarizer then folds
/// away a cluster too small to be a person, so a named host who never speaks gets no turns). Nobody named: the
/// eigengap of the vectors' cosine affinity, each row pruned to its closest 20 %, as the models' reference pipeline
/// does; measured right on the LibriSpeech call mono and phone (3 people). It needs vectors to work with: below
/// <see cref="FewVectors"/> (under about a minute of speech alone), where it was wrong on the 30 s meeting sample
/// and a 33 s single reader, the best-separated Ward cut is taken only when it separates clearly
/// (<see cref="ClearSilhouette"/>), else one person.
/// </summary>
internal static class SpeakerCount
{
    /// <summary>The most people looked for when nobody is named; more than a panel is beyond what a call recording shows.</summary>
    private const int MaxUnnamed = 6;

    private const int FewVectors = 50;

    /// <summary>The affinity's eigenvalues are taken on at most this many vectors, evenly spread: an hour has about 5,000.</summary>
    private const int MostVectors = 800;

    private const double Keep = 0.2;

    /// <summary>Mean silhouette (cosine) of a cut that counts as separated: the AMI sample's two people scored 0.73, one reader split in two 0.67.</summary>
    private const double ClearSilhouette = 0.7;

    public static int Estimate(Dendrogram tree, IReadOnlyList<float[]> vectors, int? people)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(vectors);
        if (people is { } named)
            return Math.Clamp(named, 1, Math.Max(1, vectors.Count));
        if (vectors.Count < 2)
            return 1;
        if (vectors.Count >= FewVectors)
            return Eigengap(vectors, MaxUnnamed);
        var best = (Count: 1, Silhouette: ClearSilhouette);
        for (var k = 2; k <= Math.Min(MaxUnnamed, vectors.Count - 1); k++)
        {
            var silhouette = Silhouette(tree.Cut(k), vectors);
            if (silhouette > best.Silhouette)
                best = (k, silhouette);
        }

        return best.Count;
    }

    /// <summary>The k (1..<paramref name="max"/>) after which the Laplacian's ascending eigenvalues jump most.</summary>
    internal static int Eigengap(IReadOnlyList<float[]> vectors, int max)
    {
        var n = vectors.Count;
        var m = Math.Min(n, MostVectors);
        var picked = Enumerable.Range(0, m).Select(i => vectors[(int)((long)i * n / m)]).ToArray();
        var kept = Math.Max(1, (int)Math.Ceiling(Keep * m));
        var affinity = new double[m, m];
        var row = new double[m];
        var sorted = new double[m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
                row[j] = i == j ? 0 : Math.Max(0, Vectors.Dot(picked[i], picked[j]));
            row.CopyTo(sorted, 0);
            Array.Sort(sorted);
            var cut = sorted[m - kept];
            for (var j = 0; j < m; j++)
                affinity[i, j] = row[j] >= cut ? row[j] : 0;
        }

        var laplacian = Matrix<double>.Build.Dense(m, m);
        for (var i = 0; i < m; i++)
        {
            double degree = 0;
            for (var j = 0; j < m; j++)
            {
                if (i == j)
                    continue;
                var w = (affinity[i, j] + affinity[j, i]) / 2;
                laplacian[i, j] = -w;
                degree += w;
            }

            laplacian[i, i] = degree;
        }

        var eigenvalues = laplacian.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).Order().ToArray();
        var best = (Count: 1, Gap: double.MinValue);
        for (var k = 1; k <= Math.Min(max, m - 1); k++)
        {
            var gap = eigenvalues[k] - eigenvalues[k - 1];
            if (gap > best.Gap)
                best = (k, gap);
        }

        return best.Count;
    }

    /// <summary>Mean silhouette of <paramref name="labels"/> by cosine distance (the vectors are normalised).</summary>
    internal static double Silhouette(int[] labels, IReadOnlyList<float[]> vectors)
    {
        var k = labels.Max() + 1;
        var sum = new double[k];
        var count = new int[k];
        double total = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            Array.Clear(sum);
            Array.Clear(count);
            for (var j = 0; j < labels.Length; j++)
            {
                if (i == j)
                    continue;
                sum[labels[j]] += 1 - Vectors.Dot(vectors[i], vectors[j]);
                count[labels[j]]++;
            }

            if (count[labels[i]] == 0)
                continue;
            var own = sum[labels[i]] / count[labels[i]];
            var other = double.MaxValue;
            for (var c = 0; c < k; c++)
            {
                if (c != labels[i] && count[c] > 0)
                    other = Math.Min(other, sum[c] / count[c]);
            }

            total += (other - own) / Math.Max(own, other);
        }

        return total / labels.Length;
    }
}
