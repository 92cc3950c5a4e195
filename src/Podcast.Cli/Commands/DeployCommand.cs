using System.CommandLine;
using Podcast.Deploy;
using Podcast.Shows;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast deploy [feeds/&lt;slug&gt;] [--to s3://bucket/prefix] [--endpoint URL] [--region NAME] [--dry-run]</c>.</summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var show = new Argument<string>("show") { Description = "The show folder (feeds/<slug>); may be left out when ./feeds holds one show", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => PublishCommand.DefaultShow() };
        var to = new Option<string?>("--to") { Description = "The bucket and prefix, s3://bucket/prefix (else deploy.to in show.yml)" };
        var endpoint = new Option<string?>("--endpoint") { Description = "An S3-compatible endpoint URL (else $AWS_ENDPOINT_URL_S3, $AWS_ENDPOINT_URL, deploy.endpoint in show.yml, or AWS)" };
        var region = new Option<string?>("--region") { Description = "The region (else $AWS_REGION, deploy.region in show.yml, the AWS profile's, or us-east-1)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Compare with the bucket and print what would be uploaded and deleted; change nothing, ping nobody" };
        var json = GlobalOptions.Json();
        var command = new Command("deploy", "Upload the show's public files to S3-compatible storage (only what changed, feed.xml last), then ping its WebSub hubs")
        {
            show, to, endpoint, region, dryRun, json,
        };
        command.SetRunner(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(show);
            if (string.IsNullOrWhiteSpace(path))
                throw PodcastException.InvalidArgument("give the show folder, e.g. podcast deploy feeds/my-show");
            var toText = parse.GetValue(to);
            var location = toText is null ? null : S3Location.TryParse(toText) ?? throw PodcastException.InvalidArgument($"--to: \"{toText}\" is not s3://bucket or s3://bucket/prefix");
            var endpointText = parse.GetValue(endpoint);
            Uri? endpointUri = null;
            if (endpointText is not null && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpointUri) || endpointUri.Scheme is not ("http" or "https")))
                throw PodcastException.InvalidArgument($"--endpoint: \"{endpointText}\" is not an http(s) URL");

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
            var deployer = new Deployer(target => S3ObjectStore.Open(target, Environment.GetEnvironmentVariable), new HubNotifier(http), Environment.GetEnvironmentVariable);
            var result = await deployer.DeployAsync(
                new DeployRequest(path, location, endpointUri, parse.GetValue(region), parse.GetValue(dryRun)),
                line => Console.Error.WriteLine(line),
                warning => Console.Error.WriteLine($"podcast: warning: {warning}"),
                cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
                CommandRunner.WriteJson(result);
            Console.Error.WriteLine(result.DryRun
                ? $"dry run, nothing changed: {result.Uploaded.Count} to upload, {result.Unchanged} unchanged, {result.Deleted.Count} to delete at {result.Target}"
                : $"deployed to {result.Target}: {result.Uploaded.Count} uploaded, {result.Unchanged} unchanged, {result.Deleted.Count} deleted{(result.Notified.Count > 0 ? $"; told {string.Join(", ", result.Notified.Select(n => n.Host))}" : string.Empty)}");
            return 0;
        });
        return command;
    }
}
