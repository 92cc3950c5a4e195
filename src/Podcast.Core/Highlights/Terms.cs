using System.Text.RegularExpressions;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Podcast.Highlights;

/// <summary>
/// Words of English speech as the scorers see them: lower-cased tokens, function words (stop words) told apart from
/// content words, and content words reduced to their Snowball (Porter2) stem so "fighting" and "fight" count as one term.
/// </summary>
internal static partial class Terms
{
    /// <summary>Function words and the fillers of speech: they carry no topic.</summary>
    public static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "can't", "cannot", "could",
        "couldn't", "did", "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "even", "ever", "few",
        "for", "from", "further", "get", "gets", "getting", "got", "had", "hadn't", "has", "hasn't", "have", "haven't", "having",
        "he", "he'd", "he'll", "he's", "her", "here", "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "i",
        "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself", "just", "let's", "like",
        "lot", "lots", "me", "might", "more", "most", "much", "must", "mustn't", "my", "myself", "no", "nor", "not", "now", "of",
        "off", "oh", "ok", "okay", "on", "once", "one", "only", "or", "other", "ought", "our", "ours", "ourselves", "out", "over",
        "own", "quite", "rather", "really", "right", "said", "same", "say", "says", "see", "shall", "shan't", "she", "she'd",
        "she'll", "she's", "should", "shouldn't", "so", "some", "something", "still", "such", "than", "that", "that's", "the",
        "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "they'd", "they'll", "they're",
        "they've", "thing", "things", "think", "this", "those", "though", "through", "to", "too", "um", "uh", "under", "until",
        "up", "us", "very", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "well", "were", "weren't", "what",
        "what's", "when", "when's", "where", "where's", "which", "while", "who", "who's", "whom", "why", "why's", "will", "with",
        "won't", "would", "wouldn't", "yeah", "yes", "yet", "you", "you'd", "you'll", "you're", "you've", "your", "yours",
        "yourself", "yourselves", "go", "going", "gonna", "kind", "sort", "mean", "know", "actually", "basically", "maybe",
        "many", "every", "never", "nothing", "always", "time", "way", "make", "made", "want", "need", "look", "looking",
        "come", "comes", "take", "two", "three", "first", "last", "new", "good", "great", "able", "another", "around", "back",
        "sure", "thank", "thanks", "today", "people",
    };

    private static readonly ThreadLocal<EnglishStemmer> Stemmer = new(() => new EnglishStemmer());

    /// <summary>Lower-cased word tokens; apostrophes and inner hyphens stay inside words ("don't", "al-qaida", "u.s.").</summary>
    public static IReadOnlyList<string> Words(string text) =>
        [.. WordPattern().Matches(text.Replace('\u2019', '\'')).Select(m => m.Value.ToLowerInvariant().Trim('\'', '.'))
            .Where(w => w.Length > 0)];

    public static bool IsContent(string word) => !StopWords.Contains(word) && (word.Length > 2 || char.IsDigit(word[0]));

    /// <summary>The stems of a text's content words, in order, repeats kept.</summary>
    public static IReadOnlyList<string> ContentStems(string text) => [.. Words(text).Where(IsContent).Select(Stem)];

    public static string Stem(string word)
    {
        var stemmer = Stemmer.Value!;
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[\-'.][\p{L}\p{N}]+)*\.?")]
    private static partial Regex WordPattern();
}
