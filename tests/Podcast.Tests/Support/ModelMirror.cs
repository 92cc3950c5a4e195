using System.Net;

namespace Podcast.Tests.Support;

/// <summary>
/// A model host on 127.0.0.1 standing in for the real ones, which tests cannot reach: it serves the files it is given
/// by name under its base URL and counts what was asked for. Disposing it stops it.
/// </summary>
public sealed class ModelMirror : IDisposable
{
    private readonly Dictionary<string, Func<byte[]>> _files = new(StringComparer.Ordinal);
    private readonly List<string> _requests = [];
    private readonly LoopbackListener _listener;

    public ModelMirror()
    {
        _listener = new LoopbackListener("/models/", ServeAsync);
        BaseUrl = $"http://127.0.0.1:{_listener.Port}/models/";
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

    public void Dispose() => _listener.Dispose();

    private async Task ServeAsync(HttpListenerContext context)
    {
        var name = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath["/models/".Length..]);
        lock (_requests)
            _requests.Add(name);
        Func<byte[]>? file;
        lock (_files)
            _files.TryGetValue(name, out file);
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
}
