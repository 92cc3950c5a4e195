namespace Podcast.Shows;

/// <summary>A term the show uses (a name, place, organisation) and the spellings Whisper is known to mishear it as.</summary>
public sealed record VocabularyTerm(string Term, IReadOnlyList<string> HeardAs);

/// <summary>
/// A show as its producer describes it in <c>show.yml</c>. Validated once, by <see cref="ShowFile.Load"/>; every
/// instance is complete and consistent.
/// </summary>
public sealed record Show
{
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Author { get; init; }
    public required string OwnerName { get; init; }
    public required string OwnerEmail { get; init; }
    public required string Language { get; init; }
    public required string Category { get; init; }
    public string? Subcategory { get; init; }
    public bool Explicit { get; init; }

    /// <summary>The public URL the show folder is served from, always ending in a slash.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Cover image path relative to the show folder; null means one is generated.</summary>
    public string? Image { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public string Type { get; init; } = "episodic";
    public Uri? Link { get; init; }
    public string? Copyright { get; init; }
    public bool Locked { get; init; }

    /// <summary>The podcast:guid; when null it is derived from the feed URL (and should then be written back).</summary>
    public Guid? PodcastGuid { get; init; }
    public double LoudnessTarget { get; init; } = -16;
    public double TruePeakCeiling { get; init; } = -1;
    public IReadOnlyList<VocabularyTerm> Vocabulary { get; init; } = [];

    /// <summary>show.yml's <c>deploy:</c>: the bucket, endpoint, region, WebSub hubs and Podping endpoint.</summary>
    public ShowDeploy Deploy { get; init; } = ShowDeploy.None;

    public Uri FeedUrl => new(BaseUrl, "feed.xml");
}
