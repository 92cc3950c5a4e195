using Podcast.Shows;
using Podcast.Storage;

namespace Podcast.Feed;

/// <summary>
/// The one way feed.xml is replaced: rendered from show.yml and every episode.json, checked by
/// <see cref="FeedChecker"/>, and only then written atomically. A feed that breaks a rule is never written.
/// </summary>
public static class ShowFeed
{
    public const string DefaultCoverName = "cover.png";

    /// <summary>The cover's file name in the show folder: show.yml's <c>image:</c>, else the generated one.</summary>
    public static string CoverName(Show show)
    {
        ArgumentNullException.ThrowIfNull(show);
        return show.Image ?? DefaultCoverName;
    }

    /// <summary>Renders and checks the feed without writing it; throws when it has errors.</summary>
    public static CheckedFeed Prepare(ShowFolder folder, Show show, IReadOnlyList<Episode> episodes, IFeedWriter writer, IReadOnlyDictionary<string, string>? staged = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(show);
        ArgumentNullException.ThrowIfNull(writer);
        var xml = writer.Render(show, episodes);
        var problems = FeedChecker.Check(xml, folder, show.BaseUrl, staged);
        var errors = problems.Where(p => p.Severity == FeedSeverity.Error).ToList();
        if (errors.Count > 0)
            throw PodcastException.FeedRejected(folder.FeedFile, [.. errors.Select(e => e.ToString())]);
        return new CheckedFeed(xml, [.. problems.Where(p => p.Severity == FeedSeverity.Warning)]);
    }

    /// <summary>Replaces feed.xml; returns the checker's warnings. Throws, writing nothing, when the feed has errors.</summary>
    public static IReadOnlyList<FeedProblem> Write(ShowFolder folder, Show show, IReadOnlyList<Episode> episodes, IFeedWriter writer)
    {
        var feed = Prepare(folder, show, episodes, writer);
        AtomicFile.WriteAllText(folder.FeedFile, feed.Xml);
        return feed.Warnings;
    }

    /// <summary>
    /// A show whose show.yml names no image gets a generated <see cref="DefaultCoverName"/>; one already there
    /// (generated earlier or put there by hand) is kept. Returns whether a cover was generated.
    /// </summary>
    public static bool EnsureCover(ShowFolder folder, Show show)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(show);
        return show.Image is null && CoverImage.EnsureDefault(Path.Combine(folder.Root, DefaultCoverName), show.Title);
    }
}

/// <summary>A rendered feed that passed <see cref="FeedChecker"/> with no errors, and its warnings.</summary>
public sealed record CheckedFeed(string Xml, IReadOnlyList<FeedProblem> Warnings);
