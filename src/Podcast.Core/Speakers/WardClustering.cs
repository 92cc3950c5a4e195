namespace Podcast.Speakers;

/// <summary>
/// Agglomerative clustering with Ward's linkage (the merge that least increases the within-cluster variance), built
/// with the nearest-neighbour chain in O(n²) time and one n x n matrix, then cut at a number of clusters.
/// </summary>
internal static class WardClustering
{
    /// <summary>Labels 0..k-1 (k = min(<paramref name="count"/>, vectors)) for <paramref name="vectors"/>, all of one length.</summary>
    public static int[] Cluster(IReadOnlyList<float[]> vectors, int count) => Tree(vectors).Cut(count);

    /// <summary>The whole merge tree of <paramref name="vectors"/>, to cut at several numbers of clusters for the price of one.</summary>
    public static Dendrogram Tree(IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var n = vectors.Count;
        if (n <= 1)
            return new Dendrogram(n, []);

        // Ward's cost of merging two singletons is half their squared distance; Lance-Williams keeps it exact after.
        var d = new float[(long)n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                double sum = 0;
                var a = vectors[i];
                var b = vectors[j];
                for (var k = 0; k < a.Length; k++)
                    sum += (a[k] - b[k]) * (a[k] - b[k]);
                d[((long)i * n) + j] = d[((long)j * n) + i] = (float)(sum / 2);
            }
        }

        var size = Enumerable.Repeat(1, n).ToArray();
        var alive = Enumerable.Repeat(true, n).ToArray();
        var merges = new List<(int A, int B, float Cost)>(n - 1);
        var chain = new List<int>();
        var remaining = n;
        while (remaining > 1)
        {
            if (chain.Count == 0)
                chain.Add(Array.IndexOf(alive, true));
            var top = chain[^1];
            var previous = chain.Count >= 2 ? chain[^2] : -1;
            var nearest = previous;
            var best = previous >= 0 ? d[((long)top * n) + previous] : float.MaxValue;
            for (var j = 0; j < n; j++)
            {
                if (!alive[j] || j == top)
                    continue;
                var v = d[((long)top * n) + j];
                if (v < best)
                    (nearest, best) = (j, v);
            }

            if (nearest != previous)
            {
                chain.Add(nearest);
                continue;
            }

            // Reciprocal nearest neighbours: merge them (into the lower index) and update every distance to the union.
            chain.RemoveRange(chain.Count - 2, 2);
            var (x, y) = top < previous ? (top, previous) : (previous, top);
            merges.Add((x, y, best));
            for (var k = 0; k < n; k++)
            {
                if (!alive[k] || k == x || k == y)
                    continue;
                var total = size[x] + size[y] + size[k];
                var updated = (((size[x] + size[k]) * d[((long)x * n) + k]) + ((size[y] + size[k]) * d[((long)y * n) + k]) - (size[k] * best)) / total;
                d[((long)x * n) + k] = d[((long)k * n) + x] = updated;
            }

            size[x] += size[y];
            alive[y] = false;
            remaining--;
        }

        // The chain finds merges out of order; Ward's costs never decrease up the tree, so sorted by cost they replay it.
        return new Dendrogram(n, [.. merges.OrderBy(m => m.Cost).Select(m => (m.A, m.B))]);
    }
}

/// <summary>The merges of <see cref="WardClustering.Tree"/>, cheapest first.</summary>
internal sealed class Dendrogram(int count, IReadOnlyList<(int A, int B)> merges)
{
    /// <summary>Labels 0..k-1 (k = min(<paramref name="clusters"/>, items)), numbered by first item.</summary>
    public int[] Cut(int clusters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clusters, 1);
        var parent = Enumerable.Range(0, count).ToArray();
        int Find(int i)
        {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        }

        foreach (var (a, b) in merges.Take(Math.Max(0, count - clusters)))
            parent[Find(b)] = Find(a);
        var roots = new Dictionary<int, int>();
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var root = Find(i);
            if (!roots.TryGetValue(root, out var label))
                roots[root] = label = roots.Count;
            labels[i] = label;
        }

        return labels;
    }
}
