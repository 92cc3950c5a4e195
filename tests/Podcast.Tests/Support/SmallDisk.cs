using System.Diagnostics;

namespace Podcast.Tests.Support;

/// <summary>A tiny tmpfs file system, to see what publish does when the disk fills up. Needs root; skips otherwise.</summary>
public sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    public static SmallDisk Mount(int kilobytes)
    {
        if (Environment.UserName != "root")
            Assert.Skip("the full-disk test mounts a small tmpfs, which needs root");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "podcast-tests", "disk-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        if (Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path) != 0)
            Assert.Skip("cannot mount a tmpfs here");
        return new SmallDisk(path);
    }

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static int Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
