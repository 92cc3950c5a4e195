using Podcast.Speakers;

namespace Podcast.Tests.Speakers;

public sealed class VoiceClusteringTests
{
    /// <summary>Points scattered around given centres, in blocks, so the truth is known by index.</summary>
    private static (List<double[]> Vectors, int[] Truth) Blobs(int seed, double spread, params (double[] Centre, int Count)[] blobs)
    {
        var random = new Random(seed);
        var vectors = new List<double[]>();
        var truth = new List<int>();
        for (var b = 0; b < blobs.Length; b++)
        {
            for (var i = 0; i < blobs[b].Count; i++)
            {
                vectors.Add([.. blobs[b].Centre.Select(c => c + ((random.NextDouble() - 0.5) * 2 * spread))]);
                truth.Add(b);
            }
        }

        return (vectors, [.. truth]);
    }

    private static bool SamePartition(int[] a, int[] b) =>
        a.Zip(b).All(p => a.Zip(b).Where(q => q.First == p.First).All(q => q.Second == p.Second))
        && b.Zip(a).All(p => b.Zip(a).Where(q => q.First == p.First).All(q => q.Second == p.Second));

    [Fact]
    public void ThreeSeparateVoicesAreFoundWhenThreePeopleAreNamed()
    {
        var (vectors, truth) = Blobs(1, 0.5, ([0, 0, 0], 30), ([4, 0, 1], 12), ([0, 4, -1], 20));
        var labels = VoiceClustering.Cluster(vectors, 3);
        Assert.Equal(3, labels.Distinct().Count());
        Assert.True(SamePartition(labels, truth));
    }

    [Fact]
    public void AThreeHourCallsWindowsAreLinkedOnASampleAndStillFindEveryVoice()
    {
        // 7,000 windows, about three hours of speech in 1.5 s hops: far past the pairs a full distance matrix holds.
        var (vectors, truth) = Blobs(3, 0.5, ([0, 0, 0], 3500), ([4, 0, 1], 2100), ([0, 4, -1], 1400));
        var labels = VoiceClustering.Cluster(vectors, 3);
        Assert.Equal(3, labels.Distinct().Count());
        Assert.All(Enumerable.Range(0, 3), voice =>
            Assert.Single(labels.Where((_, i) => truth[i] == voice).Distinct()));
    }

    [Fact]
    public void AStrayVectorDoesNotTakeThePlaceOfAVoice()
    {
        var (vectors, truth) = Blobs(2, 0.5, ([0, 0], 40), ([5, 0], 40));
        vectors.Add([0, 30]);
        var labels = VoiceClustering.Cluster(vectors, 2);
        Assert.Equal(2, labels.Distinct().Count());
        Assert.True(SamePartition(labels[..^1], truth));
    }

    [Fact]
    public void WithNobodyNamedOneVoiceStaysOneVoice()
    {
        var (vectors, _) = Blobs(3, 1.0, ([0, 0, 0, 0], 60));
        Assert.Single(VoiceClustering.ClusterUnknown(vectors, 6, 0.5).Distinct());
    }

    [Fact]
    public void WithNobodyNamedTwoClearVoicesBecomeTwo()
    {
        var (vectors, truth) = Blobs(4, 0.5, ([0, 0, 0], 30), ([3, 3, 3], 30));
        var labels = VoiceClustering.ClusterUnknown(vectors, 6, 0.5);
        Assert.True(SamePartition(labels, truth));
    }

    [Fact]
    public void AHeavilyWeightedDimensionDecidesBetweenVoicesThatDifferOnlyThere()
    {
        // Two voices alike in every dimension but the last (like two people of one timbre and different pitch).
        var random = new Random(5);
        var vectors = Enumerable.Range(0, 60).Select(i => Enumerable.Range(0, 10).Select(_ => random.NextDouble()).Append(i < 30 ? 0.0 : 0.6).ToArray()).ToList();
        var weights = Enumerable.Repeat(1.0, 10).Append(6.0).ToArray();
        var labels = VoiceClustering.Cluster(vectors, 2, weights);
        Assert.True(SamePartition(labels, [.. Enumerable.Range(0, 60).Select(i => i < 30 ? 0 : 1)]));
    }
}
