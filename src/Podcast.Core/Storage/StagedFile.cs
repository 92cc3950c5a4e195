namespace Podcast.Storage;

/// <summary>
/// A file written under a temp name and moved onto <see cref="Target"/> by <see cref="MoveIntoPlace"/>; disposed
/// before that, the temp file is deleted and the target is untouched.
/// </summary>
public sealed class StagedFile(string target, string? directory = null) : IDisposable
{
    public string Target { get; } = System.IO.Path.GetFullPath(target);

    /// <summary>The temp file: beside the target, or in <c>directory</c> (which must be on the same file system).</summary>
    public string Path { get; } = AtomicFile.TempPath(System.IO.Path.Combine(directory ?? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target))!, System.IO.Path.GetFileName(target)));

    /// <summary>Target to staged path, for checks that must see the file as it will be.</summary>
    public IReadOnlyDictionary<string, string> AsMap() => new Dictionary<string, string> { [Target] = Path };

    public void MoveIntoPlace()
    {
        try
        {
            File.Move(Path, Target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.WriteFailed(Target, AtomicFile.DescribeIoError(e), e);
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp file left behind is swept by the next publish (AtomicFile.SweepStale).
        }
    }
}
