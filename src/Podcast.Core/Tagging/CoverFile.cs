using Podcast.Feed;
using Podcast.Shows;

namespace Podcast.Tagging;

/// <summary>The show's cover, to embed in the MP3; null when the show has none yet.</summary>
internal static class CoverFile
{
    public static CoverArt? Read(ShowFolder folder, Show show)
    {
        var path = Path.Combine(folder.Root, ShowFeed.CoverName(show));
        if (!File.Exists(path))
            return null;
        var bytes = File.ReadAllBytes(path);
        var mime = bytes.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }) ? "image/png" : "image/jpeg";
        return new CoverArt(bytes, mime);
    }
}
