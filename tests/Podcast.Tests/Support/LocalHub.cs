using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Podcast.Tests.Support;

/// <summary>One request a <see cref="LocalHub"/> received.</summary>
public sealed record HubRequest(string Method, string Path, string Query, string Body, string? Authorization, string? ContentType);

/// <summary>
/// A WebSub hub (and Podping endpoint) on 127.0.0.1: an HttpListener that records every request and answers with
/// <see cref="Status"/>. Paths are free: /hub and /podping are the tests' convention.
/// </summary>
public sealed class LocalHub : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public LocalHub()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public HttpStatusCode Status { get; set; } = HttpStatusCode.NoContent;

    public ConcurrentQueue<HubRequest> Requests { get; } = new();

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                Requests.Enqueue(new HubRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query,
                    await reader.ReadToEndAsync().ConfigureAwait(false), context.Request.Headers["Authorization"], context.Request.ContentType));
            }

            context.Response.StatusCode = (int)Status;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
