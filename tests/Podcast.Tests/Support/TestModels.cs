using Podcast.Models;

namespace Podcast.Tests.Support;

/// <summary>
/// The model environment every test run of the executable starts from, unless the test says otherwise: the small
/// models from ../shared named by their variables (fast, no download), an empty model cache of the test run's own,
/// and a mirror nobody listens on, so that a model a test did not provide fails fast (exit 5) instead of reaching
/// for the internet. The fresh-user tests replace all of it.
/// </summary>
public static class TestModels
{
    /// <summary>The discard port on loopback: connections are refused at once.</summary>
    public const string UnreachableMirror = "http://127.0.0.1:9/";

    private static readonly Lazy<string> EmptyCache = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "podcast-tests", $"cache-{Environment.ProcessId}");
        Directory.CreateDirectory(path);
        return path;
    });

    public static IReadOnlyDictionary<string, string?> Defaults()
    {
        var defaults = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["XDG_CACHE_HOME"] = EmptyCache.Value,
            [ModelCache.MirrorVariable] = UnreachableMirror,
            [ModelCatalogue.WhisperEnvironmentVariable] = null,
            [ModelCatalogue.SileroVad.EnvironmentVariable!] = Fixtures.TryGet("fixtures/whisper/" + ModelCatalogue.SileroVad.FileName),
            [ModelCatalogue.Segmentation.EnvironmentVariable!] = Fixtures.TryGet("models/speaker/" + ModelCatalogue.Segmentation.FileName),
            [ModelCatalogue.SpeakerEmbedding.EnvironmentVariable!] = Fixtures.TryGet("models/speaker/" + ModelCatalogue.SpeakerEmbedding.FileName),
        };
        return defaults;
    }

    /// <summary>The defaults, then the test's own values on top; a null value removes the variable.</summary>
    public static void Apply(IDictionary<string, string?> environment, IReadOnlyDictionary<string, string?>? overrides)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var (key, value) in Defaults().Concat(overrides ?? new Dictionary<string, string?>()))
        {
            if (value is null)
                environment.Remove(key);
            else
                environment[key] = value;
        }
    }
}
