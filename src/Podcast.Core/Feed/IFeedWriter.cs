using Podcast.Shows;

namespace Podcast.Feed;

/// <summary>Renders the show's RSS document from the show and its episodes (newest first).</summary>
public interface IFeedWriter
{
    string Render(Show show, IReadOnlyList<Episode> episodes);
}
