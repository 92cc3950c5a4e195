using System.Xml;
using Podcast.Shows;

namespace Podcast.Feed;

/// <summary>A feed.xml that no longer parses was edited by hand; overwriting it would hide the problem.</summary>
internal static class FeedGuard
{
    public static void EnsureReplaceable(ShowFolder folder)
    {
        if (!File.Exists(folder.FeedFile))
            return;
        try
        {
            using var reader = XmlReader.Create(folder.FeedFile, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            throw PodcastException.FeedInvalid(folder.FeedFile,
                $"does not parse (line {e.LineNumber}: {e.Message.Split('\n')[0].Trim()}); it is generated from show.yml and the episodes' episode.json, so move it aside and publish again to rebuild it", e);
        }
    }
}
