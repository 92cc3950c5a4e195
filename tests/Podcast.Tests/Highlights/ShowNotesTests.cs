using System.Text.RegularExpressions;
using Podcast.Highlights;
using Podcast.Tests.Support;

namespace Podcast.Tests.Highlights;

public sealed partial class ShowNotesTests
{
    private static readonly NotesRequest Request = Some.NotesRequest;

    [Fact]
    public void NotesFollowTheArticleShapeWithAttributedTimestampedQuotes()
    {
        var transcript = new Talk()
            .Says("Ann Host", "Welcome to Field Notes.", "I'm Ann Host.", "Today we are looking at why old bridges fail.")
            .Says("Bo Guest", "Most old bridges never fail because of one storm.")
            .Build();
        var quote = new Highlight(TimeSpan.FromSeconds(71.6), TimeSpan.FromSeconds(80), "Bo Guest", "Most old bridges never fail because of one <big> storm.");
        var chapters = new[] { new Chapter(TimeSpan.Zero, TimeSpan.FromSeconds(60), "Intro"), new Chapter(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90), "Old bridges") };

        var notes = ShowNotes.Compose(Request, transcript, [quote], chapters);

        Assert.Contains("Ann Host opened the conversation: \u201CToday we are looking at why old bridges fail.\u201D", notes.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome to Field Notes", notes.Html, StringComparison.Ordinal);
        Assert.Contains("<p>Here are a few highlights of the conversation.</p>", notes.Html, StringComparison.Ordinal);
        Assert.Contains("one &lt;big&gt; storm.\u201D \u2014 Bo Guest, <a href=\"https://example.org/show/episodes/bridges/bridges.mp3#t=71\">1:11</a>", notes.Html, StringComparison.Ordinal);
        Assert.Contains("<ol>", notes.Html, StringComparison.Ordinal);
        Assert.Contains("Old bridges", notes.Markdown, StringComparison.Ordinal);
        Assert.Contains("https://example.org/show/feed.xml", notes.Html, StringComparison.Ordinal);
        Assert.All(Tags().Matches(notes.Html).Select(m => m.Groups[1].Value), t => Assert.Contains(t, new[] { "p", "ol", "ul", "li", "a" }));
    }

    [Fact]
    public void AProducersMarkdownKeepsOnlyTheTagsAFeedDescriptionAllows()
    {
        var html = ShowNotes.ToHtml("## Heading\n\nSome **bold** and a [link](https://example.org \"t\").\n\n<script>alert(1)</script>\n\n> quoted\n\n- one\n- two\n");

        Assert.All(Tags().Matches(html).Select(m => m.Groups[1].Value), t => Assert.Contains(t, new[] { "p", "ol", "ul", "li", "a" }));
        Assert.Contains("<a href=\"https://example.org\">link</a>", html, StringComparison.Ordinal);
        Assert.Contains("Heading", html, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void NotesTooLongForADescriptionDropTheChaptersThenTheLastQuotes()
    {
        var transcript = new Talk().Says("Ann Host", "Today we talk.").Says("Bo Guest", "Bridges matter.").Build();
        var quotes = Enumerable.Range(0, 30).Select(i => new Highlight(TimeSpan.FromSeconds(i * 60), TimeSpan.FromSeconds((i * 60) + 20), "Bo Guest",
            string.Join(' ', Enumerable.Repeat($"Quote {i} says something long about bridges.", 4)))).ToList();
        var chapters = Enumerable.Range(0, 20).Select(i => new Chapter(TimeSpan.FromSeconds(i * 90), TimeSpan.FromSeconds((i + 1) * 90), $"Chapter {i}")).ToList();

        var notes = ShowNotes.Compose(Request, transcript, quotes, chapters);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(notes.Html) <= ShowNotes.MaxHtmlBytes);
        Assert.DoesNotContain("<ol>", notes.Html, StringComparison.Ordinal);
        Assert.Contains("Quote 0 says", notes.Html, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"</?([a-zA-Z0-9]+)")]
    private static partial Regex Tags();
}
