using System.Text;
using System.Xml.Linq;
using CsCheck;
using Podcast.Feed;
using Podcast.Shows;

namespace Podcast.Tests.Feed;

/// <summary>
/// Any text a producer or a transcript can put in a title, a name or the notes gives a well-formed feed that reads
/// back equal to the text after <see cref="XmlText"/>'s documented cleaning and truncation.
/// </summary>
public sealed class RssFeedWriterPropertyTests
{
    private static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Pc = "https://podcastindex.org/namespace/1.0";

    /// <summary>Pieces that break naive XML writers, mixed with any UTF-16 code unit (lone surrogates included).</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (4, Gen.Char.Select(c => c.ToString())),
        (3, Gen.OneOf("&", "<", ">", "]]>", "]]", "]]]>>", "\"", "'", "&amp;", "<![CDATA[", "\r\n", "\r", "\n", "\t", " ", "\u0000", "\u0001", "\u001f",
            "\u007f", "\u0085", "\u2028", "\uFFFE", "\uFFFF", "\uD800", "\uDC00", "😀", "é", "e\u0301", "ß", "中文", "\u200B", "\uFEFF")),
        (3, Gen.String[0, 12]),
        (1, Gen.Select(Gen.OneOf("é", "a", "😀", "]]>"), Gen.Int[500, 2500], (s, n) => string.Concat(Enumerable.Repeat(s, n)))));

    private static readonly Gen<string> Text = Piece.Array[0, 12].Select(string.Concat);

    [Fact]
    public void AnyTitlesNamesAndNotesGiveWellFormedXmlThatReadsBackAsCleaned()
    {
        Gen.Select(Text, Text, Text, Text, Text, Text, Text).Sample((showTitle, description, host, title, notes, guest, bite) =>
        {
            var show = Show(showTitle, description, host);
            var episode = Episode(title, notes, host, guest, bite);

            var xml = new RssFeedWriter().Render(show, [episode]);

            var feed = XDocument.Parse(xml, LoadOptions.PreserveWhitespace);
            var channel = feed.Root!.Element("channel")!;
            var item = channel.Element("item")!;
            Assert.Equal(XmlText.Clean(showTitle), channel.Element("title")!.Value);
            Assert.Equal(XmlText.Truncate(description, RssFeedWriter.MaxDescriptionBytes), channel.Element("description")!.Value);
            Assert.Equal(XmlText.Truncate(host, 128), channel.Element(Pc + "person")!.Value);
            Assert.Equal(XmlText.Clean(title), item.Element("title")!.Value);
            Assert.Equal(XmlText.Clean(title), item.Element(Itunes + "title")!.Value);
            Assert.Equal(XmlText.Truncate(notes, RssFeedWriter.MaxDescriptionBytes), item.Element("description")!.Value);
            Assert.Equal(XmlText.Clean(notes), item.Element(Content + "encoded")!.Value);
            Assert.Equal([XmlText.Truncate(host, 128), XmlText.Truncate(guest, 128)], item.Elements(Pc + "person").Select(p => p.Value));
            Assert.Equal(XmlText.Truncate(bite, 128), item.Element(Pc + "soundbite")!.Value);
            Assert.True(Encoding.UTF8.GetByteCount(channel.Element("description")!.Value) <= RssFeedWriter.MaxDescriptionBytes);
            Assert.True(Encoding.UTF8.GetByteCount(item.Element("description")!.Value) <= RssFeedWriter.MaxDescriptionBytes);
        }, iter: 300);
    }

    [Fact]
    public void CleaningKeepsEveryCharacterXmlAllowsAndIsIdempotent()
    {
        Text.Sample(text =>
        {
            var clean = XmlText.Clean(text);

            Assert.Equal(clean, XmlText.Clean(clean));
            Assert.DoesNotContain('\r', clean);
            System.Xml.XmlConvert.VerifyXmlChars(clean);
            var lineFeeds = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            if (IsXml(lineFeeds))
                Assert.Equal(lineFeeds, clean);
        });
    }

    [Fact]
    public void TruncationCutsOnACharacterBoundaryWithinTheLimitAndOnlyWhenNeeded()
    {
        Gen.Select(Text, Gen.Int[4, 5000]).Sample((text, max) =>
        {
            var clean = XmlText.Clean(text);

            var cut = XmlText.Truncate(text, max);

            Assert.True(Encoding.UTF8.GetByteCount(cut) <= max);
            if (Encoding.UTF8.GetByteCount(clean) <= max)
            {
                Assert.Equal(clean, cut);
            }
            else
            {
                Assert.EndsWith("\u2026", cut, StringComparison.Ordinal);
                Assert.StartsWith(cut[..^1], clean, StringComparison.Ordinal);
                Assert.True(Encoding.UTF8.GetByteCount(cut) > max - 3 - 4, "cut more than one character short of the limit");
            }
        });
    }

    private static Show Show(string title, string description, string host) => new()
    {
        Title = title,
        Description = description,
        Author = "Author",
        OwnerName = "Owner",
        OwnerEmail = "owner@example.org",
        Language = "en",
        Category = "News",
        BaseUrl = new Uri("https://example.org/show/"),
        Hosts = [host],
    };

    private static Episode Episode(string title, string notes, string host, string guest, string bite) => new()
    {
        Slug = "episode",
        Guid = "guid",
        Title = title,
        NotesHtml = notes,
        Published = DateTimeOffset.UnixEpoch,
        Audio = new EpisodeFile("episode.mp3", "audio/mpeg", 1),
        DurationSeconds = 1,
        People = [new Person(host, "host"), new Person(guest, "guest")],
        Soundbites = [new Soundbite(1, 20, bite, null)],
        SourceSha256 = "s",
    };

    private static bool IsXml(string text)
    {
        try
        {
            System.Xml.XmlConvert.VerifyXmlChars(text);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }
}
