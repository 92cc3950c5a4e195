using System.Text;

namespace Podcast.Tests.Support;

/// <summary>
/// Word error rate: word-level Levenshtein distance between reference and hypothesis over the reference's word count,
/// after lower-casing and removing punctuation (hyphens and slashes split words, apostrophes are dropped).
/// </summary>
public static class Wer
{
    public static double Of(string reference, string hypothesis)
    {
        var r = Words(reference);
        var h = Words(hypothesis);
        Assert.NotEmpty(r);
        return (double)Distance(r, h) / r.Count;
    }

    public static IReadOnlyList<string> Words(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is '\'' or '\u2019')
                continue;
            clean.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// For each reference word, the index of the hypothesis word a minimal edit pairs it with (the same word or the
    /// one heard in its place), or -1 where the hypothesis dropped it.
    /// </summary>
    public static int[] Align(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(hypothesis);
        var cost = new int[reference.Count + 1, hypothesis.Count + 1];
        for (var i = 0; i <= reference.Count; i++)
            cost[i, 0] = i;
        for (var j = 0; j <= hypothesis.Count; j++)
            cost[0, j] = j;
        for (var i = 1; i <= reference.Count; i++)
        {
            for (var j = 1; j <= hypothesis.Count; j++)
                cost[i, j] = Math.Min(Math.Min(cost[i - 1, j] + 1, cost[i, j - 1] + 1), cost[i - 1, j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1));
        }

        var paired = Enumerable.Repeat(-1, reference.Count).ToArray();
        for (int i = reference.Count, j = hypothesis.Count; i > 0;)
        {
            if (j > 0 && cost[i, j] == cost[i - 1, j - 1] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1))
                paired[--i] = --j;
            else if (j > 0 && cost[i, j] == cost[i, j - 1] + 1)
                j--;
            else
                i--;
        }

        return paired;
    }

    private static int Distance(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var previous = Enumerable.Range(0, b.Count + 1).ToArray();
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Count; j++)
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }

        return previous[b.Count];
    }
}
