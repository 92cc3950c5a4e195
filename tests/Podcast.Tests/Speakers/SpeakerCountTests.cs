using Podcast.Speakers;

namespace Podcast.Tests.Speakers;

public sealed class SpeakerCountTests
{
    /// <summary><paramref name="people"/> voices, each a random direction, and <paramref name="each"/> noisy normalised vectors around each.</summary>
    private static List<float[]> Voices(int people, int each, double noise, int seed = 7)
    {
        var random = new Random(seed);
        float[] Direction() => [.. Enumerable.Range(0, 32).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        var centres = Enumerable.Range(0, people).Select(_ => Direction()).ToList();
        var vectors = new List<float[]>();
        for (var i = 0; i < people * each; i++)
        {
            var centre = centres[i % people];
            var v = centre.Select(x => (float)(x + (noise * ((random.NextDouble() * 2) - 1)))).ToArray();
            Vectors.Normalise(v);
            vectors.Add(v);
        }

        return vectors;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void WhenNobodyIsNamedTheEigengapCountsTheVoices(int people)
    {
        var vectors = Voices(people, 60, 0.3);
        Assert.Equal(people, SpeakerCount.Estimate(WardClustering.Tree(vectors), vectors, null));
    }

    [Fact]
    public void NamedPeopleAreTheCountUpToTheVectorsThereAre()
    {
        var vectors = Voices(2, 3, 0.1);
        var tree = WardClustering.Tree(vectors);
        Assert.Equal(4, SpeakerCount.Estimate(tree, vectors, 4));
        Assert.Equal(6, SpeakerCount.Estimate(tree, vectors, 9));
    }

    [Fact]
    public void FewVectorsThatDoNotSeparateClearlyAreOnePerson()
    {
        var vectors = Voices(1, 20, 0.8);
        Assert.Equal(1, SpeakerCount.Estimate(WardClustering.Tree(vectors), vectors, null));
    }

    [Fact]
    public void ACutOfTheTreeHasTheAskedNumberOfClusters()
    {
        var vectors = Voices(3, 10, 0.2);
        var tree = WardClustering.Tree(vectors);
        for (var k = 1; k <= vectors.Count; k++)
            Assert.Equal(k, tree.Cut(k).Distinct().Count());
        Assert.Equal(3, tree.Cut(3).Select((label, i) => (label, voice: i % 3)).Distinct().Count());
    }
}
