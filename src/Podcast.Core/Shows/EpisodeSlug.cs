using System.Text;
using AnyAscii;

namespace Podcast.Shows;

/// <summary>
/// Episode folder names: lower-case ASCII letters, digits and single hyphens, at most 60 characters. Made from a
/// title by <see cref="From"/>; anything else (a path, "..", a reserved device name) is refused by <see cref="Require"/>.
/// </summary>
public static class EpisodeSlug
{
    private const int MaxLength = 60;
    private static readonly string[] Reserved = ["con", "prn", "aux", "nul", "com1", "lpt1", "episodes", "feed"];

    public static string From(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        // Transliterated rather than dropped: "Économie" becomes "economie", "Дейр" becomes "deir".
        var ascii = title.Transliterate();
        var slug = new StringBuilder();
        foreach (var c in ascii)
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
                slug.Append(lower);
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
            if (slug.Length >= MaxLength)
                break;
        }

        var result = slug.ToString().Trim('-');
        if (result.Length == 0 || Reserved.Contains(result))
            result = "episode" + (result.Length == 0 ? string.Empty : "-" + result);
        return result;
    }

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength + 8
        && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !slug.StartsWith('-') && !slug.EndsWith('-')
        && !Reserved.Contains(slug);

    public static string Require(string slug) =>
        IsValid(slug) ? slug : throw PodcastException.InvalidArgument($"\"{slug}\" is not an episode slug (lower-case letters, digits and hyphens)");
}
