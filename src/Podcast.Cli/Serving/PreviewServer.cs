using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Podcast.Cli.Serving;

/// <summary>
/// Serves a show folder on 127.0.0.1 the way a podcast host must: the feed as application/rss+xml, media with HEAD and
/// byte ranges (ASP.NET Core's static file middleware answers both, with Accept-Ranges and 206), index.html as the
/// default document, and CORS on the transcripts, chapters and feed so web players on other origins can read them.
/// Only files with a known type are served, so show.yml, the lock and temp files stay private.
/// </summary>
internal sealed class PreviewServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PreviewServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The address it listens on, e.g. http://127.0.0.1:8080/.</summary>
    public Uri Url { get; }

    public static async Task<PreviewServer> StartAsync(string root, int port, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
            throw PodcastException.InvalidArgument($"--port {port}: a port is 0 (any free one) to 65535");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = root, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new PodcastContentTypes(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = "no-cache";
                if (PodcastContentTypes.IsSharedData(context.File.Name))
                    headers.AccessControlAllowOrigin = "*";
            },
        });

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw PodcastException.InvalidArgument($"--port {port}: cannot listen on 127.0.0.1:{port} ({e.Message.Split('\n')[0]}); pick another port");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PreviewServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>
    /// Completes when the server stops: on Ctrl-C or SIGTERM (the host's console lifetime handles both) or when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The MIME types podcast apps expect: the feed is RSS, transcripts carry their Podcasting 2.0 types.</summary>
    private sealed class PodcastContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _byExtension = new();

        public PodcastContentTypes()
        {
            _byExtension.Mappings[".srt"] = "application/x-subrip";
            _byExtension.Mappings[".vtt"] = "text/vtt";
            _byExtension.Mappings[".mp3"] = "audio/mpeg";
        }

        /// <summary>Files that web players on other sites fetch with script: transcripts, chapters and the feed.</summary>
        public static bool IsSharedData(string name) =>
            name.StartsWith("transcript.", StringComparison.Ordinal) || name.EndsWith("chapters.json", StringComparison.Ordinal) || name == "feed.xml";

        public bool TryGetContentType(string subpath, out string contentType)
        {
            if (Path.GetFileName(subpath) == "feed.xml")
            {
                contentType = "application/rss+xml; charset=utf-8";
                return true;
            }

            return _byExtension.TryGetContentType(subpath, out contentType!);
        }
    }
}
