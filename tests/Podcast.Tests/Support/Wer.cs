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
