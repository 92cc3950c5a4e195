using Podcast.Transcription;

namespace Podcast.Highlights;

/// <summary>
/// A stretch of audio worth hearing on its own (podcast:soundbite), made from a highlight. <see cref="Speaker"/> is
/// the person it is credited to: empty while the highlight's speaker is a guess (<see cref="Highlight.NeedsReview"/>).
/// </summary>
public sealed record SoundbiteClip(TimeSpan Start, TimeSpan End, string Title, string Speaker)
{
    public TimeSpan Duration => End - Start;
}

/// <summary>
/// Widens highlights to soundbites: whole sentences, 15 to 60 s. A short quote grows by the sentences around it: the
/// same speaker's next ones, then the previous ones, then the question that prompted it, then what follows; a long one is cut at the last sentence
/// end within 60 s. Start times are never 0, since feed readers drop a soundbite that starts at 0.
/// </summary>
public static class SoundbiteClips
{
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan EarliestStart = TimeSpan.FromMilliseconds(100);
    private const int MaxTitleLength = 128;

    public static IReadOnlyList<SoundbiteClip> For(IReadOnlyList<Highlight> highlights, Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(highlights);
        ArgumentNullException.ThrowIfNull(transcript);
        var sentences = SentenceSplitter.Split(transcript);
        return [.. highlights.Select(h => Widen(h, sentences))];
    }

    internal static SoundbiteClip Widen(Highlight highlight, IReadOnlyList<TranscriptSentence> sentences)
    {
        var title = Title(highlight.Text);
        var inside = Enumerable.Range(0, sentences.Count).Where(i => sentences[i].End > highlight.Start && sentences[i].Start < highlight.End).ToList();
        if (inside.Count == 0)
            return Clamp(new SoundbiteClip(highlight.Start, highlight.End, title, highlight.CreditedSpeaker));

        var first = inside[0];
        var last = inside[^1];
        while (sentences[last].End - sentences[first].Start > Longest && last > first)
            last--;
        var prompter = (string?)null;
        while (sentences[last].End - sentences[first].Start < Shortest)
        {
            var next = last + 1 < sentences.Count ? last + 1 : -1;
            var previous = first - 1;
            int grow;
            if (next >= 0 && sentences[next].Speaker == highlight.Speaker && prompter is null)
                grow = next; // the rest of the thought
            else if (previous >= 0 && sentences[previous].Speaker == (prompter ?? highlight.Speaker))
                grow = previous; // what led up to it, then the whole question that prompted it
            else if (previous >= 0 && prompter is null && sentences[previous].Speaker != highlight.Speaker)
                (grow, prompter) = (previous, sentences[previous].Speaker);
            else
                grow = next; // whatever follows
            if (grow < 0 || sentences[Math.Max(last, grow)].End - sentences[Math.Min(first, grow)].Start > Longest)
                break;
            (first, last) = (Math.Min(first, grow), Math.Max(last, grow));
        }

        return Clamp(new SoundbiteClip(sentences[first].Start, sentences[last].End, title, highlight.CreditedSpeaker));
    }

    private static SoundbiteClip Clamp(SoundbiteClip clip)
    {
        var start = clip.Start < EarliestStart ? EarliestStart : clip.Start;
        var end = clip.End - start > Longest ? start + Longest : clip.End;
        return clip with { Start = start, End = end > start ? end : start + TimeSpan.FromSeconds(1) };
    }

    /// <summary>The quote cut at a word boundary to fit the 128 characters podcast:soundbite allows for its title.</summary>
    internal static string Title(string text)
    {
        var t = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (t.Length <= MaxTitleLength)
            return t;
        var cut = t[..(MaxTitleLength - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > 40 ? cut[..space] : cut).TrimEnd(',', ';', ':', ' ') + "\u2026";
    }
}
