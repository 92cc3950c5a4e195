using System.Collections.Concurrent;
using System.Net;

namespace Podcast.Tests.Support;

/// <summary>One request a <see cref="LocalHub"/> received.</summary>
public sealed record HubRequest(string Method, string Path, string Query, string Body, string? Authorization, string? ContentType);

/// <summary>
/// A WebSub hub (and Podping endpoint) on 127.0.0.1 that records every request and answers with
/// <see cref="Status"/>. Paths are free: /hub and /podping are the tests' convention.
/// </summary>
public sealed class LocalHub : IDisposable
{
    private readonly LoopbackListener _listener;

    public LocalHub()
    {
        _listener = new LoopbackListener("/", ServeAsync);
    }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.NoContent;

    public ConcurrentQueue<HubRequest> Requests { get; } = new();

    public Uri Url(string path) => new($"http://127.0.0.1:{_listener.Port}{path}");

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync(HttpListenerContext context)
    {
        using (var reader = new StreamReader(context.Request.InputStream))
        {
            Requests.Enqueue(new HubRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query,
                await reader.ReadToEndAsync(), context.Request.Headers["Authorization"], context.Request.ContentType));
        }

        context.Response.StatusCode = (int)Status;
        context.Response.Close();
    }
}
