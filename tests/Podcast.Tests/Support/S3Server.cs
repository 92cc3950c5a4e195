using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Podcast.Tests.Support;

/// <summary>
/// A real S3 server for the deploy tests: the npm package s3rver (installed into tests/conformance by tests/run.sh),
/// started on 127.0.0.1 on a port it picks, with one bucket, keeping its objects in a folder that outlives a
/// <see cref="Kill"/> so a restarted server serves what was stored before. s3rver knows one key pair,
/// S3RVER/S3RVER, and refuses unknown access key ids; it does not verify SigV4 signatures.
/// </summary>
public sealed partial class S3Server : IDisposable
{
    public const string Bucket = "podcasts";
    public const string AccessKey = "S3RVER";

    private readonly string _data;
    private Process? _process;

    private S3Server(string data)
    {
        _data = data;
    }

    public int Port { get; private set; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/");

    /// <summary>Lines s3rver logged, in order, since it was last started.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>A server keeping its objects in a folder beside <paramref name="show"/>'s, deleted with it.</summary>
    public static S3Server Beside(TempShow show) => Start(Path.Combine(Path.GetDirectoryName(show.Root)!, "s3"));

    public static S3Server Start(string dataFolder)
    {
        var script = Path.Combine(FeedParsers.Folder, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            Assert.Skip("s3rver is not installed: run tests/run.sh (npm ci in tests/conformance)");
        var server = new S3Server(dataFolder);
        server.Restart();
        return server;
    }

    /// <summary>Starts s3rver on the same data folder (after <see cref="Kill"/>), on a new port.</summary>
    public void Restart()
    {
        Directory.CreateDirectory(_data);
        _process?.Dispose();
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(FeedParsers.Folder, "node_modules", "s3rver", "bin", "s3rver.js"), "-d", _data, "-a", "127.0.0.1", "-p", "0", "--no-vhost-buckets", "--configure-bucket", Bucket })
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("node is not installed (tests/run.sh and .ci/run expect it)");
            throw;
        }

        Log.Clear();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            Log.Enqueue(e.Data);
            if (Listening().Match(e.Data) is { Success: true } m)
                listening.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                Log.Enqueue(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"s3rver did not start listening within a minute: {string.Join('\n', Log)}");
        Port = listening.Task.Result;
    }

    /// <summary>SIGKILL, as a crash or a pulled cable would stop it: no request is finished.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>The variables a deploy against this server runs with: its endpoint and key pair, and no AWS profile.</summary>
    public Dictionary<string, string?> Environment(string? accessKey = AccessKey) => new(StringComparer.Ordinal)
    {
        ["AWS_ACCESS_KEY_ID"] = accessKey,
        ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_ENDPOINT_URL"] = Endpoint.AbsoluteUri,
        ["AWS_ENDPOINT_URL_S3"] = null,
        ["AWS_REGION"] = "us-east-1",
        ["AWS_PROFILE"] = null,
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials",
        ["AWS_CONFIG_FILE"] = "/nonexistent/config",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    /// <summary>A client of our own to read the bucket back, independent of the deploy code under test.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, "S3RVER"), new AmazonS3Config
    {
        ServiceURL = Endpoint.AbsoluteUri,
        AuthenticationRegion = "us-east-1",
        ForcePathStyle = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    /// <summary>Every key in the bucket with its ETag and last-modified time.</summary>
    public IReadOnlyDictionary<string, (string ETag, DateTime? Modified)> Objects()
    {
        using var client = Client();
        var objects = new Dictionary<string, (string, DateTime?)>(StringComparer.Ordinal);
        var request = new ListObjectsV2Request { BucketName = Bucket };
        do
        {
            var page = client.ListObjectsV2Async(request).GetAwaiter().GetResult();
            foreach (var o in page.S3Objects ?? [])
                objects[o.Key] = (o.ETag, o.LastModified);
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (!string.IsNullOrEmpty(request.ContinuationToken));
        return objects;
    }

    /// <summary>An object as the server serves it: its bytes, Content-Type and Cache-Control.</summary>
    public (byte[] Bytes, string ContentType, string? CacheControl) Get(string key)
    {
        using var client = Client();
        using var response = client.GetObjectAsync(Bucket, key).GetAwaiter().GetResult();
        using var bytes = new MemoryStream();
        response.ResponseStream.CopyTo(bytes);
        return (bytes.ToArray(), response.Headers.ContentType, response.Headers.CacheControl);
    }

    /// <summary>Stores an object as another tool would, behind deploy's back.</summary>
    public void Put(string key, string body)
    {
        using var client = Client();
        client.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = body }).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }

    [GeneratedRegex(@"S3rver listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
