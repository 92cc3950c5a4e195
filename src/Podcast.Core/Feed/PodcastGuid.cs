using System.Security.Cryptography;
using System.Text;

namespace Podcast.Feed;

/// <summary>
/// UUIDv5 (RFC 4122 section 4.3) as the Podcasting 2.0 <c>podcast:guid</c> specifies: SHA-1 over the namespace
/// <c>ead4c236-bf58-58c6-a2c6-a6b28d128cb6</c> and a name. For a channel the name is the feed URL without its scheme
/// and trailing slashes.
/// </summary>
public static class PodcastGuid
{
    public static readonly Guid Namespace = Guid.Parse("ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

    public static Guid ForFeedUrl(Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(feedUrl);
        var text = feedUrl.OriginalString;
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
            text = text[(scheme + 3)..];
        return Create(Namespace, text.TrimEnd('/'));
    }

    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var data = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(data, bigEndian: true, out _);
        nameBytes.CopyTo(data, 16);
#pragma warning disable CA5350 // UUIDv5 is defined over SHA-1; this is naming, not security.
        var hash = SHA1.HashData(data);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
