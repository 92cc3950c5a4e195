using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.S3;
using Amazon.S3.Model;

namespace Podcast.Deploy;

/// <summary>
/// <see cref="IObjectStore"/> over AWSSDK.S3, set up for S3-compatible services as much as for AWS: path-style
/// addressing (no bucket subdomains, which MinIO and local servers lack), checksums only where an operation requires
/// one (newer SDKs add CRC headers that R2, B2 and others refuse), unchunked uploads, and a Content-MD5 on every put
/// so the store rejects a body that arrived damaged. Credentials come from the environment or an AWS profile only;
/// instance metadata is never asked, so a laptop without credentials fails at once instead of probing the network.
/// </summary>
internal sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private const string Sha256Metadata = "sha256";
    private readonly AmazonS3Client _client;
    private readonly DeployTarget _target;

    private S3ObjectStore(AmazonS3Client client, DeployTarget target)
    {
        _client = client;
        _target = target;
    }

    private string Bucket => _target.Location.Bucket;

    public static S3ObjectStore Open(DeployTarget target, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(environment);
        var (credentials, profileRegion) = Credentials(target, environment);
        var region = target.Region ?? profileRegion ?? "us-east-1";
        var config = new AmazonS3Config
        {
            ForcePathStyle = true,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // The endpoint was already chosen by DeployTarget (flag, then AWS_ENDPOINT_URL_S3/AWS_ENDPOINT_URL, then show.yml).
            IgnoreConfiguredEndpointUrls = true,
            Timeout = TimeSpan.FromMinutes(30),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            MaxErrorRetry = 2,
        };
        if (target.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.AbsoluteUri;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new S3ObjectStore(new AmazonS3Client(credentials, config), target);
    }

    public async Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var objects = new List<StoredObject>();
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix };
        do
        {
            var page = await Call(_target.Location.ToString(), () => _client.ListObjectsV2Async(request, cancellationToken), cancellationToken).ConfigureAwait(false);
            foreach (var o in page.S3Objects ?? [])
                objects.Add(new StoredObject(o.Key, o.Size ?? 0, (o.ETag ?? string.Empty).Trim('"')));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
        return objects;
    }

    public async Task<string?> ReadSha256Async(string key, CancellationToken cancellationToken)
    {
        var head = await Call(Url(key), () => _client.GetObjectMetadataAsync(Bucket, key, cancellationToken), cancellationToken).ConfigureAwait(false);
        return head.Metadata[Sha256Metadata];
    }

    public async Task PutAsync(ObjectUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var request = new PutObjectRequest
        {
            BucketName = Bucket,
            Key = upload.Key,
            FilePath = upload.FilePath,
            ContentType = upload.ContentType,
            MD5Digest = upload.Hashes.Md5Base64,
            UseChunkEncoding = false,
        };
        request.Headers.CacheControl = upload.CacheControl;
        request.Metadata.Add(Sha256Metadata, upload.Hashes.Sha256Hex);
        await Call(Url(upload.Key), () => _client.PutObjectAsync(request, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await Call(Url(key), () => _client.DeleteObjectAsync(Bucket, key, cancellationToken), cancellationToken).ConfigureAwait(false);

    public void Dispose() => _client.Dispose();

    private string Url(string key) => $"s3://{Bucket}/{key}";

    /// <summary>Environment keys first, then the profile (AWS_PROFILE or "default"), as the AWS CLI does.</summary>
    private static (AWSCredentials Credentials, string? ProfileRegion) Credentials(DeployTarget target, Func<string, string?> environment)
    {
        var keyId = environment("AWS_ACCESS_KEY_ID");
        var secret = environment("AWS_SECRET_ACCESS_KEY");
        var profileName = environment("AWS_PROFILE");
        var profiles = new CredentialProfileStoreChain();
        var profileRegion = profiles.TryGetProfile(string.IsNullOrWhiteSpace(profileName) ? "default" : profileName, out var profile) ? profile.Region?.SystemName : null;
        if (!string.IsNullOrWhiteSpace(keyId) && !string.IsNullOrWhiteSpace(secret))
        {
            var token = environment("AWS_SESSION_TOKEN");
            return (string.IsNullOrWhiteSpace(token) ? new BasicAWSCredentials(keyId, secret) : new SessionAWSCredentials(keyId, secret, token), profileRegion);
        }

        if (!string.IsNullOrWhiteSpace(keyId) || !string.IsNullOrWhiteSpace(secret))
            throw PodcastException.DeployFailed(target.Location.ToString(), string.IsNullOrWhiteSpace(keyId) ? "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not: set both" : "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not: set both");
        if (!string.IsNullOrWhiteSpace(profileName) && profile is null)
            throw PodcastException.DeployFailed(target.Location.ToString(), $"AWS_PROFILE names \"{profileName}\", which is in neither ~/.aws/credentials nor ~/.aws/config");
        if (profile is not null && profiles.TryGetAWSCredentials(profile.Name, out var fromProfile))
            return (fromProfile, profileRegion);
        throw PodcastException.DeployFailed(target.Location.ToString(), "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE to a profile in ~/.aws/credentials");
    }

    /// <summary>Runs one S3 call and turns its failures into one line naming <paramref name="what"/> and the cause.</summary>
    private async Task<T> Call<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw PodcastException.DeployFailed(what, Describe(e), e);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException or TaskCanceledException or AmazonClientException)
        {
            throw PodcastException.DeployFailed(what, $"cannot reach {_target.EndpointText} ({Innermost(e).Message.Split('\n')[0].Trim()})", e);
        }
    }

    private string Describe(AmazonServiceException e)
    {
        var code = string.IsNullOrEmpty(e.ErrorCode) ? ((int)e.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : e.ErrorCode;
        return code switch
        {
            "NoSuchBucket" => $"no bucket \"{Bucket}\" at {_target.EndpointText} (NoSuchBucket)",
            "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "ExpiredToken" or "InvalidToken" or "AccessDenied" or "403" =>
                $"{_target.EndpointText} refused the credentials ({code}: {FirstLine(e.Message)}); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE",
            _ when e.StatusCode == HttpStatusCode.NotFound && e.InnerException is null && string.IsNullOrEmpty(e.ErrorCode) => $"no bucket \"{Bucket}\" at {_target.EndpointText} (404)",
            _ when e.InnerException is HttpRequestException or IOException => $"cannot reach {_target.EndpointText} ({FirstLine(Innermost(e).Message)})",
            _ => $"{_target.EndpointText} answered {(int)e.StatusCode} {code}: {FirstLine(e.Message)}",
        };
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
