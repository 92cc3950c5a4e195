using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Podcast.Transcription;

namespace Podcast.Highlights;

/// <summary>What the show notes say about the episode besides what the transcript gives.</summary>
public sealed record NotesRequest
{
    public required string Title { get; init; }
    public required string ShowTitle { get; init; }

    /// <summary>The dek; when empty one is made from the people and the chapters.</summary>
    public string Summary { get; init; } = string.Empty;
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public IReadOnlyList<string> Guests { get; init; } = [];
    public required Uri AudioUrl { get; init; }
    public required Uri FeedUrl { get; init; }
    public Uri? PageUrl { get; init; }
}

/// <summary>The notes in both forms: Markdown for the producer to edit, HTML for the feed.</summary>
public sealed record EpisodeNotes(string Markdown, string Html);

/// <summary>
/// Show notes in the shape of the article Syria Deeply's editors wrote by hand after a call: a dek, a framing taken from
/// the host's introduction, "Here are a few highlights of the conversation." with each quote attributed by name and
/// linked to its moment in the audio (a W3C media fragment, <c>#t=seconds</c>), the chapters, and where to listen.
/// The HTML uses only the tags Apple allows in an item's description (p, ol, ul, li, a) and stays under its 4000 bytes,
/// dropping the chapter list and then the last quotes if it must.
/// </summary>
public static partial class ShowNotes
{
    public const string MarkdownFileName = "notes.md";
    public const string HtmlFileName = "notes.html";
    public const int MaxHtmlBytes = 4000;

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().Build();

    public static EpisodeNotes Compose(NotesRequest request, Transcript transcript, IReadOnlyList<Highlight> highlights, IReadOnlyList<Chapter> chapters)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(highlights);
        ArgumentNullException.ThrowIfNull(chapters);
        var quotes = highlights.OrderBy(h => h.Start).ToList();
        var withChapters = chapters.Count > 1;
        while (true)
        {
            var markdown = Write(request, transcript, quotes, withChapters ? chapters : []);
            var html = ToHtml(markdown);
            if (Encoding.UTF8.GetByteCount(html) <= MaxHtmlBytes || (!withChapters && quotes.Count == 0))
                return new EpisodeNotes(markdown, html);
            if (withChapters)
                withChapters = false;
            else
                quotes.RemoveAt(quotes.Count - 1);
        }
    }

    /// <summary>Markdown to the HTML a feed may carry: p, ol, ul, li and a (href only); headings and quotes become paragraphs, other tags keep only their text.</summary>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = Markdig.Markdown.ToHtml(markdown, Markdown);
        html = Tag().Replace(html, m =>
        {
            var closing = m.Groups[1].Value;
            var name = m.Groups[2].Value.ToLowerInvariant();
            switch (name)
            {
                case "p" or "ol" or "ul" or "li":
                    return $"<{closing}{name}>";
                case "a":
                    if (closing.Length > 0)
                        return "</a>";
                    var href = Href().Match(m.Value);
                    return href.Success ? $"<a href=\"{href.Groups[1].Value}\">" : "<a>";
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote" or "pre":
                    return name == "blockquote" ? string.Empty : $"<{closing}p>";
                default:
                    return string.Empty;
            }
        });
        return html.Trim();
    }

    private static string Write(NotesRequest request, Transcript transcript, IReadOnlyList<Highlight> quotes, IReadOnlyList<Chapter> chapters)
    {
        var md = new StringBuilder();
        var dek = request.Summary.Trim().Length > 0 ? request.Summary.Trim() : Dek(request, chapters);
        md.Append('*').Append(Escape(dek)).Append("*\n\n");

        var framing = Framing(transcript, request.Guests);
        if (framing is not null)
            md.Append(Escape(framing.Value.Speaker)).Append(" opened the conversation: \u201C").Append(Escape(framing.Value.Text)).Append("\u201D\n\n");

        if (quotes.Count > 0)
        {
            md.Append("Here are a few highlights of the conversation.\n\n");
            foreach (var q in quotes)
            {
                md.Append('\u201C').Append(Escape(q.Text)).Append("\u201D \u2014 ");
                // A quote whose speaker is a guess is credited to no one: better no name than a wrong one.
                if (q.CreditedSpeaker.Length > 0)
                    md.Append(Escape(q.CreditedSpeaker)).Append(", ");
                md.Append('[').Append(Clock(q.Start)).Append("](").Append(At(request.AudioUrl, q.Start)).Append(")\n\n");
            }
        }

        if (chapters.Count > 0)
        {
            md.Append("Chapters:\n\n");
            var n = 1;
            foreach (var c in chapters)
                md.Append(CultureInfo.InvariantCulture, $"{n++}. [{Clock(c.Start)}]({At(request.AudioUrl, c.Start)}) {Escape(c.Title)}\n");
            md.Append('\n');
        }

        md.Append("Listen to the whole call here: [").Append(Escape(request.Title)).Append("](").Append(request.AudioUrl.AbsoluteUri).Append(')');
        if (request.PageUrl is not null)
            md.Append(", with its transcript on [the episode page](").Append(request.PageUrl.AbsoluteUri).Append(')');
        md.Append(". Subscribe to ").Append(Escape(request.ShowTitle)).Append(" in any podcast app with [its feed](").Append(request.FeedUrl.AbsoluteUri).Append(").\n");
        return md.ToString();
    }

    private static string Dek(NotesRequest request, IReadOnlyList<Chapter> chapters)
    {
        var hosts = request.Hosts.Count > 0 ? Names(request.Hosts) : "the hosts";
        var who = request.Guests.Count > 0
            ? $"On {request.ShowTitle}, {hosts} talk with {Names(request.Guests)}"
            : $"On {request.ShowTitle}, {hosts} talk";
        var topics = chapters.Skip(1).Select(c => c.Title).Take(4).ToList();
        return topics.Count == 0 ? who + "." : $"{who}. In this episode: {string.Join("; ", topics)}.";
    }

    /// <summary>The host's introduction before the guest first speaks, without greetings, questions and self-introductions.</summary>
    private static (string Speaker, string Text)? Framing(Transcript transcript, IReadOnlyList<string> guests)
    {
        var text = new EpisodeText(transcript);
        var quotable = text.QuotableSpeakers(guests);
        var intro = text.Sentences.TakeWhile(s => !quotable.Contains(s.Speaker)).ToList();
        if (intro.Count == 0 || intro.Count == text.Sentences.Count)
            return null;
        var speaker = intro[0].Speaker;
        var kept = intro
            .Where(s => s.Speaker == speaker && !s.IsQuestion && !Standalone.IsCourtesy(s.Text) && !SelfIntroduction().IsMatch(s.Text))
            .Take(3)
            .Select(s => s.Text)
            .ToList();
        return kept.Count == 0 || speaker.Length == 0 ? null : (speaker, string.Join(' ', kept));
    }

    private static string Names(IReadOnlyList<string> names) => names.Count switch
    {
        0 => string.Empty,
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    private static string At(Uri audio, TimeSpan t) =>
        audio.AbsoluteUri + "#t=" + ((long)Math.Floor(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Clock(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>Backslash-escapes the characters Markdown would read as markup, so spoken words stay words.</summary>
    private static string Escape(string text) => MarkdownSpecial().Replace(text, @"\$0");

    [GeneratedRegex(@"[\\`*_\[\]<>#|~]")]
    private static partial Regex MarkdownSpecial();

    [GeneratedRegex(@"^\s*(I'm|I am|I’m|my name is|this is)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SelfIntroduction();

    [GeneratedRegex(@"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
