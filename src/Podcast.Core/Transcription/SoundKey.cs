using System.Globalization;
using System.Text;

namespace Podcast.Transcription;

/// <summary>
/// A phonetic key in the Metaphone family (Philips 1990): English spelling rules turn letters into consonant sounds,
/// vowels are dropped except at the start of a word, and repeated sounds collapse. Unlike Metaphone it also merges
/// the pairs a speech recogniser confuses most, because the key compares what Whisper wrote with what was said, not
/// two spellings of a surname: voiced and voiceless stops (B/P, D/T, G/K), S/Z/SH, F/V, TH/T, and the nasals M/N.
/// </summary>
/// <remarks>No served NuGet package implements Double Metaphone; this keeps its main rules in a page of code.</remarks>
public static class SoundKey
{
    /// <summary>The key of one or more words; the key of a phrase is the keys of its words, joined.</summary>
    public static string Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = new StringBuilder();
        foreach (var word in Letters(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            AppendWord(word, key);
        return key.ToString();
    }

    /// <summary>Upper-case ASCII letters with accents removed; every other character becomes a word break.</summary>
    public static string Letters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
                continue;
            result.Append(char.IsAsciiLetter(c) ? char.ToUpperInvariant(c) : ' ');
        }

        return result.ToString();
    }

    private static void AppendWord(string w, StringBuilder key)
    {
        var start = key.Length;
        var i = 0;

        // Silent first letters (KNight, GNome, PNeumonia, WRite) and a leading X sounding as Z.
        if (w.Length > 1 && (w.StartsWith("KN", StringComparison.Ordinal) || w.StartsWith("GN", StringComparison.Ordinal) ||
                             w.StartsWith("PN", StringComparison.Ordinal) || w.StartsWith("WR", StringComparison.Ordinal)))
            i = 1;

        for (; i < w.Length; i++)
        {
            var c = w[i];
            var next = At(w, i + 1);
            var sound = c switch
            {
                'A' or 'E' or 'I' or 'O' or 'U' => i == 0 ? 'A' : '\0',
                'B' or 'P' => c == 'P' && next == 'H' ? 'F' : 'P',
                'C' when next is 'H' => 'S',
                'C' when next is 'I' or 'E' or 'Y' => 'S',
                'C' or 'G' or 'K' or 'Q' => Guttural(w, i),
                'D' or 'T' => c == 'T' && next == 'I' && At(w, i + 2) is 'A' or 'O' ? 'S' : 'T',
                'F' or 'V' => 'F',
                'H' => i == 0 && IsVowel(next) ? 'H' : '\0',
                'J' => 'J',
                'L' => 'L',
                'M' or 'N' => 'N',
                'R' => 'R',
                'S' or 'Z' => 'S',
                'W' or 'Y' => IsVowel(next) && (i == 0 || !IsVowel(At(w, i - 1))) ? c : '\0',
                'X' => i == 0 ? 'S' : 'X',
                _ => '\0',
            };

            // Digraphs whose second letter the rule above already spoke for (PH, CH, SH, TH, GH, CK).
            if ((c is 'P' or 'C' or 'S' or 'T' or 'G' && next == 'H') || (c == 'C' && next == 'K'))
                i++;
            if (c == 'X' && sound == 'X')
            {
                Append(key, start, 'K');
                Append(key, start, 'S');
                continue;
            }

            if (sound != '\0')
                Append(key, start, sound);
        }
    }

    /// <summary>G before E/I/Y sounds as J (GEorge); GH is silent inside a word (niGHt); otherwise a K sound.</summary>
    private static char Guttural(string w, int i)
    {
        var next = At(w, i + 1);
        if (w[i] == 'G' && next is 'E' or 'I' or 'Y')
            return 'J';
        if (w[i] == 'G' && next == 'H' && i > 0)
            return '\0';
        if (w[i] == 'G' && next == 'N' && i + 2 >= w.Length)
            return '\0';
        return 'K';
    }

    /// <summary>Repeated sounds collapse (HaSSan, ReGGie), as in every key of this family.</summary>
    private static void Append(StringBuilder key, int wordStart, char sound)
    {
        if (key.Length > wordStart && key[^1] == sound)
            return;
        key.Append(sound);
    }

    private static char At(string w, int i) => i >= 0 && i < w.Length ? w[i] : '\0';

    private static bool IsVowel(char c) => c is 'A' or 'E' or 'I' or 'O' or 'U';
}
