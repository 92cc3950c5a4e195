namespace Podcast.Tests.Support;

/// <summary>A scratch copy of the committed Deeply Talks show, deleted when disposed.</summary>
public sealed class TempShow : IDisposable
{
    public TempShow(string? showYml = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "podcast-tests", Guid.NewGuid().ToString("N")[..12], "show");
        Directory.CreateDirectory(Root);
        var source = Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml");
        File.WriteAllText(Path.Combine(Root, "show.yml"), showYml ?? File.ReadAllText(source));
        var cover = Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "cover.png");
        if (showYml is null && File.Exists(cover))
            File.Copy(cover, Path.Combine(Root, "cover.png"));
    }

    public string Root { get; }

    public string FeedFile => Path.Combine(Root, "feed.xml");

    /// <summary>Every file under the show with its bytes hashed: equal snapshots mean nothing changed.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Root, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
