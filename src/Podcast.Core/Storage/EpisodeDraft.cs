namespace Podcast.Storage;

/// <summary>
/// The folder a publish writes an episode into, undone if the publish fails before <see cref="Keep"/> (the
/// episode.json is written). A folder this run created is removed: a failed first publish leaves no trace. A folder
/// that existed before (a republish) is put back as it was: its files' bytes are held from <see cref="Begin"/>, files
/// the run added are deleted and changed ones rewritten, so a republish the feed check refuses leaves the episode
/// byte for byte unchanged.
/// </summary>
public sealed class EpisodeDraft : IDisposable
{
    private readonly string _path;
    private readonly IReadOnlyDictionary<string, byte[]>? _before;
    private readonly string? _untouched;
    private bool _kept;

    private EpisodeDraft(string path, IReadOnlyDictionary<string, byte[]>? before, string? untouched)
    {
        _path = path;
        _before = before;
        _untouched = untouched;
    }

    /// <param name="untouched">
    /// A file the run never writes in place (the episode's MP3, which the show commit moves in only once the feed is
    /// accepted): neither held nor restored, so a republish of an hour's audio does not hold it in memory.
    /// </param>
    public static EpisodeDraft Begin(string path, string? untouched = null)
    {
        var existed = Directory.Exists(path);
        var skip = untouched is null ? null : Path.GetFullPath(untouched);
        try
        {
            Directory.CreateDirectory(path);
            var before = existed
                ? Files(path, skip).ToDictionary(f => f, File.ReadAllBytes, StringComparer.Ordinal)
                : null;
            return new EpisodeDraft(path, before, skip);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.WriteFailed(path, AtomicFile.DescribeIoError(e), e);
        }
    }

    public void Keep() => _kept = true;

    public void Dispose()
    {
        if (_kept)
            return;
        try
        {
            if (_before is null)
            {
                Directory.Delete(_path, recursive: true);
                return;
            }

            foreach (var file in Files(_path, _untouched).Where(f => !_before.ContainsKey(f)))
                File.Delete(file);
            foreach (var (file, bytes) in _before)
            {
                if (!File.Exists(file) || !File.ReadAllBytes(file).AsSpan().SequenceEqual(bytes))
                    AtomicFile.WriteAllBytes(file, bytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PodcastException)
        {
            // Undoing is best effort on a path that is already failing; the original error is the one to report.
        }
    }

    private static IEnumerable<string> Files(string path, string? untouched) =>
        Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Select(Path.GetFullPath).Where(f => f != untouched);
}
