using System.Globalization;

namespace Podcast.Highlights;

/// <summary>
/// Chapters by TextTiling (Hearst, 1997): at every gap between sentences the vocabulary of a window of content words
/// before is compared with a window after; a gap whose similarity sits in a deep valley (depth score) is where the
/// topic changes. Boundaries are then moved to the start of the nearest host turn that asks a question, because in an
/// interview a new topic starts with the question that opens it. Each chapter is titled with its key phrases.
/// </summary>
internal static class TopicSegmenter
{
    private static readonly TimeSpan SingleChapterBelow = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SnapDistance = TimeSpan.FromSeconds(45);

    public static IReadOnlyList<Chapter> Chapters(EpisodeText text, IReadOnlySet<string> quotable)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = text.Sentences;
        if (sentences.Count == 0)
            return [];
        var end = text.End;
        var starts = new List<int> { 0 };
        if (end >= SingleChapterBelow && sentences.Count >= 6)
            starts.AddRange(Boundaries(text, quotable));
        starts = [.. starts.Distinct().Order()];

        var names = sentences.Select(s => s.Speaker).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var chapters = new List<Chapter>();
        for (var c = 0; c < starts.Count; c++)
        {
            var first = starts[c];
            var last = c + 1 < starts.Count ? starts[c + 1] - 1 : sentences.Count - 1;
            var start = c == 0 ? TimeSpan.Zero : sentences[first].Start;
            var stop = c + 1 < starts.Count ? sentences[starts[c + 1]].Start : end;
            chapters.Add(new Chapter(start, stop, KeyPhrases.Title(text, first, last, names, c)));
        }

        return chapters;
    }

    /// <summary>First sentences of the chapters after the first, in time order.</summary>
    private static List<int> Boundaries(EpisodeText text, IReadOnlySet<string> quotable)
    {
        var sentences = text.Sentences;
        var totalTokens = text.Stems.Sum(s => s.Count);
        var window = Math.Clamp(totalTokens / 8, 25, 120);
        var gaps = sentences.Count - 1;

        // Similarity at gap g (between sentence g and g + 1), smoothed over three gaps as TextTiling does.
        var raw = new double[gaps];
        for (var g = 0; g < gaps; g++)
            raw[g] = Window(text, g, -1, window).Cosine(Window(text, g + 1, +1, window));
        var similarity = new double[gaps];
        for (var g = 0; g < gaps; g++)
        {
            var lo = Math.Max(0, g - 1);
            var hi = Math.Min(gaps - 1, g + 1);
            similarity[g] = Enumerable.Range(lo, hi - lo + 1).Average(i => raw[i]);
        }

        var depth = new double[gaps];
        for (var g = 0; g < gaps; g++)
        {
            var left = similarity[g];
            for (var i = g - 1; i >= 0 && similarity[i] >= left; i--)
                left = similarity[i];
            var right = similarity[g];
            for (var i = g + 1; i < gaps && similarity[i] >= right; i++)
                right = similarity[i];
            depth[g] = left - similarity[g] + (right - similarity[g]);
        }

        var mean = depth.Average();
        var sd = Math.Sqrt(depth.Average(d => (d - mean) * (d - mean)));
        var threshold = mean + (sd / 2);
        var questions = QuestionStarts(text, quotable);
        var minLength = TimeSpan.FromSeconds(Math.Max(30, text.End.TotalSeconds / 10));
        var maxChapters = Math.Clamp((int)(text.End.TotalMinutes / 2) + 1, 2, 20);

        var chosen = new List<int>();
        foreach (var g in Enumerable.Range(0, gaps).Where(g => depth[g] > threshold && depth[g] > 0).OrderByDescending(g => depth[g]).ThenBy(g => g))
        {
            var start = Snap(sentences, g + 1, questions);
            if (start <= 0 || chosen.Contains(start))
                continue;
            var at = sentences[start].Start;
            if (at < minLength || text.End - at < minLength || chosen.Any(c => (sentences[c].Start - at).Duration() < minLength))
                continue;
            chosen.Add(start);
            if (chosen.Count + 1 >= maxChapters)
                break;
        }

        return [.. chosen.Order()];
    }

    /// <summary>The content stems of up to <paramref name="size"/> tokens from sentence <paramref name="from"/> going backwards (-1) or forwards (+1).</summary>
    private static TermVector Window(EpisodeText text, int from, int direction, int size)
    {
        var stems = new List<string>();
        for (var i = from; i >= 0 && i < text.Stems.Count && stems.Count < size; i += direction)
            stems.AddRange(text.Stems[i]);
        return text.Model.Vector(stems);
    }

    /// <summary>Sentences that open a host's turn containing a question (in a transcript without speakers: questions).</summary>
    private static List<int> QuestionStarts(EpisodeText text, IReadOnlySet<string> quotable)
    {
        var sentences = text.Sentences;
        var starts = new List<int>();
        var turnStart = 0;
        for (var i = 0; i < sentences.Count; i++)
        {
            if (i > 0 && text.Turns[i] != text.Turns[i - 1])
                turnStart = i;
            if (!sentences[i].IsQuestion)
                continue;
            var speakerKnown = sentences[i].Speaker.Length > 0;
            if (speakerKnown && quotable.Contains(sentences[i].Speaker))
                continue;
            var start = speakerKnown ? turnStart : i;
            if (!starts.Contains(start))
                starts.Add(start);
        }

        return starts;
    }

    private static int Snap(IReadOnlyList<TranscriptSentence> sentences, int start, List<int> questions)
    {
        var at = sentences[start].Start;
        var nearest = questions
            .Where(q => (sentences[q].Start - at).Duration() <= SnapDistance)
            .OrderBy(q => (sentences[q].Start - at).Duration())
            .ThenBy(q => q)
            .Cast<int?>()
            .FirstOrDefault();
        return nearest ?? start;
    }
}

/// <summary>Titles from key phrases: runs of content words scored by TF-IDF within the chapter against the episode.</summary>
internal static class KeyPhrases
{
    public static string Title(EpisodeText text, int first, int last, IReadOnlyList<string> speakerNames, int chapterIndex)
    {
        var nameWords = speakerNames.SelectMany(n => Terms.Words(n)).ToHashSet(StringComparer.Ordinal);
        var phrases = new Dictionary<string, (string Surface, double Score, int FirstSeen)>(StringComparer.Ordinal);
        for (var i = first; i <= last; i++)
        {
            // The question that opens a chapter names its topic; its phrases count double.
            var weight = text.Sentences[i].IsQuestion ? 2.0 : 1.0;
            foreach (var phrase in Runs(text.Sentences[i].Text, nameWords))
            {
                var key = string.Join(' ', phrase.Select(w => Terms.Stem(w.ToLowerInvariant())));
                var idf = phrase.Average(w => text.Model.Idf(Terms.Stem(w.ToLowerInvariant())));
                var score = weight * idf * (1 + (0.6 * (phrase.Count - 1)));
                var surface = string.Join(' ', phrase);
                phrases[key] = phrases.TryGetValue(key, out var p) ? (p.Surface, p.Score + score, p.FirstSeen) : (surface, score, phrases.Count);
            }
        }

        var ranked = phrases.Values.OrderByDescending(p => p.Score).ThenBy(p => p.FirstSeen).ToList();
        if (ranked.Count == 0)
            return chapterIndex == 0 ? "Introduction" : string.Create(CultureInfo.InvariantCulture, $"Part {chapterIndex + 1}");
        var title = ranked[0].Surface;
        var second = ranked.Skip(1).FirstOrDefault(p => p.Score >= ranked[0].Score * 0.5
            && !p.Surface.Contains(title, StringComparison.OrdinalIgnoreCase) && !title.Contains(p.Surface, StringComparison.OrdinalIgnoreCase));
        if (second.Surface is not null)
            title = $"{title} and {second.Surface}";
        return char.ToUpperInvariant(title[0]) + title[1..];
    }

    /// <summary>Maximal runs of content words (at most three) between function words and punctuation, as spoken.</summary>
    private static List<List<string>> Runs(string sentence, HashSet<string> nameWords)
    {
        var runs = new List<List<string>>();
        var current = new List<string>();
        void Close()
        {
            if (current.Count > 0)
                runs.Add(current.Count <= 3 ? current : current[^3..]);
            current = [];
        }

        foreach (var raw in sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('"', '\'', '\u201C', '\u201D', '(', ')', ',', ';', ':', '.', '?', '!', '\u2014');
            var lower = word.ToLowerInvariant();
            var breaksAfter = raw.Length > 0 && raw[^1] is ',' or ';' or ':' or '.' or '?' or '!';
            if (word.Length == 0 || !Terms.IsContent(lower) || nameWords.Contains(lower) || lower.Any(char.IsDigit))
            {
                Close();
                continue;
            }

            current.Add(word);
            if (breaksAfter)
                Close();
        }

        Close();
        return runs;
    }
}
