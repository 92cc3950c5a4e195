using System.Globalization;

namespace Podcast.Storage;

/// <summary>
/// One writer per show at a time. The lock file holds the owner's pid; a lock whose process is gone is stale and is
/// taken over. A second publish waits (saying so once) up to <c>timeout</c>, then gives up with a clear message.
/// </summary>
public sealed class ShowLock : IDisposable
{
    private readonly FileStream _stream;
    private readonly string _path;

    private ShowLock(string path, FileStream stream)
    {
        _path = path;
        _stream = stream;
    }

    /// <summary>How long a command that changes a show waits for another to finish before giving up.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static async Task<ShowLock> AcquireAsync(string path, TimeSpan timeout, Action<string>? onWait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryCreate(path) is { } acquired)
                return acquired;
            var owner = ReadOwner(path);
            if (owner is null || !AtomicFile.ProcessIsAlive(owner.Value))
            {
                // Stale: the owner died without cleaning up. Removing it races only with another taker, and
                // CreateNew below lets exactly one of them win.
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                }

                continue;
            }

            if (DateTime.UtcNow > deadline)
                throw PodcastException.Busy(path, $"another publish (pid {owner}) is still running on this show; try again when it ends");
            if (!told)
            {
                onWait?.Invoke($"waiting for another publish (pid {owner}) on this show to finish");
                told = true;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
    }

    private static ShowLock? TryCreate(string path)
    {
        try
        {
            var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
            var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(pid));
            stream.Flush(flushToDisk: true);
            return new ShowLock(path, stream);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.WriteFailed(path, AtomicFile.DescribeIoError(e), e);
        }
    }

    private static int? ReadOwner(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
