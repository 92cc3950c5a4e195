namespace Podcast.Deploy;

/// <summary>An object as the bucket lists it. <see cref="ETag"/> is without quotes.</summary>
public sealed record StoredObject(string Key, long Size, string ETag);

/// <summary>One file to put: its key, where its bytes are, and the headers it is served with.</summary>
public sealed record ObjectUpload(string Key, string FilePath, string ContentType, string CacheControl, FileHashes Hashes);

/// <summary>
/// One bucket of an S3-compatible store. Every method throws <see cref="PodcastException.DeployFailed"/> naming the
/// object (or the bucket) when the store refuses or cannot be reached; a put is whole or absent, never partial.
/// </summary>
public interface IObjectStore
{
    /// <summary>Every object whose key starts with <paramref name="prefix"/>.</summary>
    Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>The SHA-256 an upload recorded in the object's metadata, or null when it has none.</summary>
    Task<string?> ReadSha256Async(string key, CancellationToken cancellationToken);

    Task PutAsync(ObjectUpload upload, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
