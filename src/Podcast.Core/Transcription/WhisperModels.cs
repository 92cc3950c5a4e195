using System.Security.Cryptography;

namespace Podcast.Transcription;

/// <summary>A ggml Whisper model whisper.cpp publishes, with the SHA-1 of its file from whisper.cpp's models README.</summary>
public sealed record WhisperModelInfo(string Name, string Sha1, long ApproximateBytes)
{
    public string FileName => $"ggml-{Name}.bin";

    public Uri DownloadUri => new($"https://huggingface.co/ggerganov/whisper.cpp/resolve/main/{FileName}");
}

/// <summary>
/// Finds the Whisper model to use, in order: an explicit path, <c>PODCAST_WHISPER_MODEL</c>, the user cache
/// (<c>$XDG_CACHE_HOME/podcast/models</c>), and finally a verified download into that cache.
/// </summary>
public sealed class WhisperModels
{
    public const string DefaultModel = "base.en";
    public const string EnvironmentVariable = "PODCAST_WHISPER_MODEL";

    private static readonly WhisperModelInfo[] Known =
    [
        new("tiny", "bd577a113a864445d4c299885e0cb97d4ba92b5f", 77_691_713),
        new("tiny.en", "c78c86eb1a8faa21b369bcd33207cc90d64ae9df", 77_704_715),
        new("base", "465707469ff3a37a2b9b8d8f89f2f99de7299dac", 147_951_465),
        new("base.en", "137c40403d78fd54d454da0f9bd998f78703390c", 147_964_211),
        new("small", "55356645c2b361a969dfd0ef2c5a50d530afd8d5", 487_601_967),
        new("small.en", "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022", 487_614_201),
        new("medium", "fd9727b6e1217c2f614f9b698455c4ffd82463b4", 1_533_763_059),
        new("medium.en", "8c30f0e44ce9560643ebd10bbe50cd20eafd3723", 1_533_774_781),
        new("large-v2", "0f4c8e34f21cf1a914c59d8b3ce882345ad349d6", 3_094_623_691),
        new("large-v3", "ad82bf6a9043ceed055076d0fd39f5f186ff8062", 3_095_033_483),
        new("large-v3-turbo", "4af2b29d7ec73d781377bfd1758ca957a807e941", 1_624_555_275),
        new("large-v3-turbo-q5_0", "e050f7970618a659205450ad97eb95a18d69c9ee", 574_041_195),
        new("large-v3-turbo-q8_0", "01bf15bedffe9f39d65c1b6ff9b687ea91f59e0e", 874_188_075),
        new("small-q5_1", "6fe57ddcfdd1c6b07cdcc73aaf620810ce5fc771", 190_085_487),
        new("small-q8_0", "bcad8a2083f4e53d648d586b7dbc0cd673d8afad", 264_464_607),
    ];

    private readonly HttpClient? _http;

    public WhisperModels(string cacheDirectory, HttpClient? http = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        CacheDirectory = cacheDirectory;
        _http = http;
    }

    public string CacheDirectory { get; }

    public static IReadOnlyList<WhisperModelInfo> Catalogue => Known;

    /// <summary><c>$XDG_CACHE_HOME/podcast/models</c>, or <c>~/.cache/podcast/models</c>.</summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "podcast", "models");
    }

    public static WhisperModelInfo Find(string name) =>
        Known.FirstOrDefault(m => m.Name == name)
        ?? throw PodcastException.InvalidArgument($"unknown Whisper model \"{name}\"; known: {string.Join(", ", Known.Select(k => k.Name))}");

    public IEnumerable<string> Cached() =>
        Directory.Exists(CacheDirectory) ? Directory.EnumerateFiles(CacheDirectory, "ggml-*.bin").Order(StringComparer.Ordinal) : [];

    /// <summary>
    /// The model file to load. <paramref name="explicitPath"/> (from <c>--model</c>) wins, then the environment
    /// variable, then the cache; only then is <paramref name="name"/> downloaded.
    /// </summary>
    public async Task<string> ResolveAsync(string? explicitPath, string name, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return Existing(explicitPath, "--model");
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Existing(fromEnvironment, EnvironmentVariable);

        var model = Find(name);
        var cached = Path.Combine(CacheDirectory, model.FileName);
        if (File.Exists(cached))
            return cached;
        return await DownloadAsync(model, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Downloads into a temp file beside the target, checks the SHA-1, then renames: a cache never holds a partial model.</summary>
    public async Task<string> DownloadAsync(WhisperModelInfo model, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var target = Path.Combine(CacheDirectory, model.FileName);
        var temp = target + ".download";
        try
        {
            Directory.CreateDirectory(CacheDirectory);
            var http = _http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                using var response = await http.GetAsync(model.DownloadUri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                var total = response.Content.Headers.ContentLength ?? model.ApproximateBytes;
                using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
                await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    var buffer = new byte[1 << 16];
                    long done = 0;
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        sha1.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        done += read;
                        progress?.Report(new StageProgress($"download {model.Name}", Math.Min(1, (double)done / total)));
                    }
                }

                var actual = Convert.ToHexStringLower(sha1.GetHashAndReset());
                if (actual != model.Sha1)
                    throw PodcastException.ModelUnavailable($"{model.DownloadUri}: downloaded file has SHA-1 {actual}, expected {model.Sha1}; not used");
                File.Move(temp, target, overwrite: true);
                return target;
            }
            finally
            {
                if (_http is null)
                    http.Dispose();
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw PodcastException.ModelUnavailable(
                $"no Whisper model: {model.FileName} is not in {CacheDirectory} and could not be downloaded ({e.Message}); " +
                $"pass --model PATH, set {EnvironmentVariable}, or run `podcast models download {model.Name}` when online", e);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
    }

    private static string Existing(string path, string origin)
    {
        if (!File.Exists(path))
            throw PodcastException.ModelUnavailable($"{path}: no such Whisper model file (from {origin})");
        return path;
    }
}
