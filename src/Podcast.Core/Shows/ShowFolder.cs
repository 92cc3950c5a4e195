namespace Podcast.Shows;

/// <summary>
/// The layout of a show on disk: <c>show.yml</c>, the generated <c>feed.xml</c>, and <c>episodes/&lt;slug&gt;/</c>
/// with <c>episode.json</c> and every file made for the episode. One place knows these names.
/// </summary>
public sealed class ShowFolder
{
    public ShowFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Root = Path.GetFullPath(path);
    }

    public string Root { get; }

    public string ShowFile => Path.Combine(Root, "show.yml");

    public string FeedFile => Path.Combine(Root, "feed.xml");

    public string EpisodesDirectory => Path.Combine(Root, "episodes");

    public string LockFile => Path.Combine(Root, ".publish.lock");

    public string EpisodeDirectory(string slug) => Path.Combine(EpisodesDirectory, EpisodeSlug.Require(slug));

    public string EpisodeFile(string slug) => Path.Combine(EpisodeDirectory(slug), "episode.json");

    /// <summary>A file's public URL: the base URL plus its path under the show, each segment percent-encoded.</summary>
    public static Uri PublicUrl(Show show, params string[] segments)
    {
        ArgumentNullException.ThrowIfNull(show);
        return new Uri(show.BaseUrl, string.Join('/', segments.Select(Uri.EscapeDataString)));
    }
}
