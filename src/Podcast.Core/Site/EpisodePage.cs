using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Podcast.Shows;

namespace Podcast.Site;

/// <summary>
/// One episode's page, in the shape of the article the editors wrote by hand for a call: headline, dek, byline,
/// cover, the player, the highlights as pull quotes, the chapters, and the full transcript. Every time on the page
/// is a link to the audio with a media fragment (<c>#t=</c>) that the inlined script turns into a seek of the
/// page's player; without script the link still plays the file from that time.
/// </summary>
internal static class EpisodePage
{
    /// <summary>Where the page sits relative to the show folder: episodes/&lt;slug&gt;/index.html.</summary>
    private const string ToRoot = "../../";

    /// <summary>A speaker's consecutive sentences are shown as one paragraph of at most this many sentences.</summary>
    private const int MaxSentencesPerParagraph = 6;

    public static string Render(Show show, Episode episode, EpisodeMedia media, string? coverFile)
    {
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(media);

        // The same address as the feed item's <link>, so crawlers and link previews see one URL per episode.
        var pageUrl = ShowFolder.PublicUrl(show, "episodes", episode.Slug, StaticSiteWriter.PageName).AbsoluteUri;
        var audioUrl = ShowFolder.PublicUrl(show, "episodes", episode.Slug, episode.Audio.FileName).AbsoluteUri;
        var coverUrl = coverFile is null ? null : ShowFolder.PublicUrl(show, coverFile.Split('/')).AbsoluteUri;
        var audio = Html.RelativeUrl(episode.Audio.FileName);
        var hosts = Names(episode, "host", show.Hosts);
        var guests = Names(episode, "guest", []);
        var description = episode.Summary.Length > 0 ? episode.Summary : show.Description;

        var html = new StringBuilder(64 * 1024);
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{Html.Text(show.Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.Text(episode.Title)} · {Html.Text(show.Title)}</title>
            <meta name="description" content="{Html.Text(description)}">
            <link rel="canonical" href="{Html.Url(pageUrl)}">
            <link rel="alternate" type="application/rss+xml" title="{Html.Text(show.Title)}" href="{Html.Url(show.FeedUrl.AbsoluteUri)}">
            <meta property="og:type" content="article">
            <meta property="og:site_name" content="{Html.Text(show.Title)}">
            <meta property="og:title" content="{Html.Text(episode.Title)}">
            <meta property="og:description" content="{Html.Text(description)}">
            <meta property="og:url" content="{Html.Url(pageUrl)}">
            <meta property="og:audio" content="{Html.Url(audioUrl)}">
            <meta property="og:audio:type" content="{Html.Text(episode.Audio.MimeType)}">
            <meta property="article:published_time" content="{Html.Text(episode.Published.ToString("o", CultureInfo.InvariantCulture))}">

            """);
        if (coverUrl is not null)
            html.Append($"<meta property=\"og:image\" content=\"{Html.Url(coverUrl)}\">\n");
        html.Append($"""
            <meta name="twitter:card" content="summary">
            <script type="application/ld+json">{Html.ScriptJson(JsonLd(show, episode, pageUrl, audioUrl, coverUrl, description))}</script>
            <style>{SiteAssets.Style}</style>
            </head>
            <body>
            <header class="masthead"><a href="{ToRoot}index.html">{Html.Text(show.Title)}</a></header>
            <main>
            <article class="episode">
            <h1>{Html.Text(episode.Title)}</h1>

            """);
        if (episode.Summary.Length > 0)
            html.Append($"<p class=\"dek\">{Html.Text(episode.Summary)}</p>\n");
        // The cover sits beside the byline, as a podcast app shows it, so the player stays near the top of a phone screen.
        html.Append("<div class=\"lead\">\n");
        if (coverFile is not null)
            html.Append($"<figure class=\"cover\"><img src=\"{Html.Url(ToRoot + Html.RelativeUrl(coverFile.Split('/')))}\" alt=\"{Html.Text(show.Title)}\"></figure>\n");
        html.Append("<p class=\"byline\">");
        if (hosts.Count > 0)
            html.Append($"Hosted by <span class=\"people\">{Html.Text(Html.Names(hosts))}</span>");
        if (guests.Count > 0)
            html.Append($"{(hosts.Count > 0 ? " with " : "With ")}<span class=\"people\">{Html.Text(Html.Names(guests))}</span>");
        html.Append($"""
            <span class="meta">Published on <time datetime="{Html.Text(episode.Published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}">{Html.Text(episode.Published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))}</time>
            · Listen time <time datetime="{Html.IsoDuration(episode.DurationSeconds)}">{Html.Text(Html.ListenTime(episode.DurationSeconds).ToLowerInvariant())}</time></span></p>
            </div>

            """);

        html.Append($"""
            <div class="player" id="listen">
            <p class="listen-label">Listen to the whole call</p>
            <audio id="player" controls preload="metadata" src="{Html.Url(audio)}"><a href="{Html.Url(audio)}">Download the recording</a></audio>
            <p class="now" id="now" aria-live="polite"></p>
            </div>

            """);

        AppendHighlights(html, episode, media, audio);
        AppendChapters(html, media, audio);
        AppendTranscript(html, media, audio);

        html.Append("</article>\n</main>\n");
        AppendFooter(html, show, episode);
        html.Append($"<script>{SiteAssets.Player}</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendHighlights(StringBuilder html, Episode episode, EpisodeMedia media, string audio)
    {
        if (episode.Soundbites.Count == 0)
            return;
        html.Append("<section class=\"highlights\" aria-labelledby=\"highlights\">\n<h2 id=\"highlights\">Highlights of the conversation</h2>\n");
        var n = 0;
        foreach (var bite in episode.Soundbites.OrderBy(b => b.StartSeconds))
        {
            n++;
            var start = Html.Seconds(bite.StartSeconds);
            html.Append(CultureInfo.InvariantCulture, $"""
                <figure class="quote" id="quote-{n}" data-seek="{start}" data-end="{Html.Seconds(bite.StartSeconds + bite.DurationSeconds)}">
                <blockquote><p>{Html.Text(QuoteText(bite, media))}</p></blockquote>
                <figcaption>
                """);
            if (!string.IsNullOrWhiteSpace(bite.Speaker))
                html.Append($"<span class=\"speaker\">{Html.Text(bite.Speaker)}</span> ");
            html.Append($"<a class=\"seek\" href=\"{Html.Url(audio)}#t={start}\" data-seek=\"{start}\">Listen at <time>{Html.Clock(bite.StartSeconds)}</time></a></figcaption>\n</figure>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>
    /// The quote in full: the transcript's sentences inside the soundbite, since its title may be cut to the 128
    /// characters the feed allows; only the quoted speaker's, so a question asked within the clip is not put in the
    /// guest's mouth. The title when the transcript has no such sentence, or when the bite is credited to no one (its
    /// speaker is a guess) while the clip holds more than one speaker's words: who said which is what is in doubt.
    /// </summary>
    private static string QuoteText(Soundbite bite, EpisodeMedia media)
    {
        const double Slack = 0.05;
        var end = bite.StartSeconds + bite.DurationSeconds;
        var clip = media.Transcript
            .Where(s => s.StartSeconds >= bite.StartSeconds - Slack && s.EndSeconds <= end + Slack)
            .ToList();
        if (bite.Speaker is null && clip.Select(s => s.Speaker).Where(s => s is not null).Distinct(StringComparer.Ordinal).Count() > 1)
            return bite.Title;
        var inside = clip
            .Where(s => bite.Speaker is null || s.Speaker is null || s.Speaker == bite.Speaker)
            .Select(s => s.Text.Trim())
            .ToList();
        return inside.Count > 0 ? string.Join(' ', inside) : bite.Title;
    }

    private static void AppendChapters(StringBuilder html, EpisodeMedia media, string audio)
    {
        if (media.Chapters.Count == 0)
            return;
        html.Append("<section class=\"chapters\" aria-labelledby=\"chapters\">\n<h2 id=\"chapters\">Chapters</h2>\n<ol>\n");
        foreach (var chapter in media.Chapters)
        {
            var start = Html.Seconds(chapter.StartSeconds);
            html.Append($"<li data-start=\"{start}\"><a class=\"seek\" href=\"{Html.Url(audio)}#t={start}\" data-seek=\"{start}\"><time>{Html.Clock(chapter.StartSeconds)}</time> <span class=\"title\">{Html.Text(chapter.Title)}</span></a></li>\n");
        }

        html.Append("</ol>\n</section>\n");
    }

    private static void AppendTranscript(StringBuilder html, EpisodeMedia media, string audio)
    {
        if (media.Transcript.Count == 0)
            return;
        html.Append("<section class=\"transcript\" aria-labelledby=\"transcript\">\n<h2 id=\"transcript\">Transcript</h2>\n");
        foreach (var paragraph in Paragraphs(media.Transcript))
        {
            var first = paragraph[0];
            var start = Html.Seconds(first.StartSeconds);
            html.Append("<div class=\"turn\">\n<p class=\"who\">");
            if (first.Speaker is not null)
                html.Append($"<span class=\"speaker\">{Html.Text(first.Speaker)}</span> ");
            html.Append($"<a class=\"stamp seek\" href=\"{Html.Url(audio)}#t={start}\" data-seek=\"{start}\"><time>{Html.Clock(first.StartSeconds)}</time></a></p>\n<p class=\"said\">");
            html.AppendJoin(' ', paragraph.Select(s =>
                $"<span class=\"seg\" data-start=\"{Html.Seconds(s.StartSeconds)}\" data-end=\"{Html.Seconds(s.EndSeconds)}\">{Html.Text(s.Text)}</span>"));
            html.Append("</p>\n</div>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendFooter(StringBuilder html, Show show, Episode episode)
    {
        html.Append("<footer class=\"colophon\">\n");
        html.Append($"<p class=\"about\">{Html.Text(show.Description)}</p>\n");
        html.Append(ShowPage.SubscribeLinks(show, ToRoot));
        html.Append("<p class=\"files\">Download: ");
        var files = new List<string>
        {
            $"<a href=\"{Html.Url(Html.RelativeUrl(episode.Audio.FileName))}\" download>the recording ({Html.Text(Megabytes(episode.Audio.Length))})</a>",
        };
        files.AddRange(episode.Transcripts.Select(t =>
            $"<a href=\"{Html.Url(Html.RelativeUrl(t.FileName))}\">{Html.Text(TranscriptLabel(t))}</a>"));
        html.AppendJoin(" · ", files);
        html.Append("</p>\n</footer>\n");
    }

    private static JsonObject JsonLd(Show show, Episode episode, string pageUrl, string audioUrl, string? coverUrl, string description)
    {
        var people = new JsonArray([.. episode.People.Select(p => (JsonNode)new JsonObject { ["@type"] = "Person", ["name"] = p.Name, ["roleName"] = p.Role })]);
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "PodcastEpisode",
            ["url"] = pageUrl,
            ["name"] = episode.Title,
            ["description"] = description,
            ["datePublished"] = episode.Published.ToString("o", CultureInfo.InvariantCulture),
            ["duration"] = Html.IsoDuration(episode.DurationSeconds),
            ["actor"] = people,
            ["associatedMedia"] = new JsonObject
            {
                ["@type"] = "AudioObject",
                ["contentUrl"] = audioUrl,
                ["encodingFormat"] = episode.Audio.MimeType,
                ["contentSize"] = episode.Audio.Length.ToString(CultureInfo.InvariantCulture),
                ["duration"] = Html.IsoDuration(episode.DurationSeconds),
            },
            ["partOfSeries"] = new JsonObject
            {
                ["@type"] = "PodcastSeries",
                ["name"] = show.Title,
                ["url"] = show.BaseUrl.AbsoluteUri,
                ["webFeed"] = show.FeedUrl.AbsoluteUri,
            },
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = show.Author },
        };
        if (episode.Number is { } number)
            ld["episodeNumber"] = number;
        if (coverUrl is not null)
            ld["image"] = coverUrl;
        return ld;
    }

    private static List<string> Names(Episode episode, string role, IReadOnlyList<string> fallback)
    {
        var names = episode.People.Where(p => string.Equals(p.Role, role, StringComparison.OrdinalIgnoreCase)).Select(p => p.Name).ToList();
        return names.Count > 0 || episode.People.Count > 0 ? names : [.. fallback];
    }

    /// <summary>Consecutive sentences of one speaker, split so no paragraph runs on for a whole monologue.</summary>
    private static IEnumerable<List<PageSegment>> Paragraphs(IReadOnlyList<PageSegment> segments)
    {
        var current = new List<PageSegment>();
        foreach (var segment in segments)
        {
            if (current.Count > 0 && (current[0].Speaker != segment.Speaker || current.Count >= MaxSentencesPerParagraph))
            {
                yield return current;
                current = [];
            }

            current.Add(segment);
        }

        if (current.Count > 0)
            yield return current;
    }

    private static string Megabytes(long bytes) =>
        (bytes / 1_000_000.0).ToString(bytes < 10_000_000 ? "0.0" : "0", CultureInfo.InvariantCulture) + " MB";

    private static string TranscriptLabel(EpisodeFile file) => file.MimeType switch
    {
        "text/vtt" => "transcript (WebVTT)",
        "application/x-subrip" => "transcript (SRT)",
        "application/json" => "transcript (JSON)",
        _ => "transcript (" + Path.GetExtension(file.FileName).TrimStart('.') + ")",
    };
}
