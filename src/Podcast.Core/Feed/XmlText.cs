using System.Text;
using System.Xml;

namespace Podcast.Feed;

/// <summary>
/// Makes any string safe to put in XML. The cleaning, which is all a reader of the feed can lose: characters XML 1.0
/// forbids (controls other than tab and line feed, U+FFFE, U+FFFF, unpaired surrogates) are dropped, and CR LF or a
/// lone CR become LF (as every XML parser would turn them anyway). <see cref="Truncate"/> also caps the UTF-8 length.
/// </summary>
public static class XmlText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                clean.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    /// <summary>Cleans and cuts to at most <paramref name="maxBytes"/> of UTF-8, on a character boundary, with an ellipsis when cut.</summary>
    public static string Truncate(string? text, int maxBytes)
    {
        var clean = Clean(text);
        if (Encoding.UTF8.GetByteCount(clean) <= maxBytes)
            return clean;
        var budget = maxBytes - 3; // the ellipsis is three bytes in UTF-8
        var cut = new StringBuilder();
        var used = 0;
        foreach (var rune in clean.EnumerateRunes())
        {
            used += rune.Utf8SequenceLength;
            if (used > budget)
                break;
            cut.Append(rune.ToString());
        }

        return cut.Append('\u2026').ToString();
    }
}
