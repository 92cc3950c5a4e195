using System.Globalization;
using System.Text;
using System.Xml;
using Podcast.Shows;

namespace Podcast.Feed;

/// <summary>
/// RSS 2.0 with the Apple (itunes:), content:, atom: and Podcasting 2.0 (podcast:) namespaces, as described in the
/// project's standards notes. Text is cleaned of characters XML forbids; descriptions are capped at 4000 bytes.
/// </summary>
internal sealed class RssFeedWriter : IFeedWriter
{
    public const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string Atom = "http://www.w3.org/2005/Atom";
    public const string PodcastNs = "https://podcastindex.org/namespace/1.0";
    public const int MaxDescriptionBytes = 4000;

    public string Render(Show show, IReadOnlyList<Episode> episodes)
    {
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(episodes);
        var output = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = true, OmitXmlDeclaration = true };
        output.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        using (var stringWriter = new Utf8StringWriter(output))
        using (var xml = XmlWriter.Create(stringWriter, settings))
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "itunes", null, Itunes);
            xml.WriteAttributeString("xmlns", "content", null, Content);
            xml.WriteAttributeString("xmlns", "atom", null, Atom);
            xml.WriteAttributeString("xmlns", "podcast", null, PodcastNs);
            xml.WriteStartElement("channel");
            WriteChannel(xml, show, episodes);
            foreach (var episode in episodes)
                WriteItem(xml, show, episode);
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        return output.Append('\n').ToString();
    }

    private static void WriteChannel(XmlWriter xml, Show show, IReadOnlyList<Episode> episodes)
    {
        Text(xml, "title", show.Title);
        Text(xml, "link", (show.Link ?? new Uri(show.BaseUrl, "index.html")).AbsoluteUri);
        CData(xml, null, "description", XmlText.Truncate(show.Description, MaxDescriptionBytes));
        Text(xml, "language", show.Language);
        if (show.Copyright is not null)
            Text(xml, "copyright", show.Copyright);
        Text(xml, "generator", "podcast");
        if (episodes.Count > 0)
            Text(xml, "lastBuildDate", Rfc2822(episodes.Max(e => e.Published)));

        xml.WriteStartElement("atom", "link", Atom);
        xml.WriteAttributeString("href", show.FeedUrl.AbsoluteUri);
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", "application/rss+xml");
        xml.WriteEndElement();
        // WebSub: subscribers that find a hub here subscribe to it, and deploy pings it with each new feed.
        foreach (var hub in show.Deploy.Hubs)
            Empty(xml, "atom", "link", Atom, ("href", hub.AbsoluteUri), ("rel", "hub"));

        Text(xml, "itunes", "author", show.Author);
        xml.WriteStartElement("itunes", "owner", Itunes);
        Text(xml, "itunes", "name", show.OwnerName);
        Text(xml, "itunes", "email", show.OwnerEmail);
        xml.WriteEndElement();
        Empty(xml, "itunes", "image", Itunes, ("href", CoverUrl(show).AbsoluteUri));
        xml.WriteStartElement("itunes", "category", Itunes);
        xml.WriteAttributeString("text", show.Category);
        if (show.Subcategory is not null)
            Empty(xml, "itunes", "category", Itunes, ("text", show.Subcategory));
        xml.WriteEndElement();
        Text(xml, "itunes", "explicit", show.Explicit ? "true" : "false");
        Text(xml, "itunes", "type", show.Type);

        Text(xml, "podcast", "guid", (show.PodcastGuid ?? PodcastGuid.ForFeedUrl(show.FeedUrl)).ToString());
        xml.WriteStartElement("podcast", "locked", PodcastNs);
        xml.WriteAttributeString("owner", show.OwnerEmail);
        xml.WriteString(show.Locked ? "yes" : "no");
        xml.WriteEndElement();
        foreach (var host in show.Hosts)
            Person(xml, new Person(host, "host"));
    }

    private static void WriteItem(XmlWriter xml, Show show, Episode episode)
    {
        xml.WriteStartElement("item");
        Text(xml, "title", episode.Title);
        var page = ShowFolder.PublicUrl(show, "episodes", episode.Slug, "index.html");
        Text(xml, "link", page.AbsoluteUri);
        // An empty description is worse than none: apps show it instead of falling back to itunes:summary or the title.
        if (episode.NotesHtml is not null || !string.IsNullOrWhiteSpace(episode.Summary))
            CData(xml, null, "description", XmlText.Truncate(episode.NotesHtml ?? Paragraph(episode.Summary), MaxDescriptionBytes));
        if (episode.NotesHtml is not null)
            CData(xml, "content", "encoded", XmlText.Clean(episode.NotesHtml), Content);
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(episode.Guid);
        xml.WriteEndElement();
        Text(xml, "pubDate", Rfc2822(episode.Published));
        Empty(xml, null, "enclosure", null,
            ("url", ShowFolder.PublicUrl(show, "episodes", episode.Slug, episode.Audio.FileName).AbsoluteUri),
            ("length", episode.Audio.Length.ToString(CultureInfo.InvariantCulture)),
            ("type", episode.Audio.MimeType));
        Text(xml, "itunes", "title", episode.Title);
        Text(xml, "itunes", "duration", ((long)Math.Round(episode.DurationSeconds)).ToString(CultureInfo.InvariantCulture));
        Text(xml, "itunes", "episodeType", episode.EpisodeType);
        if (episode.Season is { } season)
            Text(xml, "itunes", "season", season.ToString(CultureInfo.InvariantCulture));
        if (episode.Number is { } number)
            Text(xml, "itunes", "episode", number.ToString(CultureInfo.InvariantCulture));
        Text(xml, "itunes", "explicit", (episode.Explicit ?? show.Explicit) ? "true" : "false");
        Empty(xml, "itunes", "image", Itunes, ("href", CoverUrl(show).AbsoluteUri));
        if (!string.IsNullOrWhiteSpace(episode.Summary))
            Text(xml, "itunes", "summary", XmlText.Truncate(episode.Summary, MaxDescriptionBytes));

        foreach (var transcript in episode.Transcripts)
        {
            var attributes = new List<(string, string)>
            {
                ("url", ShowFolder.PublicUrl(show, "episodes", episode.Slug, transcript.FileName).AbsoluteUri),
                ("type", transcript.MimeType),
                ("language", show.Language),
            };
            if (transcript.MimeType == "text/vtt")
                attributes.Add(("rel", "captions"));
            Empty(xml, "podcast", "transcript", PodcastNs, [.. attributes]);
        }

        if (episode.Chapters is { } chapters)
        {
            Empty(xml, "podcast", "chapters", PodcastNs,
                ("url", ShowFolder.PublicUrl(show, "episodes", episode.Slug, chapters.FileName).AbsoluteUri),
                ("type", "application/json+chapters"));
        }

        foreach (var bite in episode.Soundbites)
        {
            xml.WriteStartElement("podcast", "soundbite", PodcastNs);
            xml.WriteAttributeString("startTime", Seconds(bite.StartSeconds));
            xml.WriteAttributeString("duration", Seconds(bite.DurationSeconds));
            xml.WriteString(XmlText.Truncate(bite.Title, 128));
            xml.WriteEndElement();
        }

        // An item's person list replaces the channel's, so the hosts are repeated here.
        foreach (var person in episode.People)
            Person(xml, person);
        if (episode.Season is { } s)
            Text(xml, "podcast", "season", s.ToString(CultureInfo.InvariantCulture));
        if (episode.Number is { } n)
            Text(xml, "podcast", "episode", n.ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    public static Uri CoverUrl(Show show) => ShowFolder.PublicUrl(show, ShowFeed.CoverName(show));

    /// <summary>RFC 2822 date in GMT, with English names whatever the machine's culture.</summary>
    public static string Rfc2822(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);

    private static string Seconds(double seconds) => Math.Round(seconds, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Paragraph(string text) => $"<p>{System.Net.WebUtility.HtmlEncode(text)}</p>";

    private static void Person(XmlWriter xml, Person person)
    {
        xml.WriteStartElement("podcast", "person", PodcastNs);
        xml.WriteAttributeString("role", person.Role);
        xml.WriteAttributeString("group", "cast");
        xml.WriteString(XmlText.Truncate(person.Name, 128));
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string name, string value) => xml.WriteElementString(name, XmlText.Clean(value));

    private static void Text(XmlWriter xml, string prefix, string name, string value)
    {
        var ns = prefix switch
        {
            "itunes" => Itunes,
            "podcast" => PodcastNs,
            _ => throw new ArgumentOutOfRangeException(nameof(prefix)),
        };
        xml.WriteElementString(prefix, name, ns, XmlText.Clean(value));
    }

    private static void Empty(XmlWriter xml, string? prefix, string name, string? ns, params (string Name, string Value)[] attributes)
    {
        if (prefix is null)
            xml.WriteStartElement(name);
        else
            xml.WriteStartElement(prefix, name, ns);
        foreach (var (attribute, value) in attributes)
            xml.WriteAttributeString(attribute, XmlText.Clean(value));
        xml.WriteEndElement();
    }

    /// <summary>CDATA cannot contain "]]&gt;"; it is split across two sections, which every parser joins back.</summary>
    private static void CData(XmlWriter xml, string? prefix, string name, string text, string? ns = null)
    {
        if (prefix is null)
            xml.WriteStartElement(name);
        else
            xml.WriteStartElement(prefix, name, ns);
        var parts = text.Split("]]>");
        for (var i = 0; i < parts.Length; i++)
        {
            var part = (i > 0 ? ">" : string.Empty) + parts[i] + (i < parts.Length - 1 ? "]]" : string.Empty);
            xml.WriteCData(part);
        }

        xml.WriteEndElement();
    }

    private sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
