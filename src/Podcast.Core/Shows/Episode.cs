namespace Podcast.Shows;

/// <summary>A person on an episode, with a role from the Podcasting 2.0 person taxonomy (host, guest, ...).</summary>
public sealed record Person(string Name, string Role);

/// <summary>A file made for an episode that the feed links to, by its name in the episode folder.</summary>
public sealed record EpisodeFile(string FileName, string MimeType, long Length);

/// <summary>A quote worth hearing on its own, as the feed's podcast:soundbite and the page's pull quotes.</summary>
public sealed record Soundbite(double StartSeconds, double DurationSeconds, string Title, string? Speaker);

/// <summary>
/// Everything the feed and the page need about one published episode, stored as <c>episode.json</c> in its folder.
/// The feed is regenerated from these files and <c>show.yml</c>, so it can always be rebuilt.
/// </summary>
public sealed record Episode
{
    public required string Slug { get; init; }
    public required string Guid { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = string.Empty;

    /// <summary>Show notes as HTML, for content:encoded.</summary>
    public string? NotesHtml { get; init; }
    public required DateTimeOffset Published { get; init; }
    public required EpisodeFile Audio { get; init; }
    public required double DurationSeconds { get; init; }
    public IReadOnlyList<Person> People { get; init; } = [];
    public IReadOnlyList<EpisodeFile> Transcripts { get; init; } = [];
    public EpisodeFile? Chapters { get; init; }
    public IReadOnlyList<Soundbite> Soundbites { get; init; } = [];
    public int? Season { get; init; }
    public int? Number { get; init; }
    public string EpisodeType { get; init; } = "full";
    public bool? Explicit { get; init; }

    /// <summary>SHA-256 of the recording it was made from: how a republish finds its episode again.</summary>
    public required string SourceSha256 { get; init; }
}
