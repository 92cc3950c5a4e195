using Podcast.Shows;

namespace Podcast.Deploy;

/// <summary>
/// Tells the world a new feed is up: a WebSub publish ping to each hub (POST <c>hub.mode=publish</c>,
/// <c>hub.url=</c> the feed) and, when configured, a Podping call (GET <c>?url=</c> the feed, with the token from
/// <see cref="PodpingTokenVariable"/> as its Authorization). The feed is already live by then, so a hub that fails
/// or cannot be reached is a warning, never a failed deploy; apps still find the feed when they next poll.
/// </summary>
public sealed class HubNotifier(HttpClient http)
{
    public const string PodpingTokenVariable = "PODPING_TOKEN";

    /// <summary>Pings every hub and the Podping endpoint; returns those that accepted, and warns of the others.</summary>
    public async Task<IReadOnlyList<Uri>> NotifyAsync(Uri feed, ShowDeploy deploy, Func<string, string?> environment, Action<string> warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(deploy);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(warn);
        var accepted = new List<Uri>();
        foreach (var hub in deploy.Hubs)
        {
            using var form = new FormUrlEncodedContent([new("hub.mode", "publish"), new("hub.url", feed.AbsoluteUri)]);
            if (await SendAsync(hub, new HttpRequestMessage(HttpMethod.Post, hub) { Content = form }, "WebSub hub", warn, cancellationToken).ConfigureAwait(false))
                accepted.Add(hub);
        }

        if (deploy.Podping is { } podping)
        {
            var query = $"url={Uri.EscapeDataString(feed.AbsoluteUri)}&reason=update&medium=podcast";
            var url = new UriBuilder(podping) { Query = string.IsNullOrEmpty(podping.Query) ? query : podping.Query.TrimStart('?') + "&" + query }.Uri;
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (environment(PodpingTokenVariable) is { Length: > 0 } token)
                request.Headers.TryAddWithoutValidation("Authorization", token);
            if (await SendAsync(podping, request, "Podping", warn, cancellationToken).ConfigureAwait(false))
                accepted.Add(podping);
        }

        return accepted;
    }

    private async Task<bool> SendAsync(Uri endpoint, HttpRequestMessage request, string kind, Action<string> warn, CancellationToken cancellationToken)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                    return true;
                warn($"{kind} {endpoint.AbsoluteUri} answered {(int)response.StatusCode} {response.ReasonPhrase}; the feed is deployed all the same, and apps will find it when they next poll");
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or TaskCanceledException)
            {
                warn($"{kind} {endpoint.AbsoluteUri} could not be reached ({e.Message.Split('\n')[0].Trim()}); the feed is deployed all the same, and apps will find it when they next poll");
            }

            return false;
        }
    }
}
