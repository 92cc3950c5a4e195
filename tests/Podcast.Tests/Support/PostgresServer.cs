using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Podcast.Tests.Support;

/// <summary>
/// A PostgreSQL server of the test's own, from Debian's package: initdb in a temp folder, listening on 127.0.0.1 on a
/// free port, as the nobody user when the tests run as root (PostgreSQL refuses to run as root). Skips when the
/// server binaries are not installed (tests/run.sh installs them).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _bin;
    private readonly string _data;

    public PostgresServer()
    {
        _bin = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderDescending(StringComparer.Ordinal)
            .FirstOrDefault() ?? string.Empty;
        if (_bin.Length == 0)
            Assert.Skip("PostgreSQL's server binaries are not installed (/usr/lib/postgresql/*/bin; tests/run.sh installs the postgresql package)");
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_111_111);
        _data = Path.Combine(_dir.Path, "data");
        Port = FreePort();
        Run("initdb", "-D", _data, "-A", "trust", "-U", "podcast", "--no-sync", "-E", "UTF8");
        Run("pg_ctl", "-D", _data, "-l", Path.Combine(_dir.Path, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_dir.Path} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start");
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=podcast;Database=postgres";

    public void Dispose()
    {
        try
        {
            Run("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        catch (Xunit.Sdk.XunitException)
        {
        }

        _dir.Dispose();
    }

    private void Run(string tool, params string[] args)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(_bin, tool)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in asRoot ? ["-u", "nobody", "--", Path.Combine(_bin, tool), .. args] : args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"{tool} did not finish in 2 minutes");
        }

        if (process.ExitCode != 0)
            throw new Xunit.Sdk.XunitException($"{tool} failed ({process.ExitCode}): {stdout.Result} {stderr.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
