using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Podcast.Shows;

namespace Podcast.Site;

/// <summary>The show's front page: cover, description, how to subscribe, and every episode, newest first.</summary>
internal static class ShowPage
{
    public static string Render(Show show, IReadOnlyList<Episode> episodes, string? coverFile)
    {
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(episodes);

        var coverUrl = coverFile is null ? null : ShowFolder.PublicUrl(show, coverFile.Split('/')).AbsoluteUri;
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "PodcastSeries",
            ["name"] = show.Title,
            ["description"] = show.Description,
            ["url"] = show.BaseUrl.AbsoluteUri,
            ["webFeed"] = show.FeedUrl.AbsoluteUri,
            ["inLanguage"] = show.Language,
            ["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = show.Author },
        };
        if (coverUrl is not null)
            ld["image"] = coverUrl;

        var html = new StringBuilder(16 * 1024);
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{Html.Text(show.Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.Text(show.Title)}</title>
            <meta name="description" content="{Html.Text(show.Description)}">
            <link rel="canonical" href="{Html.Url(show.BaseUrl.AbsoluteUri)}">
            <link rel="alternate" type="application/rss+xml" title="{Html.Text(show.Title)}" href="{Html.Url(show.FeedUrl.AbsoluteUri)}">
            <meta property="og:type" content="website">
            <meta property="og:site_name" content="{Html.Text(show.Title)}">
            <meta property="og:title" content="{Html.Text(show.Title)}">
            <meta property="og:description" content="{Html.Text(show.Description)}">
            <meta property="og:url" content="{Html.Url(show.BaseUrl.AbsoluteUri)}">

            """);
        if (coverUrl is not null)
            html.Append($"<meta property=\"og:image\" content=\"{Html.Url(coverUrl)}\">\n");
        html.Append($"""
            <script type="application/ld+json">{Html.ScriptJson(ld)}</script>
            <style>{SiteAssets.Style}</style>
            </head>
            <body>
            <main class="show">
            <header class="show-head">

            """);
        if (coverFile is not null)
            html.Append($"<img class=\"show-cover\" src=\"{Html.Url(Html.RelativeUrl(coverFile.Split('/')))}\" alt=\"\">\n");
        html.Append($"""
            <div>
            <h1>{Html.Text(show.Title)}</h1>
            <p class="dek">{Html.Text(show.Description)}</p>
            {(show.Hosts.Count > 0 ? $"<p class=\"byline\">Hosted by <span class=\"people\">{Html.Text(Html.Names(show.Hosts))}</span></p>" : string.Empty)}
            </div>
            </header>
            {SubscribeLinks(show, string.Empty)}
            <section class="episodes" aria-labelledby="episodes">
            <h2 id="episodes">Episodes</h2>

            """);
        if (episodes.Count == 0)
            html.Append("<p>No episodes yet.</p>\n");
        else
            html.Append("<ol class=\"episode-list\">\n");
        foreach (var episode in episodes)
        {
            var href = Html.RelativeUrl("episodes", episode.Slug, "index.html");
            html.Append($"""
                <li>
                <h3><a href="{Html.Url(href)}">{Html.Text(episode.Title)}</a></h3>
                <p class="meta"><time datetime="{Html.Text(episode.Published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}">{Html.Text(episode.Published.ToString("d MMMM yyyy", CultureInfo.InvariantCulture))}</time> · {Html.Text(Html.Clock(episode.DurationSeconds))}</p>

                """);
            if (episode.Summary.Length > 0)
                html.Append($"<p>{Html.Text(episode.Summary)}</p>\n");
            html.Append("</li>\n");
        }

        if (episodes.Count > 0)
            html.Append("</ol>\n");
        html.Append("</section>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>
    /// The feed's public URL to copy, and the app links that subscribe to it. They are plain links: nothing is
    /// fetched from the apps' sites until a listener follows one.
    /// </summary>
    public static string SubscribeLinks(Show show, string toRoot)
    {
        var feed = show.FeedUrl.AbsoluteUri;
        var bare = feed[(show.FeedUrl.Scheme.Length + 3)..];
        var apps = new (string Name, string Href)[]
        {
            ("Apple Podcasts", "podcast://" + bare),
            ("Overcast", "overcast://x-callback-url/add?url=" + Uri.EscapeDataString(feed)),
            ("Pocket Casts", "pktc://subscribe/" + bare),
            ("RSS", feed),
        };
        var html = new StringBuilder();
        html.Append("<section class=\"subscribe\" aria-label=\"Subscribe\">\n<p class=\"label\">Subscribe in your podcast app</p>\n<ul>\n");
        foreach (var (name, href) in apps)
            html.Append($"<li><a href=\"{Html.Url(href)}\">{Html.Text(name)}</a></li>\n");
        html.Append($"""
            </ul>
            <p class="feed-url"><label>Feed URL <input type="text" readonly value="{Html.Text(feed)}" onfocus="this.select()"></label>
            <a href="{Html.Url(toRoot + "feed.xml")}">feed.xml</a></p>
            </section>

            """);
        return html.ToString();
    }
}
