namespace Podcast.Speakers;

/// <summary>
/// Groups feature vectors into voices: agglomerative clustering with average linkage on standardised features, then
/// a few rounds of nearest-centroid reassignment. Clusters too small to be a person (a cough, a laugh, a window
/// that straddles two voices) do not count towards the number of voices and are folded into the nearest real one.
/// </summary>
internal static class VoiceClustering
{
    /// <summary>
    /// Average linkage needs the distance of every pair. Beyond this many vectors (about 20 minutes of speech in 1.5 s
    /// hops) the hierarchy is built on evenly spaced ones, every other vector starts in its time neighbour's cluster,
    /// and the nearest-centroid rounds settle them all: a 3-hour call's matrix would otherwise be 400 MB, and the
    /// linkage cubic in time.
    /// </summary>
    private const int MaxLinked = 800;

    /// <summary>
    /// The number of voices is not known: tries 2..<paramref name="maxCount"/> and keeps the split with the best mean
    /// silhouette, or one voice when no split reaches <paramref name="minSilhouette"/> (then the voices are not
    /// told apart reliably enough to be worth splitting).
    /// </summary>
    public static int[] ClusterUnknown(IReadOnlyList<double[]> vectors, int maxCount, double minSilhouette, double[]? weights = null, double[]? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Count < 4 || maxCount < 2)
            return new int[vectors.Count];
        var x = Standardise(vectors, weights);
        var best = (Labels: new int[vectors.Count], Score: minSilhouette);
        for (var k = 2; k <= maxCount; k++)
        {
            var labels = Cluster(vectors, k, weights, sizes);
            if (labels.Distinct().Count() < 2)
                continue;
            var score = Silhouette(x, labels);
            if (score > best.Score)
                best = (labels, score);
        }

        return best.Labels;
    }

    /// <summary>Mean silhouette: for each vector, how much nearer it is to its own cluster than to the next one (-1..1).</summary>
    public static double Silhouette(IReadOnlyList<double[]> vectors, int[] labels, double[]? weights = null) =>
        Silhouette(Standardise(vectors, weights), labels);

    private static double Silhouette(double[][] x, int[] labels)
    {
        var k = labels.Max() + 1;
        var total = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var sums = new double[k];
            var counts = new int[k];
            for (var j = 0; j < x.Length; j++)
            {
                if (j == i)
                    continue;
                sums[labels[j]] += Distance(x[i], x[j]);
                counts[labels[j]]++;
            }

            if (counts[labels[i]] == 0)
                continue;
            var own = sums[labels[i]] / counts[labels[i]];
            var other = Enumerable.Range(0, k).Where(c => c != labels[i] && counts[c] > 0).Select(c => sums[c] / counts[c]).DefaultIfEmpty(own).Min();
            total += (other - own) / Math.Max(Math.Max(own, other), 1e-12);
        }

        return total / x.Length;
    }

    /// <summary>
    /// Labels 0..k-1 per vector, merging until <paramref name="count"/> substantial clusters remain: clusters holding at
    /// least 4% of the total size (<paramref name="sizes"/>, e.g. seconds of speech; 1 each when not given).
    /// </summary>
    public static int[] Cluster(IReadOnlyList<double[]> vectors, int count, double[]? weights = null, double[]? sizes = null)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var n = vectors.Count;
        if (n == 0)
            return [];
        var x = Standardise(vectors, weights);
        sizes ??= Enumerable.Repeat(1.0, n).ToArray();
        if (sizes.Length != n)
            throw new ArgumentException($"{sizes.Length} sizes for {n} vectors: there must be one size per vector", nameof(sizes));
        if (n <= MaxLinked)
        {
            var (all, k) = Link(x, sizes, count);
            return Refine(x, all, k);
        }

        var sampled = Enumerable.Range(0, MaxLinked).Select(i => (int)((long)i * n / MaxLinked)).ToArray();
        var (some, clusters) = Link([.. sampled.Select(i => x[i])], [.. sampled.Select(i => sizes[i])], count);
        var labels = new int[n];
        for (var i = 0; i < n; i++)
            labels[i] = some[Math.Min(MaxLinked - 1, (int)((long)i * MaxLinked / n))];
        return Refine(x, labels, clusters);
    }

    /// <summary>Average linkage via Lance-Williams on a full distance matrix: labels, and how many clusters they name.</summary>
    private static (int[] Labels, int Count) Link(double[][] x, double[] sizes, int count)
    {
        var n = x.Length;
        var minSize = sizes.Sum() * 0.04;
        var distance = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
                distance[i, j] = distance[j, i] = Distance(x[i], x[j]);
        }

        var members = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var alive = Enumerable.Repeat(true, n).ToArray();
        var clusters = n;
        while (clusters > 1)
        {
            var substantial = Enumerable.Range(0, n).Count(i => alive[i] && Mass(members[i], sizes) >= minSize);
            if (substantial <= count && clusters <= count)
                break;
            var (a, b, _) = Closest(distance, alive, n);
            // Only small clusters left beyond the count: fold them in, never merge two real voices below the count.
            if (substantial <= count && Mass(members[a], sizes) >= minSize && Mass(members[b], sizes) >= minSize)
            {
                (a, b, _) = ClosestInvolvingSmall(distance, alive, members, sizes, minSize, n);
                if (a < 0)
                    break;
            }

            var na = members[a].Count;
            var nb = members[b].Count;
            for (var j = 0; j < n; j++)
            {
                if (!alive[j] || j == a || j == b)
                    continue;
                distance[a, j] = distance[j, a] = ((na * distance[a, j]) + (nb * distance[b, j])) / (na + nb);
            }

            members[a].AddRange(members[b]);
            members[b].Clear();
            alive[b] = false;
            clusters--;
        }

        var labels = new int[n];
        var roots = Enumerable.Range(0, n).Where(i => alive[i]).ToList();
        for (var c = 0; c < roots.Count; c++)
        {
            foreach (var m in members[roots[c]])
                labels[m] = c;
        }

        return (labels, roots.Count);
    }

    /// <summary>Nearest-centroid reassignment (k-means started from the hierarchy); empty clusters disappear and labels are renumbered.</summary>
    private static int[] Refine(double[][] x, int[] labels, int k)
    {
        var dims = x[0].Length;
        for (var round = 0; round < 10; round++)
        {
            var centroids = new double[k][];
            var sizes = new int[k];
            for (var c = 0; c < k; c++)
                centroids[c] = new double[dims];
            for (var i = 0; i < x.Length; i++)
            {
                sizes[labels[i]]++;
                for (var d = 0; d < dims; d++)
                    centroids[labels[i]][d] += x[i][d];
            }

            for (var c = 0; c < k; c++)
            {
                for (var d = 0; d < dims; d++)
                    centroids[c][d] /= Math.Max(1, sizes[c]);
            }

            var changed = false;
            for (var i = 0; i < x.Length; i++)
            {
                var best = labels[i];
                var bestDistance = Distance(x[i], centroids[best]);
                for (var c = 0; c < k; c++)
                {
                    if (sizes[c] == 0)
                        continue;
                    var dc = Distance(x[i], centroids[c]);
                    if (dc < bestDistance)
                        (best, bestDistance) = (c, dc);
                }

                changed |= best != labels[i];
                labels[i] = best;
            }

            if (!changed)
                break;
        }

        var renumber = labels.Distinct().Select((label, index) => (label, index)).ToDictionary(p => p.label, p => p.index);
        return [.. labels.Select(l => renumber[l])];
    }

    private static (int A, int B, double D) Closest(double[,] distance, bool[] alive, int n)
    {
        var best = (A: -1, B: -1, D: double.MaxValue);
        for (var i = 0; i < n; i++)
        {
            if (!alive[i])
                continue;
            for (var j = i + 1; j < n; j++)
            {
                if (alive[j] && distance[i, j] < best.D)
                    best = (i, j, distance[i, j]);
            }
        }

        return best;
    }

    private static (int A, int B, double D) ClosestInvolvingSmall(double[,] distance, bool[] alive, List<List<int>> members, double[] sizes, double minSize, int n)
    {
        var best = (A: -1, B: -1, D: double.MaxValue);
        for (var i = 0; i < n; i++)
        {
            if (!alive[i] || Mass(members[i], sizes) >= minSize)
                continue;
            for (var j = 0; j < n; j++)
            {
                if (j != i && alive[j] && distance[i, j] < best.D)
                    best = (Math.Min(i, j), Math.Max(i, j), distance[i, j]);
            }
        }

        return best;
    }

    private static double Mass(List<int> members, double[] sizes) => members.Sum(m => sizes[m]);

    /// <summary>Euclidean distance per dimension (divided by sqrt(dims)), so thresholds do not depend on the feature count.</summary>
    private static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var diff = a[d] - b[d];
            sum += diff * diff;
        }

        return Math.Sqrt(sum / a.Length);
    }

    /// <summary>Each dimension to zero mean and unit variance, then times its weight (1 when none are given).</summary>
    private static double[][] Standardise(IReadOnlyList<double[]> vectors, double[]? weights)
    {
        var dims = vectors[0].Length;
        var mean = new double[dims];
        var spread = new double[dims];
        foreach (var v in vectors)
        {
            for (var d = 0; d < dims; d++)
                mean[d] += v[d] / vectors.Count;
        }

        foreach (var v in vectors)
        {
            for (var d = 0; d < dims; d++)
                spread[d] += (v[d] - mean[d]) * (v[d] - mean[d]) / vectors.Count;
        }

        weights ??= Enumerable.Repeat(1.0, dims).ToArray();
        if (weights.Length != dims)
            throw new ArgumentException($"{weights.Length} weights for {dims} dimensions: there must be one weight per dimension", nameof(weights));
        return [.. vectors.Select(v => Enumerable.Range(0, dims).Select(d => weights[d] * (v[d] - mean[d]) / Math.Max(Math.Sqrt(spread[d]), 1e-9)).ToArray())];
    }
}
