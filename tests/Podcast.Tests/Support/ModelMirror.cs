using System.Net;
using System.Net.Sockets;

namespace Podcast.Tests.Support;

/// <summary>
/// A model host on 127.0.0.1 standing in for the real ones, which tests cannot reach: it serves the files it is given
/// by name under its base URL and counts what was asked for. Disposing it stops it.
/// </summary>
public sealed class ModelMirror : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, Func<byte[]>> _files = new(StringComparer.Ordinal);
    private readonly List<string> _requests = [];
    private readonly Task _serving;

    public ModelMirror()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/models/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>The names asked for, in order (404s included).</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
                return [.. _requests];
        }
    }

    /// <summary>Serves <paramref name="path"/>'s bytes as <paramref name="name"/>.</summary>
    public ModelMirror Serve(string name, string path) => Serve(name, () => File.ReadAllBytes(path));

    public ModelMirror Serve(string name, Func<byte[]> bytes)
    {
        lock (_files)
            _files[name] = bytes;
        return this;
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
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
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var name = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath["/models/".Length..]);
            lock (_requests)
                _requests.Add(name);
            Func<byte[]>? file;
            lock (_files)
                _files.TryGetValue(name, out file);
            try
            {
                if (file is null)
                {
                    context.Response.StatusCode = 404;
                }
                else
                {
                    var bytes = file();
                    context.Response.ContentLength64 = bytes.Length;
                    await context.Response.OutputStream.WriteAsync(bytes);
                }

                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away (a test that stops reading); the next request is served as usual.
            }
        }
    }
}
