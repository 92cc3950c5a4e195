using System.Text.RegularExpressions;

namespace Podcast.Highlights;

/// <summary>The rules a quote must meet to be read out of context.</summary>
internal static partial class Standalone
{
    /// <summary>Openings that lean on what came before: connectives, pronouns without their noun, and answer particles.</summary>
    private static readonly HashSet<string> DanglingStarts = new(StringComparer.Ordinal)
    {
        "and", "but", "so", "or", "nor", "because", "then", "also", "that", "that's", "it", "it's", "its", "they", "they're",
        "they've", "they'd", "them", "these", "those", "he", "he's", "she", "she's", "his", "her", "which", "who", "whom", "well",
        "yeah", "yes", "no", "um", "uh", "oh", "okay", "ok", "right", "plus", "anyway", "like", "as", "exactly", "again",
        "absolutely", "sure", "besides", "however", "therefore", "thus", "hence", "otherwise", "there", "there's", "such",
        "same", "both", "either", "neither", "meanwhile", "still", "yet", "true", "indeed", "definitely", "totally",
    };

    /// <summary>True when the text opens with a word that needs the previous sentence to make sense.</summary>
    public static bool StartsDangling(string text)
    {
        var words = Terms.Words(text);
        return words.Count == 0 || DanglingStarts.Contains(words[0]);
    }

    /// <summary>Greetings, thanks and sign-offs: polite, not quotable.</summary>
    public static bool IsCourtesy(string text) => Courtesy().IsMatch(text);

    [GeneratedRegex(@"\b(thank(s| you)?|welcome( back)?|hello|hi|hey|good(bye| morning| evening| afternoon)|bye|(good|great|nice|glad|happy|pleased|a pleasure) to (be here|have you|see you|talk|join|be with)|my pleasure|appreciate (it|you|that|your)|for having me|for joining)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Courtesy();
}
