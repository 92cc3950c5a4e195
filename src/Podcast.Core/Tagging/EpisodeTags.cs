namespace Podcast.Tagging;

/// <summary>A chapter as an ID3 CHAP frame holds it.</summary>
public sealed record TagChapter(TimeSpan Start, TimeSpan End, string Title);

/// <summary>The cover picture embedded as APIC (front cover).</summary>
public sealed record CoverArt(byte[] Data, string MimeType);

/// <summary>Everything written into the episode MP3's ID3v2.3 tag.</summary>
public sealed record EpisodeTags
{
    public required string Title { get; init; }
    public required IReadOnlyList<string> Artists { get; init; }
    public required string Album { get; init; }
    public required int Year { get; init; }
    public string Comment { get; init; } = string.Empty;
    public string Lyrics { get; init; } = string.Empty;
    public required string Guid { get; init; }
    public required Uri FeedUrl { get; init; }
    public CoverArt? Cover { get; init; }
    public IReadOnlyList<TagChapter> Chapters { get; init; } = [];
}

/// <summary>Writes the episode's tag into its audio file in place.</summary>
public interface ITagger
{
    void Tag(string audioPath, EpisodeTags tags);
}
