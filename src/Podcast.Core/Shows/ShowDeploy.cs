using System.Text.RegularExpressions;

namespace Podcast.Shows;

/// <summary>
/// Where <c>podcast deploy</c> puts a show and whom it tells, as <c>deploy:</c> in show.yml says. Credentials are
/// never part of it: they come from the standard AWS variables or profile files only.
/// </summary>
public sealed record ShowDeploy
{
    public static ShowDeploy None { get; } = new();

    /// <summary>The bucket and key prefix (<c>to: s3://bucket/prefix</c>); null when show.yml names none.</summary>
    public S3Location? To { get; init; }

    /// <summary>The S3-compatible service's endpoint (MinIO, R2, B2...); null means AWS itself, or the environment's.</summary>
    public Uri? Endpoint { get; init; }

    public string? Region { get; init; }

    /// <summary>WebSub hubs: named in the feed as <c>&lt;atom:link rel="hub"&gt;</c> and pinged after each new feed.</summary>
    public IReadOnlyList<Uri> Hubs { get; init; } = [];

    /// <summary>A Podping endpoint (e.g. https://podping.cloud/) called with the feed's URL after each new feed.</summary>
    public Uri? Podping { get; init; }
}

/// <summary>A bucket and a key prefix that is empty or ends in a slash: <c>s3://bucket/prefix/</c>.</summary>
public sealed partial record S3Location(string Bucket, string Prefix)
{
    /// <summary>Parses <c>s3://bucket</c> or <c>s3://bucket/some/prefix</c>; null when the text is not such a URL.</summary>
    public static S3Location? TryParse(string? text)
    {
        if (text is null || !text.StartsWith("s3://", StringComparison.Ordinal))
            return null;
        var rest = text["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? string.Empty : rest[(slash + 1)..].Trim('/');
        if (!BucketName().IsMatch(bucket) || prefix.Split('/').Any(p => p is "." or ".." || (p.Length == 0 && prefix.Length > 0)))
            return null;
        return new S3Location(bucket, prefix.Length == 0 ? string.Empty : prefix + "/");
    }

    public string Key(string relativePath) => Prefix + relativePath;

    public override string ToString() => $"s3://{Bucket}/{Prefix}";

    // S3's rules, loosened to what S3-compatible services also accept (dots, underscores, upper case on some).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{1,62}$")]
    private static partial Regex BucketName();
}
