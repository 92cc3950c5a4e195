namespace Podcast.Speakers;

/// <summary>The few vector operations voice embeddings need.</summary>
internal static class Vectors
{
    public static void Normalise(Span<float> v)
    {
        double sum = 0;
        foreach (var x in v)
            sum += x * x;
        var norm = Math.Sqrt(sum);
        if (norm < 1e-12)
            return;
        for (var i = 0; i < v.Length; i++)
            v[i] = (float)(v[i] / norm);
    }

    public static void Add(Span<float> sum, ReadOnlySpan<float> v)
    {
        for (var i = 0; i < sum.Length; i++)
            sum[i] += v[i];
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Cosine similarity; 0 when either is all zeros.</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var na = Math.Sqrt(Dot(a, a));
        var nb = Math.Sqrt(Dot(b, b));
        return na < 1e-12 || nb < 1e-12 ? 0 : Dot(a, b) / (na * nb);
    }
}
