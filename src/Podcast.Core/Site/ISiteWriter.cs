using Podcast.Shows;

namespace Podcast.Site;

/// <summary>Writes the show's static web pages (index.html and one page per episode) into the show folder.</summary>
public interface ISiteWriter
{
    void Write(ShowFolder folder, Show show, IReadOnlyList<Episode> episodes, CancellationToken cancellationToken);
}
