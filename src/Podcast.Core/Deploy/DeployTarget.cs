using Podcast.Shows;

namespace Podcast.Deploy;

/// <summary>
/// Where a deploy goes, settled once: each value from the command line, else the standard AWS variable, else
/// show.yml's <c>deploy:</c>, the order every AWS tool uses (explicit, environment, configuration file).
/// A null <see cref="Region"/> leaves it to the AWS profile, then us-east-1.
/// </summary>
public sealed record DeployTarget(S3Location Location, Uri? Endpoint, string? Region)
{
    public const string EndpointS3Variable = "AWS_ENDPOINT_URL_S3";
    public const string EndpointVariable = "AWS_ENDPOINT_URL";

    public static DeployTarget Resolve(ShowDeploy fromShow, S3Location? to, Uri? endpoint, string? region, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(fromShow);
        ArgumentNullException.ThrowIfNull(environment);
        var location = to ?? fromShow.To
            ?? throw PodcastException.InvalidArgument("nowhere to deploy to: give --to s3://bucket/prefix, or deploy.to in show.yml");
        endpoint ??= EnvironmentUrl(EndpointS3Variable, environment) ?? EnvironmentUrl(EndpointVariable, environment) ?? fromShow.Endpoint;
        region ??= NonEmpty(environment("AWS_REGION")) ?? NonEmpty(environment("AWS_DEFAULT_REGION")) ?? fromShow.Region;
        return new DeployTarget(location, endpoint, region);
    }

    /// <summary>The endpoint as a user would name it in a message: the URL, or AWS.</summary>
    public string EndpointText => Endpoint?.AbsoluteUri ?? "AWS S3" + (Region is null ? string.Empty : $" ({Region})");

    private static Uri? EnvironmentUrl(string name, Func<string, string?> environment) => NonEmpty(environment(name)) switch
    {
        null => null,
        var text when Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" => uri,
        var text => throw PodcastException.InvalidArgument($"{name}: \"{text}\" is not an http(s) URL"),
    };

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
