namespace Podcast.Highlights;

/// <summary>
/// How much a sentence reads like a pull quote, from surface features alone. Studies of pull-quote selection find that
/// quotable sentences are general, opinionated, present-tense claims: absolutes (never, nothing, every), firsts and
/// superlatives ("the first time", "the largest"), negation, comparison, numbers and modal verbs of necessity; and that
/// narrative past tense, hedges and fillers read badly on their own. The weights are set by that reasoning, not fitted.
/// </summary>
internal static class Quotability
{
    private static readonly HashSet<string> Absolutes = new(StringComparer.Ordinal)
    {
        "never", "always", "nothing", "nobody", "everyone", "everybody", "everything", "none", "entire", "entirely", "whole",
        "only", "every", "completely", "totally", "forever", "anyone", "anything",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nothing", "nor", "neither", "none", "cannot", "without",
    };

    private static readonly HashSet<string> Comparatives = new(StringComparer.Ordinal)
    {
        "more", "less", "fewer", "better", "worse", "than", "rather", "instead", "bigger", "greater", "smaller", "harder", "easier",
    };

    private static readonly HashSet<string> Superlatives = new(StringComparer.Ordinal)
    {
        "best", "worst", "most", "least", "first", "last", "key", "main", "biggest", "largest", "greatest", "hardest",
        "single", "unique", "unprecedented", "real", "truth", "reality", "problem", "question", "point", "lesson", "secret",
    };

    private static readonly HashSet<string> NotSuperlative = new(StringComparer.Ordinal)
    {
        "interest", "west", "test", "rest", "honest", "forest", "request", "suggest", "harvest", "protest", "modest", "contest",
        "digest", "invest", "arrest", "manifest", "guest", "quest", "nest", "chest", "pest", "vest", "conquest", "southwest",
        "northwest", "midwest", "unrest", "interest", "priest", "earnest", "attest", "detest", "infest", "just", "must",
    };

    private static readonly HashSet<string> Strong = new(StringComparer.Ordinal)
    {
        "must", "should", "important", "significant", "critical", "crucial", "fundamental", "essential", "massive", "huge",
        "clearly", "certainly", "absolutely", "definitely", "simply", "obviously", "matter", "matters", "impossible",
        "necessary", "systematic", "fluid", "capable", "qualified", "believe", "wrong", "true", "false", "dangerous", "risk",
        "need", "needs", "power", "future", "change", "changed", "changes", "experience", "know",
    };

    public static readonly HashSet<string> NumberWords = new(StringComparer.Ordinal)
    {
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million",
        "millions", "billion", "billions", "percent", "half", "third", "quarter", "dozen", "dozens", "twice", "double",
    };

    private static readonly HashSet<string> Present = new(StringComparer.Ordinal)
    {
        "is", "are", "am", "isn't", "aren't", "it's", "that's", "there's", "they're", "we're", "you're", "will", "won't", "can",
        "can't", "has", "have", "does", "doesn't", "do", "don't", "need", "needs", "means", "becomes", "remains", "know", "knows",
    };

    private static readonly HashSet<string> Past = new(StringComparer.Ordinal)
    {
        "was", "were", "wasn't", "weren't", "had", "did", "didn't", "went", "said", "told", "asked", "got", "came", "thought",
    };

    private static readonly HashSet<string> Hedges = new(StringComparer.Ordinal)
    {
        "um", "uh", "maybe", "perhaps", "guess", "probably", "somewhat", "stuff", "whatever", "like", "anyway", "okay", "yeah",
    };

    private static readonly string[] Phrases =
    [
        "the key", "the first time", "for the first time", "the real", "the problem is", "the question is", "the point is",
        "the truth is", "the reality is", "what matters", "the lesson", "has to", "have to", "has never", "have never", "the only",
        "the most", "no one", "on the other hand", "the bottom line", "in the history of", "the end of", "is still",
        "the biggest", "the largest", "more than", "less than",
    ];

    private static readonly string[] FillerPhrases = ["you know", "kind of", "sort of", "i mean", "i guess", "a little bit", "or something"];

    /// <summary>A raw score, roughly 0 to 3; compare it only with other sentences of the same transcript.</summary>
    public static double Score(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Terms.Words(text);
        if (words.Count == 0)
            return 0;
        var lower = " " + string.Join(' ', words) + " ";
        var n = words.Count;

        var absolutes = words.Count(Absolutes.Contains);
        var negations = words.Count(w => Negations.Contains(w) || w.EndsWith("n't", StringComparison.Ordinal));
        var comparatives = words.Count(Comparatives.Contains);
        var superlatives = words.Count(w => Superlatives.Contains(w) || (w.Length > 5 && w.EndsWith("est", StringComparison.Ordinal) && !NotSuperlative.Contains(w)));
        var strong = words.Count(Strong.Contains);
        var numbers = words.Count(w => NumberWords.Contains(w) || char.IsDigit(w[0]));
        var present = words.Count(Present.Contains);
        var past = words.Count(Past.Contains);
        var hedges = words.Count(Hedges.Contains) + FillerPhrases.Count(p => lower.Contains(" " + p + " ", StringComparison.Ordinal));
        var phrases = Phrases.Count(p => lower.Contains(" " + p + " ", StringComparison.Ordinal));
        var content = words.Count(Terms.IsContent);

        var score = 0.0;
        score += 0.45 * Math.Min(2, absolutes);
        score += 0.30 * Math.Min(2, negations);
        score += 0.25 * Math.Min(2, comparatives);
        score += 0.35 * Math.Min(2, superlatives);
        score += 0.20 * Math.Min(3, strong);
        score += 0.20 * Math.Min(2, numbers);
        score += 0.40 * Math.Min(2, phrases);
        score += 0.25 * Math.Sign(present - past);
        score -= 0.35 * Math.Min(3, hedges);

        // Say something: content words carry the claim; very short or very long sentences rarely stand alone.
        score += 0.8 * Math.Clamp(((double)content / n) - 0.3, -0.3, 0.3);
        score += n switch
        {
            < 5 => -0.8,
            < 9 => -0.3,
            <= 40 => 0.2,
            <= 60 => 0,
            _ => -0.4,
        };
        return score;
    }
}
