using System.Diagnostics;

namespace Podcast.Tests.Support;

/// <summary>
/// Permission tests mean nothing as root (root reads and writes everything), so they run the CLI as the
/// <c>nobody</c> user through runuser. They skip, saying why, where that is not possible.
/// </summary>
public static class AsUnprivilegedUser
{
    public static CliResult Run(TempShow show, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(show);
        if (Environment.UserName != "root")
            Assert.Skip("permission tests need root to switch to the nobody user");
        var probe = Start("test", "-r", PodcastCli.Executable);
        if (probe.ExitCode != 0)
            Assert.Skip("the nobody user cannot read the test binaries here (a private parent folder)");
        return Start(["env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "DOTNET_NOLOGO=1", "dotnet", PodcastCli.Executable, .. args]);
    }

    /// <summary>Folders created by root are already closed to nobody; this states the intent.</summary>
    public static void MakeReadOnlyTree(string root)
    {
        foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Append(root))
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static CliResult Start(params string[] command)
    {
        var start = new ProcessStartInfo("runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-u", "nobody", "--", .. command])
            start.ArgumentList.Add(arg);
        TestModels.Apply(start.Environment, null);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
