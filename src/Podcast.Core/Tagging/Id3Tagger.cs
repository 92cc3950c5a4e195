using TagLib;
using TagLib.Id3v2;

namespace Podcast.Tagging;

/// <summary>
/// ID3v2.3 with TagLibSharp, the version every podcast app and ffmpeg read. TagLib's defaults trip podcast tools in
/// three ways, all handled here: comment and lyrics frames need an explicit "eng" language, a stale ID3v1 tag at the
/// end of the file is removed, and WFED is written as a text frame as Apple's tools do (TagLib would make it a URL frame).
/// </summary>
internal sealed class Id3Tagger : ITagger
{
    private const string Language = "eng";

    public void Tag(string audioPath, EpisodeTags tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        TagLib.Id3v2.Tag.DefaultVersion = 3;
        TagLib.Id3v2.Tag.ForceDefaultVersion = true;
        using var file = TagLib.File.Create(audioPath, "audio/mpeg", ReadStyle.Average);
        file.RemoveTags(TagTypes.Id3v1 | TagTypes.Ape);
        var tag = (TagLib.Id3v2.Tag)file.GetTag(TagTypes.Id3v2, create: true);
        tag.Clear();
        tag.Version = 3;

        tag.Title = tags.Title;
        tag.Performers = [.. tags.Artists];
        tag.AlbumArtists = [.. tags.Artists.Take(1)];
        tag.Album = tags.Album;
        tag.Genres = ["Podcast"];
        tag.Year = (uint)tags.Year;

        CommentsFrame.Get(tag, string.Empty, Language, create: true).Text = tags.Comment;
        if (tags.Lyrics.Length > 0)
            UnsynchronisedLyricsFrame.Get(tag, string.Empty, Language, create: true).Text = tags.Lyrics;

        SetText(tag, "TGID", tags.Guid);
        SetText(tag, "TDES", tags.Comment);
        SetText(tag, "WFED", tags.FeedUrl.AbsoluteUri);
        tag.AddFrame(new UnknownFrame("PCST", new ByteVector(0, 0, 0, 1)));

        if (tags.Cover is { } cover)
        {
            tag.Pictures =
            [
                new AttachmentFrame(new Picture(new ByteVector(cover.Data)) { Type = PictureType.FrontCover, MimeType = cover.MimeType, Description = "Cover" }),
            ];
        }

        AddChapters(tag, tags.Chapters);
        file.Save();
    }

    private static void SetText(TagLib.Id3v2.Tag tag, string id, string value)
    {
        var frame = new TextInformationFrame(ByteVector.FromString(id, StringType.Latin1), StringType.UTF16) { Text = [value] };
        tag.AddFrame(frame);
    }

    /// <summary>CHAP frames with a TIT2 title each, under one ordered top-level CTOC (ID3v2 Chapter Frame Addendum).</summary>
    private static void AddChapters(TagLib.Id3v2.Tag tag, IReadOnlyList<TagChapter> chapters)
    {
        if (chapters.Count == 0)
            return;
        var ids = new List<string>();
        for (var i = 0; i < chapters.Count; i++)
        {
            var id = $"chp{i}";
            ids.Add(id);
            // The (id, title) constructor adds the embedded TIT2 title frame itself.
            tag.AddFrame(new ChapterFrame(id, chapters[i].Title)
            {
                StartMilliseconds = (uint)chapters[i].Start.TotalMilliseconds,
                EndMilliseconds = (uint)chapters[i].End.TotalMilliseconds,
            });
        }

        var toc = new TableOfContentsFrame("toc") { IsTopLevel = true, IsOrdered = true };
        toc.ChapterIds.AddRange(ids);
        tag.AddFrame(toc);
    }
}
