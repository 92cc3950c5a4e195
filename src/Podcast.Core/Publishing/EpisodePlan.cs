using System.Security.Cryptography;
using Podcast.Mastering;
using Podcast.Shows;
using Podcast.Speakers;

namespace Podcast.Publishing;

/// <summary>
/// The episode a publish makes, settled before any slow work: what the producer asked for and, for a republish of
/// the same recording (found by its SHA-256), what the earlier publish said where the producer said nothing. The
/// guid and the slug never change on a republish; the title, guests, summary, date, season, number and type are kept
/// unless given again, so a rerun to apply a review drops nothing from the vocabulary, the credits or the feed.
/// </summary>
internal sealed record EpisodePlan
{
    public required ShowFolder Folder { get; init; }

    public required Show Show { get; init; }

    public required string SourceSha256 { get; init; }

    /// <summary>The same recording's episode as published before; null for a first publish.</summary>
    public required Episode? Earlier { get; init; }

    public required string Slug { get; init; }

    public required string Guid { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<string> Guests { get; init; }

    public required string Summary { get; init; }

    public required DateTimeOffset Published { get; init; }

    public required int? Season { get; init; }

    public required int? Number { get; init; }

    public required string EpisodeType { get; init; }

    /// <summary>The spoken language: the producer's, else the show's.</summary>
    public required string Language { get; init; }

    /// <summary>
    /// The quotes whose speaker the producer confirmed (<c>podcast transcript review --confirm N</c>), read here so
    /// a damaged file stops publish before the slow work.
    /// </summary>
    public required IReadOnlyList<SpeakerConfirmation> Confirmed { get; init; }

    public string Directory => Folder.EpisodeDirectory(Slug);

    public string AudioFile => Path.Combine(Directory, Slug + ".mp3");

    public IReadOnlyList<Person> People => [.. Show.Hosts.Select(h => new Person(h, "host")), .. Guests.Select(g => new Person(g, "guest"))];

    public static async Task<EpisodePlan> ForAsync(ShowFolder folder, Show show, PublishRequest request, CancellationToken cancellationToken)
    {
        var sourceHash = await Sha256Async(request.AudioPath, cancellationToken).ConfigureAwait(false);
        var earlier = EpisodeStore.LoadAll(folder).FirstOrDefault(e => e.SourceSha256 == sourceHash);
        var title = request.Title ?? earlier?.Title ?? Path.GetFileNameWithoutExtension(request.AudioPath);
        var named = request.Guests.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct().ToList();
        var slug = earlier?.Slug ?? UniqueSlug(folder, title);
        return new EpisodePlan
        {
            Folder = folder,
            Show = show,
            SourceSha256 = sourceHash,
            Earlier = earlier,
            Slug = slug,
            Guid = earlier?.Guid ?? PodcastGuidFor(show, sourceHash),
            Title = title,
            Guests = named.Count > 0 || earlier is null ? named : [.. earlier.People.Where(p => p.Role == "guest").Select(p => p.Name)],
            Summary = request.Summary ?? earlier?.Summary ?? string.Empty,
            Published = request.PublishedAt ?? earlier?.Published ?? DateTimeOffset.UtcNow,
            Season = request.Season ?? earlier?.Season,
            Number = request.Number ?? earlier?.Number,
            EpisodeType = request.EpisodeType ?? earlier?.EpisodeType ?? "full",
            Language = request.Language ?? show.Language.Split('-')[0],
            Confirmed = ConfirmedSpeakers.Read(Path.Combine(folder.EpisodeDirectory(slug), ConfirmedSpeakers.FileName)),
        };
    }

    /// <summary>The episode.json record of this plan, once its audio and its files are made.</summary>
    public Episode Episode(MasteredAudio mastered, EpisodeContent content) => new()
    {
        Slug = Slug,
        Guid = Guid,
        Title = Title,
        Summary = Summary,
        Published = Published,
        Audio = new EpisodeFile(Path.GetFileName(AudioFile), mastered.MimeType, new FileInfo(mastered.Path).Length),
        DurationSeconds = mastered.Duration.TotalSeconds,
        People = People,
        Transcripts = content.Transcripts,
        NotesHtml = content.NotesHtml,
        Chapters = content.Chapters,
        Soundbites = content.Soundbites,
        Season = Season,
        Number = Number,
        EpisodeType = EpisodeType,
        SourceSha256 = SourceSha256,
    };

    /// <summary>Stable across machines and reruns: the same recording in the same show always gets the same guid.</summary>
    private static string PodcastGuidFor(Show show, string sourceHash) =>
        Feed.PodcastGuid.Create(show.PodcastGuid ?? Feed.PodcastGuid.ForFeedUrl(show.FeedUrl), sourceHash).ToString();

    /// <summary>
    /// A folder for a new episode. A folder without episode.json is the remains of a publish that was killed; it is
    /// not part of the feed, so it is reused rather than left behind.
    /// </summary>
    private static string UniqueSlug(ShowFolder folder, string title)
    {
        var slug = EpisodeSlug.From(title);
        var candidate = slug;
        for (var n = 2; File.Exists(folder.EpisodeFile(candidate)); n++)
            candidate = $"{slug}-{n}";
        return candidate;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>What the episode's own files give its episode.json: the transcripts the feed links, the notes, chapters and soundbites.</summary>
internal sealed record EpisodeContent(IReadOnlyList<EpisodeFile> Transcripts, string NotesHtml, EpisodeFile? Chapters, IReadOnlyList<Soundbite> Soundbites);
