using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Podcast.Cli.Serving;

/// <summary>
/// Hangfire's dashboard for the queue, beside a worker (<c>podcast worker --dashboard 127.0.0.1:PORT</c>): read-only,
/// and only on a loopback address, where Hangfire's default filter also answers local requests only.
/// </summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    public const string Path = "/hangfire";

    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Fires when the web host stops (its console lifetime takes Ctrl-C and SIGTERM), so the worker stops with it.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Parses ADDRESS:PORT, refusing an address that is not loopback.</summary>
    public static IPEndPoint ParseEndpoint(string value)
    {
        if (!IPEndPoint.TryParse(value, out var endpoint) || endpoint.Port == 0)
            throw PodcastException.InvalidArgument($"--dashboard {value}: give ADDRESS:PORT, e.g. 127.0.0.1:8081");
        if (!IPAddress.IsLoopback(endpoint.Address))
            throw PodcastException.InvalidArgument($"--dashboard {value}: the dashboard listens on loopback only (127.0.0.1 or [::1]); reach it from elsewhere through an SSH tunnel");
        return endpoint;
    }

    public static async Task<DashboardServer> StartAsync(IPEndPoint endpoint, JobStorage storage, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddHangfire(configuration => configuration.UseStorage(storage));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        app.UseHangfireDashboard(Path, new DashboardOptions { IsReadOnlyFunc = _ => true, DashboardTitle = "podcast queue", DisplayStorageConnectionString = false }, storage);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw PodcastException.InvalidArgument($"--dashboard {endpoint}: cannot listen there ({e.Message.Split('\n')[0]}); pick another port");
        }

        return new DashboardServer(app, new Uri($"http://{endpoint}{Path}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
