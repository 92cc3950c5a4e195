using System.Text.RegularExpressions;
using Podcast.Shows;
using Podcast.Transcription;

namespace Podcast.Publishing;

/// <summary>
/// The terms an episode's transcript must spell right, most specific first: the guests, the hosts, the proper nouns
/// of the episode title, the show's own name, then its vocabulary with the spellings it is misheard as.
/// </summary>
public static partial class EpisodeVocabulary
{
    public static IReadOnlyList<CorrectionTerm> For(Show show, IReadOnlyList<string> guests, string title)
    {
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(guests);
        var people = guests.Concat(show.Hosts).Select(p => new CorrectionTerm(p));
        var fromTitle = TitleNouns(title ?? string.Empty).Select(n => new CorrectionTerm(n));
        var vocabulary = show.Vocabulary.Select(v => new CorrectionTerm(v.Term, v.HeardAs));
        return [.. people.Concat(fromTitle).Append(new CorrectionTerm(show.Title)).Concat(vocabulary).DistinctBy(t => t.Written, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Proper nouns in a title: runs of capitalised words that follow a lower-case word. In sentence case and in
    /// title case alike only proper nouns are capitalised after a lower-case word ("... in Deir Ezzor"), so the rule
    /// needs no dictionary; the first word, and words after a colon, are capitalised for other reasons and skipped.
    /// </summary>
    public static IReadOnlyList<string> TitleNouns(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var nouns = new List<string>();
        foreach (var clause in title.Split(':', '—', '|', '(', ')'))
        {
            var words = clause.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var run = new List<string>();
            var afterLower = false;
            foreach (var raw in words)
            {
                var word = raw.Trim(',', '.', '?', '!', '"', '\'');
                if (word.Length > 0 && char.IsUpper(word[0]) && afterLower)
                {
                    run.Add(word);
                    continue;
                }

                Flush();
                afterLower = word.Length > 0 && char.IsLower(word[0]);
            }

            Flush();

            void Flush()
            {
                if (run.Count > 0 && run.Any(w => Capitalised().IsMatch(w)))
                    nouns.Add(string.Join(' ', run));
                run.Clear();
            }
        }

        return nouns;
    }

    [GeneratedRegex(@"^\p{Lu}\p{Ll}|^\p{Lu}{2,}$")]
    private static partial Regex Capitalised();
}
