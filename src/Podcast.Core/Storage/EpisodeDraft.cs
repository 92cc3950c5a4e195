namespace Podcast.Storage;

/// <summary>
/// The folder a publish writes an episode into. If this run created it and fails before <see cref="Keep"/> (the
/// episode.json is written), the folder is removed on dispose: a failed first publish leaves no trace. A folder that
/// existed before (a republish) is never removed.
/// </summary>
public sealed class EpisodeDraft : IDisposable
{
    private readonly string _path;
    private readonly bool _created;
    private bool _kept;

    private EpisodeDraft(string path, bool created)
    {
        _path = path;
        _created = created;
    }

    public static EpisodeDraft Begin(string path)
    {
        var created = !Directory.Exists(path);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.WriteFailed(path, AtomicFile.DescribeIoError(e), e);
        }

        return new EpisodeDraft(path, created);
    }

    public void Keep() => _kept = true;

    public void Dispose()
    {
        if (_kept || !_created)
            return;
        try
        {
            Directory.Delete(_path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
