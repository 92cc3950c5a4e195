using System.Text;

namespace Podcast.Storage;

/// <summary>
/// Writes files so that a reader (or a crash) only ever sees the old content or the complete new content: write a
/// temp file in the same folder, flush it to disk, then rename over the target. Temp files end in
/// <see cref="TempSuffix"/> so a later run can sweep up after a killed one.
/// </summary>
public static class AtomicFile
{
    public const string TempSuffix = ".podcast-tmp";

    public static void WriteAllText(string path, string text) =>
        Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var copy = bytes.ToArray();
        Write(path, stream => stream.Write(copy));
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/> atomically.</summary>
    public static void Copy(string source, string path) => Write(path, stream =>
    {
        using var input = File.OpenRead(source);
        input.CopyTo(stream);
    });

    public static void Write(string path, Action<FileStream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temp = TempPath(full);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw PodcastException.WriteFailed(full, DescribeIoError(e), e);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>A fresh temp name beside <paramref name="path"/>: same folder, so the rename never crosses file systems.</summary>
    public static string TempPath(string path) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}.{Guid.NewGuid().ToString("N")[..8]}.{Environment.ProcessId}{TempSuffix}");

    /// <summary>Removes temp files left by killed runs (those whose process is gone) under <paramref name="directory"/>.</summary>
    public static void SweepStale(string directory)
    {
        if (!Directory.Exists(directory))
            return;
        foreach (var file in Directory.EnumerateFiles(directory, "*" + TempSuffix, SearchOption.AllDirectories))
        {
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length >= 3 && int.TryParse(parts[^2], out var pid) && ProcessIsAlive(pid))
                continue;
            TryDelete(file);
        }
    }

    internal static bool ProcessIsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    internal static string DescribeIoError(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        IOException io when (io.HResult & 0xFFFF) == 28 || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => "the disk is full",
        _ => e.Message,
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
