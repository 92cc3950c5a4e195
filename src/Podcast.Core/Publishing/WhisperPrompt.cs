using Podcast.Shows;

namespace Podcast.Publishing;

/// <summary>
/// Whisper's initial prompt: a sentence naming the show, its people and its vocabulary, so that proper nouns are
/// spelled as the show spells them. Whisper reads at most 224 prompt tokens; the most specific terms go first and
/// the prompt is cut at about 600 characters (roughly 150 tokens of English) to stay well inside that.
/// </summary>
public static class WhisperPrompt
{
    public const int MaxCharacters = 600;

    public static string Build(Show show, IReadOnlyList<string> guests, string title, string? extra)
    {
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(guests);
        var terms = guests
            .Concat(show.Hosts)
            .Concat(show.Vocabulary.Select(v => v.Term))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var prompt = $"{show.Title}: {title}.";
        if (!string.IsNullOrWhiteSpace(extra))
            prompt += " " + extra.Trim();
        foreach (var term in terms)
        {
            var next = prompt + (prompt.EndsWith('.') ? " " : ", ") + term;
            if (next.Length > MaxCharacters)
                break;
            prompt = next;
        }

        return prompt.EndsWith('.') ? prompt : prompt + ".";
    }
}
