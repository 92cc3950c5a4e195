using System.Text.Json;

namespace Podcast.Tests.Support;

/// <summary>
/// The independent feed parsers (npm podcast-partytime and feedsmith, installed into tests/conformance by
/// tests/run.sh), run with node on a feed file. Skips when they are not installed.
/// </summary>
public static class FeedParsers
{
    public static string Folder => Path.Combine(Fixtures.RepositoryRoot, "tests", "conformance");

    /// <summary>{"partytime": ..., "feedsmith": ...}: what each parser read from <paramref name="feedFile"/>.</summary>
    public static JsonDocument Read(string feedFile)
    {
        if (!Directory.Exists(Path.Combine(Folder, "node_modules", "podcast-partytime")) || !Directory.Exists(Path.Combine(Folder, "node_modules", "feedsmith")))
            Assert.Skip("the npm feed parsers are not installed: run tests/run.sh (npm ci in tests/conformance)");
        var result = PodcastCli.Tool("node", Path.Combine(Folder, "read-feed.mjs"), feedFile);
        Assert.True(result.ExitCode == 0, $"the parsers rejected {feedFile}: {result.Stderr}");
        return JsonDocument.Parse(result.Stdout);
    }
}
