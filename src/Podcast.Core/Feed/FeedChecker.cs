using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Podcast.Decoding;
using Podcast.Shows;
using Podcast.Transcription.Formats;

namespace Podcast.Feed;

/// <summary>
/// Our own offline check of a feed against every rule in the project's standards notes that can be checked without
/// the network: required tags, sizes, date and language formats, Apple's categories, and the files the feed points
/// to when they live in the show folder (enclosure size and type, cover dimensions, transcript and chapter formats).
/// URLs outside the show's base URL cannot be checked offline and get a warning.
/// </summary>
public static partial class FeedChecker
{
    private static readonly XNamespace ItunesNs = RssFeedWriter.Itunes;
    private static readonly XNamespace PodcastNs = RssFeedWriter.PodcastNs;
    private static readonly XNamespace AtomNs = RssFeedWriter.Atom;

    private static readonly string[] EnclosureTypes = ["audio/mpeg", "audio/x-m4a", "audio/mp4", "audio/aac", "video/mp4", "video/x-m4v", "video/quicktime"];
    private static readonly string[] TranscriptTypes = ["text/vtt", "application/x-subrip", "application/srt", "application/json", "text/html", "text/plain"];

    /// <summary>
    /// Checks <paramref name="feedXml"/> as served from <paramref name="baseUrl"/> out of <paramref name="folder"/>.
    /// <paramref name="staged"/> maps files about to be moved into the folder (full path) to where they are now, so a
    /// feed is checked against the files it will be served with.
    /// </summary>
    public static IReadOnlyList<FeedProblem> Check(string feedXml, ShowFolder folder, Uri baseUrl, IReadOnlyDictionary<string, string>? staged = null)
    {
        ArgumentNullException.ThrowIfNull(feedXml);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(baseUrl);
        var run = new Run(folder, baseUrl, staged ?? new Dictionary<string, string>());
        run.CheckDocument(feedXml);
        return run.Problems;
    }

    /// <summary>Checks the show's feed.xml on disk.</summary>
    public static IReadOnlyList<FeedProblem> CheckFile(ShowFolder folder, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!File.Exists(folder.FeedFile))
            return [new FeedProblem(FeedSeverity.Error, "feed.xml", "missing (publish an episode to create it)")];
        return Check(File.ReadAllText(folder.FeedFile), folder, baseUrl);
    }

    /// <summary>RFC 2822 date-time as RSS uses it, e.g. <c>Wed, 15 Jun 2019 19:00:00 GMT</c> (day name optional).</summary>
    public static bool IsRfc2822(string text)
    {
        var match = Rfc2822().Match(text.Trim());
        if (!match.Success)
            return false;
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var month = Array.IndexOf(Months, match.Groups["month"].Value) + 1;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (day > DateTime.DaysInMonth(year, month))
            return false;
        if (match.Groups["dow"].Success)
        {
            var actual = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).DayOfWeek.ToString()[..3];
            if (actual != match.Groups["dow"].Value)
                return false;
        }

        return int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) < 24
            && int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) < 60
            && (!match.Groups["s"].Success || int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) < 61);
    }

    /// <summary>An ISO 639 language code, optionally with a region (<c>en</c>, <c>en-us</c>, <c>pt-BR</c>, <c>ast</c>).</summary>
    public static bool IsLanguageCode(string text)
    {
        var match = LanguageCode().Match(text);
        if (!match.Success)
            return false;
        var primary = match.Groups[1].Value.ToLowerInvariant();
        return primary.Length == 3 || Iso639Part1.Contains(primary);
    }

    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>ISO 639-1: every two-letter language code.</summary>
    private static readonly HashSet<string> Iso639Part1 = new(
        ("aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu " +
         "fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko " +
         "kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi " +
         "pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk " +
         "ur uz ve vi vo wa wo xh yi yo za zh zu").Split(' '),
        StringComparer.Ordinal);

    [GeneratedRegex(@"^(?:(?<dow>Mon|Tue|Wed|Thu|Fri|Sat|Sun),\s+)?(?<day>\d{1,2})\s+(?<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(?<year>\d{4})\s+(?<h>\d{2}):(?<m>\d{2})(?::(?<s>\d{2}))?\s+(?:[+-]\d{4}|GMT|UT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$")]
    private static partial Regex Rfc2822();

    [GeneratedRegex("^([a-zA-Z]{2,3})(?:-[a-zA-Z0-9]{2,8})?$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex(@"^(?:\d+|\d{1,2}:\d{2}|\d+:\d{2}:\d{2})$")]
    private static partial Regex Duration();

    /// <summary>One check of one document: collects problems, and remembers what must be unique.</summary>
    private sealed class Run(ShowFolder folder, Uri baseUrl, IReadOnlyDictionary<string, string> staged)
    {
        private readonly Dictionary<string, string> _guids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _enclosures = new(StringComparer.Ordinal);
        private readonly HashSet<string> _imagesChecked = new(StringComparer.Ordinal);

        public List<FeedProblem> Problems { get; } = [];

        public void CheckDocument(string feedXml)
        {
            XDocument document;
            try
            {
                document = XDocument.Parse(feedXml, LoadOptions.SetLineInfo);
            }
            catch (XmlException e)
            {
                Error("feed.xml", $"is not well-formed XML (line {e.LineNumber}: {e.Message.Split('\n')[0].Trim()})");
                return;
            }

            if (!feedXml.TrimStart('\uFEFF').StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", StringComparison.OrdinalIgnoreCase))
                Error("feed.xml", "must start with <?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            var rss = document.Root!;
            if (rss.Name != "rss" || (string?)rss.Attribute("version") != "2.0")
            {
                Error("rss", "the root element must be <rss version=\"2.0\">");
                return;
            }

            foreach (var (prefix, ns) in new[] { ("itunes", ItunesNs), ("podcast", PodcastNs), ("content", (XNamespace)RssFeedWriter.Content) })
            {
                if (rss.Attributes().All(a => !a.IsNamespaceDeclaration || a.Value != ns.NamespaceName))
                    Error("rss", $"does not declare xmlns:{prefix}=\"{ns.NamespaceName}\"");
            }

            var channel = rss.Element("channel");
            if (channel is null)
            {
                Error("rss", "has no <channel>");
                return;
            }

            CheckChannel(channel);
            var number = 0;
            foreach (var item in channel.Elements("item"))
                CheckItem(item, ++number);
            if (number == 0)
                Warn("channel", "has no <item>: Apple only accepts a feed with at least one episode");
        }

        private void CheckChannel(XElement channel)
        {
            const string where = "channel";
            RequiredText(channel, "title", where);
            var description = RequiredText(channel, "description", where);
            if (description is not null)
                MaxBytes(description, RssFeedWriter.MaxDescriptionBytes, $"{where} / description");
            var language = RequiredText(channel, "language", where);
            if (language is not null && !IsLanguageCode(language))
                Error($"{where} / language", $"\"{language}\" is not an ISO 639 language code such as en or en-us");
            if (channel.Element("link") is null)
                Warn(where, "has no <link> to the show's web site");

            var self = channel.Elements(AtomNs + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == "self");
            if (self is null)
                Warn(where, "has no <atom:link rel=\"self\"> giving the feed's own URL");

            if (channel.Element(ItunesNs + "author") is null)
                Warn(where, "has no <itunes:author>");
            if (channel.Element(ItunesNs + "owner") is not { } owner || owner.Element(ItunesNs + "email") is null)
                Warn(where, "has no <itunes:owner> with <itunes:email>: Apple uses it to reach the owner");

            var image = channel.Element(ItunesNs + "image");
            if (image is null)
                Error(where, "missing <itunes:image href=\"...\">: Apple requires a cover");
            else
                CheckImage(image, $"{where} / itunes:image");

            CheckCategories(channel, where);
            CheckExplicit(channel, where, required: true);

            if (channel.Element(ItunesNs + "type") is { } type && type.Value.Trim() is not ("episodic" or "serial"))
                Error($"{where} / itunes:type", $"\"{type.Value}\" must be episodic or serial");

            if (channel.Element(PodcastNs + "guid") is { } guid && !Guid.TryParse(guid.Value.Trim(), out _))
                Error($"{where} / podcast:guid", $"\"{guid.Value}\" is not a UUID");
            if (channel.Element(PodcastNs + "locked") is { } locked)
            {
                if (locked.Value.Trim() is not ("yes" or "no"))
                    Error($"{where} / podcast:locked", $"\"{locked.Value}\" must be yes or no");
                if (locked.Attribute("owner") is { } lockOwner && !System.Net.Mail.MailAddress.TryCreate(lockOwner.Value, out _))
                    Error($"{where} / podcast:locked@owner", $"\"{lockOwner.Value}\" is not an email address");
            }

            foreach (var person in channel.Elements(PodcastNs + "person"))
                CheckPerson(person, where);
        }

        private void CheckCategories(XElement channel, string where)
        {
            var categories = channel.Elements(ItunesNs + "category").ToList();
            if (categories.Count == 0)
            {
                Error(where, "missing <itunes:category text=\"...\">: Apple requires a category from its list");
                return;
            }

            foreach (var category in categories)
            {
                var text = (string?)category.Attribute("text");
                if (string.IsNullOrEmpty(text))
                {
                    Error($"{where} / itunes:category", "has no text attribute");
                    continue;
                }

                if (!AppleCategories.Contains(text, null))
                {
                    Error($"{where} / itunes:category", $"\"{text}\" is not one of Apple's categories (case-sensitive, e.g. News, Society & Culture)");
                    continue;
                }

                foreach (var sub in category.Elements(ItunesNs + "category"))
                {
                    var subText = (string?)sub.Attribute("text") ?? string.Empty;
                    if (!AppleCategories.Contains(text, subText))
                        Error($"{where} / itunes:category \"{text}\" / itunes:category", $"\"{subText}\" is not a subcategory of {text} in Apple's list");
                }
            }
        }

        private void CheckItem(XElement item, int number)
        {
            var title = item.Element("title")?.Value.Trim();
            var where = string.IsNullOrEmpty(title) ? $"item {number}" : $"item {number} \"{Shorten(title)}\"";
            if (string.IsNullOrEmpty(title))
                Error(where, "missing <title>");

            CheckEnclosure(item, where);

            var guid = item.Element("guid")?.Value.Trim();
            if (string.IsNullOrEmpty(guid))
                Error(where, "missing <guid>: without one, apps download the episode again whenever anything changes");
            else if (_guids.TryGetValue(guid, out var first))
                Error($"{where} / guid", $"\"{guid}\" is also the guid of {first}: every episode needs its own");
            else
                _guids[guid] = where;

            var pubDate = item.Element("pubDate")?.Value;
            if (pubDate is null)
                Warn(where, "has no <pubDate>");
            else if (!IsRfc2822(pubDate))
                Error($"{where} / pubDate", $"\"{pubDate}\" is not an RFC 2822 date such as Wed, 15 Jun 2019 19:00:00 GMT");

            if (item.Element("description") is { } description)
                MaxBytes(description.Value, RssFeedWriter.MaxDescriptionBytes, $"{where} / description");
            else
                Warn(where, "has no <description>");

            if (item.Element(ItunesNs + "duration") is { } duration && !Duration().IsMatch(duration.Value.Trim()))
                Error($"{where} / itunes:duration", $"\"{duration.Value}\" must be whole seconds (or HH:MM:SS)");
            foreach (var name in new[] { "episode", "season" })
            {
                if (item.Element(ItunesNs + name) is { } value && (!int.TryParse(value.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1))
                    Error($"{where} / itunes:{name}", $"\"{value.Value}\" must be a whole number from 1 up");
            }

            if (item.Element(ItunesNs + "episodeType") is { } episodeType && episodeType.Value.Trim() is not ("full" or "trailer" or "bonus"))
                Error($"{where} / itunes:episodeType", $"\"{episodeType.Value}\" must be full, trailer or bonus");
            CheckExplicit(item, where, required: false);
            if (item.Element(ItunesNs + "image") is { } image)
                CheckImage(image, $"{where} / itunes:image");

            foreach (var transcript in item.Elements(PodcastNs + "transcript"))
                CheckTranscript(transcript, where);
            var chapters = item.Elements(PodcastNs + "chapters").ToList();
            if (chapters.Count > 1)
                Error(where, "has more than one <podcast:chapters>");
            foreach (var chapter in chapters)
                CheckChapters(chapter, where);
            foreach (var bite in item.Elements(PodcastNs + "soundbite"))
                CheckSoundbite(bite, where);
            foreach (var person in item.Elements(PodcastNs + "person"))
                CheckPerson(person, where);
            if (item.Element(PodcastNs + "season") is { } season && !int.TryParse(season.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                Error($"{where} / podcast:season", $"\"{season.Value}\" must be a whole number");
            if (item.Element(PodcastNs + "episode") is { } episode && !decimal.TryParse(episode.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                Error($"{where} / podcast:episode", $"\"{episode.Value}\" must be a number");
        }

        private void CheckEnclosure(XElement item, string where)
        {
            var enclosure = item.Element("enclosure");
            if (enclosure is null)
            {
                Error(where, "missing <enclosure>: an episode without media is not an episode");
                return;
            }

            var at = $"{where} / enclosure";
            var url = (string?)enclosure.Attribute("url");
            var lengthText = (string?)enclosure.Attribute("length");
            var type = (string?)enclosure.Attribute("type");
            if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(lengthText) || string.IsNullOrEmpty(type))
            {
                Error(at, "needs url, length and type");
                if (string.IsNullOrEmpty(url))
                    return;
            }

            if (_enclosures.TryGetValue(url, out var first))
                Error($"{at}@url", $"{url} is also the enclosure of {first}: every enclosure URL must be unique");
            else
                _enclosures[url] = where;

            long? length = null;
            if (lengthText is not null)
            {
                if (long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
                    length = parsed;
                else
                    Error($"{at}@length", $"\"{lengthText}\" must be the file's size in bytes, a whole number above 0");
            }

            if (type is not null && !EnclosureTypes.Contains(type))
                Error($"{at}@type", $"\"{type}\" is not a media type Apple accepts ({string.Join(", ", EnclosureTypes)})");

            var file = LocalFile(url, $"{at}@url");
            if (file is null)
                return;
            if (!File.Exists(file))
            {
                Error($"{at}@url", $"{url} points to {Path.GetRelativePath(folder.Root, file)}, which does not exist");
                return;
            }

            var size = new FileInfo(file).Length;
            if (length is not null && length != size)
                Error($"{at}@length", $"{length} is not the file's size, {size} bytes");
            var sniffed = SniffMedia(file);
            if (type is not null && sniffed is not null && !sniffed.Contains(type))
                Error($"{at}@type", $"\"{type}\" does not match the file's content ({sniffed[0]})");
            if (sniffed is null)
                Error($"{at}@url", $"{Path.GetFileName(file)} is not MP3 or MPEG-4 media");
        }

        private void CheckImage(XElement image, string at)
        {
            var href = (string?)image.Attribute("href");
            if (string.IsNullOrEmpty(href))
            {
                Error(at, "has no href");
                return;
            }

            var extension = Path.GetExtension(Uri.TryCreate(href, UriKind.Absolute, out var uri) ? uri.AbsolutePath : href).ToLowerInvariant();
            if (extension is not (".png" or ".jpg" or ".jpeg"))
                Error($"{at}@href", $"{href} must end in .jpg, .jpeg or .png");
            if (!_imagesChecked.Add(href))
                return;
            var file = LocalFile(href, $"{at}@href");
            if (file is null)
                return;
            if (!File.Exists(file))
            {
                Error($"{at}@href", $"{href} points to {Path.GetRelativePath(folder.Root, file)}, which does not exist");
                return;
            }

            var facts = CoverImage.Inspect(file);
            if (facts is null || facts.Format is not ("png" or "jpeg"))
            {
                Error($"{at}@href", $"{Path.GetFileName(file)} is not a JPEG or PNG image");
                return;
            }

            if ((facts.Format == "png") != (extension == ".png"))
                Error($"{at}@href", $"{Path.GetFileName(file)} is a {facts.Format.ToUpperInvariant()} but its name says otherwise");
            if (facts.Width != facts.Height || facts.Width is < CoverImage.MinSize or > CoverImage.MaxSize)
                Error($"{at}@href", $"{Path.GetFileName(file)} is {facts.Width}x{facts.Height} px; Apple requires a square from {CoverImage.MinSize} to {CoverImage.MaxSize} px");
            if (!facts.Opaque)
                Warn($"{at}@href", $"{Path.GetFileName(file)} has transparency; Apple expects RGB artwork");
        }

        private void CheckExplicit(XElement parent, string where, bool required)
        {
            var element = parent.Element(ItunesNs + "explicit");
            if (element is null)
            {
                if (required)
                    Error(where, "missing <itunes:explicit>true|false</itunes:explicit>");
                return;
            }

            if (element.Value.Trim() is not ("true" or "false"))
                Error($"{where} / itunes:explicit", $"\"{element.Value}\" must be true or false");
        }

        private void CheckTranscript(XElement transcript, string where)
        {
            var at = $"{where} / podcast:transcript";
            var url = (string?)transcript.Attribute("url");
            var type = (string?)transcript.Attribute("type");
            if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(type))
            {
                Error(at, "needs url and type");
                return;
            }

            if (!TranscriptTypes.Contains(type))
                Error($"{at}@type", $"\"{type}\" is not a transcript type ({string.Join(", ", TranscriptTypes)})");
            if (transcript.Attribute("rel") is { } rel && rel.Value != "captions")
                Error($"{at}@rel", $"\"{rel.Value}\" must be captions when present");
            if (transcript.Attribute("language") is { } language && !IsLanguageCode(language.Value))
                Error($"{at}@language", $"\"{language.Value}\" is not an ISO 639 language code");
            var file = ExistingLocalFile(url, $"{at}@url");
            if (file is null)
                return;
            var problem = type switch
            {
                "application/json" => JsonTranscriptProblem(file),
                "text/vtt" or "application/x-subrip" or "application/srt" => TimedTextProblem(file, type),
                _ => null,
            };
            if (problem is not null)
                Error($"{at}@url", $"{Path.GetFileName(file)}: {problem}");
            else if (type is "text/vtt" or "application/x-subrip" or "application/srt" && IsEmptyTimedText(File.ReadAllText(file)))
                Warn($"{at}@url", $"{Path.GetFileName(file)} has no cues");
        }

        private void CheckChapters(XElement chapters, string where)
        {
            var at = $"{where} / podcast:chapters";
            var url = (string?)chapters.Attribute("url");
            var type = (string?)chapters.Attribute("type");
            if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(type))
            {
                Error(at, "needs url and type");
                return;
            }

            if (type != "application/json+chapters")
                Error($"{at}@type", $"\"{type}\" must be application/json+chapters");
            var file = ExistingLocalFile(url, $"{at}@url");
            if (file is not null && ChaptersProblem(file) is { } problem)
                Error($"{at}@url", $"{Path.GetFileName(file)}: {problem}");
        }

        private void CheckSoundbite(XElement bite, string where)
        {
            var at = $"{where} / podcast:soundbite";
            var start = Decimal(bite, "startTime");
            var duration = Decimal(bite, "duration");
            if (start is null || start < 0)
                Error($"{at}@startTime", $"\"{(string?)bite.Attribute("startTime")}\" must be seconds from 0 up");
            else if (start == 0)
                Warn($"{at}@startTime", "0: podcast-partytime (the Podcast Index's parser) drops a soundbite that starts at 0");
            if (duration is null || duration <= 0)
                Error($"{at}@duration", $"\"{(string?)bite.Attribute("duration")}\" must be seconds above 0");
            else if (duration is < 15 or > 120)
                Warn($"{at}@duration", $"{duration} s; 15 to 120 s is recommended");
            if (bite.Value.Length > 128)
                Error(at, $"the title is {bite.Value.Length} characters; at most 128");
        }

        private void CheckPerson(XElement person, string where)
        {
            var at = $"{where} / podcast:person";
            if (string.IsNullOrWhiteSpace(person.Value))
                Error(at, "has no name");
            else if (person.Value.Length > 128)
                Error(at, $"\"{Shorten(person.Value)}\" is longer than 128 characters");
        }

        /// <summary>The file a URL under the show's base URL is served from, or null (with a warning) for other URLs.</summary>
        private string? LocalFile(string url, string at)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                Error(at, $"\"{url}\" is not an absolute http(s) URL");
                return null;
            }

            if (url.Any(c => c > 127 || char.IsWhiteSpace(c)))
                Error(at, $"\"{url}\" must be plain ASCII without spaces (percent-encode the file name)");
            var root = baseUrl.AbsoluteUri;
            if (!uri.AbsoluteUri.StartsWith(root, StringComparison.Ordinal))
            {
                Warn(at, $"{url} is not under the show's base URL {root}; not checked offline");
                return null;
            }

            var segments = uri.AbsoluteUri[root.Length..].Split('?', '#')[0].Split('/').Select(Uri.UnescapeDataString).ToArray();
            if (segments.Any(s => s is "" or "." or ".." || s.Contains('\\', StringComparison.Ordinal)))
            {
                Error(at, $"{url} is not a file path under the show");
                return null;
            }

            var file = Path.GetFullPath(Path.Combine([folder.Root, .. segments]));
            return staged.GetValueOrDefault(file, file);
        }

        private string? ExistingLocalFile(string url, string at)
        {
            var file = LocalFile(url, at);
            if (file is null)
                return null;
            if (File.Exists(file))
                return file;
            Error(at, $"{url} points to {Path.GetRelativePath(folder.Root, file)}, which does not exist");
            return null;
        }

        private string? RequiredText(XElement parent, string name, string where)
        {
            var element = parent.Element(name);
            if (element is null || string.IsNullOrWhiteSpace(element.Value))
            {
                Error(where, $"missing <{name}>");
                return null;
            }

            return element.Value;
        }

        private void MaxBytes(string text, int max, string at)
        {
            var bytes = Encoding.UTF8.GetByteCount(text);
            if (bytes > max)
                Error(at, $"is {bytes} bytes; at most {max}");
        }

        private void Error(string element, string message) => Problems.Add(new FeedProblem(FeedSeverity.Error, element, message));

        private void Warn(string element, string message) => Problems.Add(new FeedProblem(FeedSeverity.Warning, element, message));
    }

    private static decimal? Decimal(XElement element, string attribute) =>
        decimal.TryParse((string?)element.Attribute(attribute), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>The enclosure types the file's first bytes allow, best first; null when it is neither MP3 nor MPEG-4.</summary>
    private static string[]? SniffMedia(string file)
    {
        var head = new byte[16];
        int read;
        using (var stream = File.OpenRead(file))
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return AudioSniffer.Sniff(head.AsSpan(0, read)) switch
        {
            AudioContainer.Mp3 => ["audio/mpeg"],
            AudioContainer.M4a => ["audio/x-m4a", "audio/mp4", "audio/aac", "video/mp4", "video/x-m4v", "video/quicktime"],
            _ => null,
        };
    }

    /// <summary>The Podcasting 2.0 JSON transcript: {"version": "...", "segments": [{"startTime", "endTime", "body", "speaker"?}]}.</summary>
    private static string? JsonTranscriptProblem(string file)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String)
                return "not a JSON transcript: needs a \"version\" string";
            if (!root.TryGetProperty("segments", out var segments) || segments.ValueKind != JsonValueKind.Array)
                return "not a JSON transcript: needs a \"segments\" array";
            var index = 0;
            foreach (var segment in segments.EnumerateArray())
            {
                index++;
                if (segment.ValueKind != JsonValueKind.Object
                    || !segment.TryGetProperty("startTime", out var start) || start.ValueKind != JsonValueKind.Number
                    || !segment.TryGetProperty("endTime", out var end) || end.ValueKind != JsonValueKind.Number
                    || !segment.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.String)
                    return $"segment {index} needs numeric startTime and endTime and a string body";
                if (end.GetDouble() < start.GetDouble() || start.GetDouble() < 0)
                    return $"segment {index} ends before it starts";
                if (segment.TryGetProperty("speaker", out var speaker) && speaker.ValueKind != JsonValueKind.String)
                    return $"segment {index} has a speaker that is not a string";
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"not valid JSON ({e.Message})";
        }
    }

    private static string? TimedTextProblem(string file, string type)
    {
        var text = File.ReadAllText(file);
        if (type == "text/vtt" && !text.TrimStart('\uFEFF').StartsWith("WEBVTT", StringComparison.Ordinal))
            return "a WebVTT file must start with WEBVTT";

        // A file without cues is valid (a recording in which nothing was recognised); the caller warns about it.
        if (IsEmptyTimedText(text))
            return null;
        try
        {
            TranscriptReader.Parse(text, "en");
            return null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return e.Message;
        }
    }

    private static bool IsEmptyTimedText(string text) => text.Trim('\uFEFF', ' ', '\t', '\r', '\n') is "" or "WEBVTT";

    /// <summary>Podcasting 2.0 JSON chapters: {"version": "...", "chapters": [{"startTime", "title"?, "endTime"?, ...}]}, in time order.</summary>
    private static string? ChaptersProblem(string file)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String)
                return "not a chapters file: needs a \"version\" string";
            if (!root.TryGetProperty("chapters", out var chapters) || chapters.ValueKind != JsonValueKind.Array)
                return "not a chapters file: needs a \"chapters\" array";
            var previous = double.NegativeInfinity;
            var index = 0;
            foreach (var chapter in chapters.EnumerateArray())
            {
                index++;
                if (chapter.ValueKind != JsonValueKind.Object || !chapter.TryGetProperty("startTime", out var start) || start.ValueKind != JsonValueKind.Number)
                    return $"chapter {index} needs a numeric startTime";
                if (start.GetDouble() < previous)
                    return $"chapter {index} starts before the one above it; startTime must ascend";
                previous = start.GetDouble();
                if (chapter.TryGetProperty("title", out var title) && title.ValueKind != JsonValueKind.String)
                    return $"chapter {index} has a title that is not a string";
                if (chapter.TryGetProperty("endTime", out var end) && (end.ValueKind != JsonValueKind.Number || end.GetDouble() < start.GetDouble()))
                    return $"chapter {index} has an endTime before its startTime";
                if (chapter.TryGetProperty("toc", out var toc) && toc.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    return $"chapter {index} has a toc that is not true or false";
            }

            return null;
        }
        catch (JsonException e)
        {
            return $"not valid JSON ({e.Message})";
        }
    }
}
