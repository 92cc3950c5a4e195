using System.Security.Cryptography;

namespace Podcast.Deploy;

/// <summary>
/// A file's MD5 and SHA-256, read in one pass. MD5 is what S3 reports as the ETag of an object put in one request, so
/// a listing alone tells which files changed; the SHA-256 goes in the object's metadata for stores whose ETag is not
/// an MD5 (multipart copies, some encryption modes). Neither is used for security.
/// </summary>
public sealed record FileHashes(string Md5Hex, string Md5Base64, string Sha256Hex)
{
    public static FileHashes Of(string path)
    {
#pragma warning disable CA5351 // MD5 here is S3's ETag, a change detector, not a security measure.
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
#pragma warning restore CA5351
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                sha.AppendData(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.UnreadableInput(path, Storage.AtomicFile.DescribeIoError(e), e);
        }

        var md5Bytes = md5.GetHashAndReset();
        return new FileHashes(Convert.ToHexStringLower(md5Bytes), Convert.ToBase64String(md5Bytes), Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>Whether the stored object's ETag is this content's MD5; false for ETags that are not an MD5 at all.</summary>
    public bool MatchesETag(string etag) => string.Equals(etag, Md5Hex, StringComparison.OrdinalIgnoreCase);

    /// <summary>An ETag that is an MD5 of the content (32 hex digits); multipart and some encrypted objects' are not.</summary>
    public static bool IsContentMd5(string etag) => etag.Length == 32 && etag.All(char.IsAsciiHexDigit);
}
