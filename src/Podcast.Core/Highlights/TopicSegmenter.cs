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
        var threshold = mean;
        var questions = QuestionStarts(text, quotable);
        // About one chapter a minute at most in a short call, a chapter every five minutes or more in a long one.
        var minLength = TimeSpan.FromSeconds(Math.Max(30, text.End.TotalSeconds / 12));
        var maxChapters = Math.Clamp((int)text.End.TotalMinutes + 1, 2, 15);

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

/// <summary>
/// Titles from key phrases: runs of up to three content words, scored by how often the chapter says them, how rare they
/// are in the episode (IDF), how much of their use falls in this chapter, and whether they are names (capitalised
/// mid-sentence) or appear in a question, since an interviewer's question names the topic.
/// </summary>
internal static class KeyPhrases
{
    /// <summary>Words that make poor titles on their own: courtesy, talk about the talk, vague verbs and time words.</summary>
    private static readonly HashSet<string> NotTitleWords = new(StringComparer.Ordinal)
    {
        "welcome", "hello", "hi", "thank", "thanks", "bye", "happened", "happen", "happens", "went", "wrong", "work", "works",
        "worked", "use", "used", "uses", "help", "helps", "helped", "start", "started", "talk", "talking", "talked", "tell",
        "told", "let", "begin", "question", "questions", "listener", "listeners", "listening", "show", "episode", "guest",
        "guests", "week", "weeks", "year", "years", "month", "months", "day", "days", "minute", "minutes", "bit", "anymore",
        "coming", "joining", "joined", "join", "having", "hear", "heard", "call", "called", "everyone", "anyone", "someone",
        "somebody", "nobody", "part", "lot", "least", "fast", "quickly", "happy", "glad", "pleasure", "finally", "end",
        "remember", "remembers", "imagine", "assume", "find", "found", "put", "give", "gave", "keep", "kept", "try", "tried",
        "mentioned", "mention", "wrote", "write", "ask", "asked", "says", "saying", "seen", "seem", "seems", "getting", "whole",
    };

    public static string Title(EpisodeText text, int first, int last, IReadOnlyList<string> speakerNames, int chapterIndex)
    {
        var nameWords = speakerNames.SelectMany(n => Terms.Words(n)).ToHashSet(StringComparer.Ordinal);
        var episodeCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < text.Sentences.Count; i++)
        {
            foreach (var phrase in Runs(text.Sentences[i].Text, nameWords))
                episodeCounts[Key(phrase.Words)] = episodeCounts.GetValueOrDefault(Key(phrase.Words)) + 1;
        }

        var phrases = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        for (var i = first; i <= last; i++)
        {
            if (Standalone.IsCourtesy(text.Sentences[i].Text))
                continue; // "Welcome to <show>" names the show, not the topic
            var inQuestion = text.Sentences[i].IsQuestion;
            foreach (var phrase in Runs(text.Sentences[i].Text, nameWords))
            {
                var key = Key(phrase.Words);
                var c = phrases.TryGetValue(key, out var found) ? found : new Candidate(string.Join(' ', phrase.Words), phrases.Count);
                c.Count++;
                c.InQuestion |= inQuestion;
                c.Name |= phrase.Capitalised;
                phrases[key] = c;
            }
        }

        var ranked = phrases
            .Select(kv =>
            {
                var (key, c) = (kv.Key, kv.Value);
                var words = key.Split(' ');
                var idf = words.Average(text.Model.Idf);
                var share = (double)c.Count / Math.Max(c.Count, episodeCounts.GetValueOrDefault(key));
                var score = c.Count * idf * share * words.Length * (c.Name ? 1.4 : 1) * (c.InQuestion ? 1.6 : 1);
                var eligible = words.Length > 1 || c.Count > 2 || c.Name;
                return (c.Surface, Score: eligible ? score : score * 0.3, c.FirstSeen);
            })
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.FirstSeen)
            .ToList();
        if (ranked.Count == 0)
            return chapterIndex == 0 ? "Introduction" : string.Create(CultureInfo.InvariantCulture, $"Part {chapterIndex + 1}");
        var title = ranked[0].Surface;
        // A second phrase only when it is as strong and both are real phrases: "Key stakeholders and al-Qaida".
        var second = ranked.Skip(1).FirstOrDefault(p => p.Score >= ranked[0].Score * 0.75
            && p.Surface.Contains(' ', StringComparison.Ordinal) && title.Contains(' ', StringComparison.Ordinal) && !Shares(p.Surface, title));
        if (second.Surface is not null)
            title = $"{title} and {second.Surface}";
        return char.ToUpperInvariant(title[0]) + title[1..];
    }

    private static string Key(IEnumerable<string> words) => string.Join(' ', words.Select(w => Terms.Stem(w.ToLowerInvariant())));

    private static bool Shares(string a, string b) =>
        Terms.Words(a).Select(Terms.Stem).Intersect(Terms.Words(b).Select(Terms.Stem), StringComparer.Ordinal).Any();

    /// <summary>Maximal runs of content words (the last three of a longer run) between function words and punctuation, as spoken.</summary>
    private static List<(List<string> Words, bool Capitalised)> Runs(string sentence, HashSet<string> nameWords)
    {
        var runs = new List<(List<string>, bool)>();
        var current = new List<string>();
        var capitalised = true;
        var position = 0;
        void Close()
        {
            // Verb forms at the edges of a run ("enforced mandatory conscription") are trimmed; the noun phrase stays.
            while (current.Count > 1 && IsVerbForm(current[0]))
                current.RemoveAt(0);
            while (current.Count > 1 && IsVerbForm(current[^1]))
                current.RemoveAt(current.Count - 1);
            if (current.Count > 0 && !(current.Count == 1 && IsVerbForm(current[0])))
                runs.Add((current.Count <= 3 ? current : current[^3..], capitalised));
            current = [];
            capitalised = true;
        }

        foreach (var raw in sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.Trim('"', '\'', '\u201C', '\u201D', '(', ')', ',', ';', ':', '.', '?', '!', '\u2014');
            var lower = word.ToLowerInvariant();
            var breaksAfter = raw.Length > 0 && raw[^1] is ',' or ';' or ':' or '.' or '?' or '!';
            var sentenceInitial = position++ == 0;
            if (word.Length == 0 || !Terms.IsContent(lower) || NotTitleWords.Contains(lower) || nameWords.Contains(lower)
                || lower.Any(char.IsDigit) || Quotability.NumberWords.Contains(lower) || lower.EndsWith("ly", StringComparison.Ordinal))
            {
                Close();
                continue;
            }

            current.Add(word);
            capitalised &= char.IsUpper(word[0]) && !sentenceInitial;
            if (breaksAfter)
                Close();
        }

        Close();
        return runs;
    }

    private static bool IsVerbForm(string word) =>
        char.IsLower(word[0]) && word.Length > 4 && (word.EndsWith("ed", StringComparison.Ordinal) || word.EndsWith("ing", StringComparison.Ordinal));

    private sealed class Candidate(string surface, int firstSeen)
    {
        public string Surface { get; } = surface;

        public int FirstSeen { get; } = firstSeen;

        public int Count { get; set; }

        public bool InQuestion { get; set; }

        public bool Name { get; set; }
    }
}
