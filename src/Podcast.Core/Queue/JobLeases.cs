using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Podcast.Queue;

/// <summary>
/// Named locks that die with their holder: a worker killed with SIGKILL loses them at once (the kernel closes its file,
/// the server its connection), which is how the other workers tell a job whose worker is gone from one still running.
/// </summary>
public interface IJobLeases
{
    /// <summary>The lease on <paramref name="name"/>, or null at once when someone else holds it.</summary>
    IDisposable? TryTake(string name);

    /// <summary>Waits for the lease on <paramref name="name"/> up to <paramref name="timeout"/>.</summary>
    async Task<IDisposable> TakeAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (TryTake(name) is { } lease)
                return lease;
            if (DateTime.UtcNow > deadline)
                throw PodcastException.Busy(name, $"still held by another worker after {timeout.TotalSeconds:0} s; try again");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A lock name as a fixed-size, file-name-safe token.</summary>
    internal static string Token(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..32];
}

/// <summary>One machine: an exclusive lock (flock) on a file per name, in a folder beside the SQLite queue.</summary>
internal sealed class FileLeases(string folder) : IJobLeases
{
    public IDisposable? TryTake(string name)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, IJobLeases.Token(name) + ".lock");
        try
        {
            // FileShare.None is an exclusive flock on Linux, held per open file: another process, or another stream
            // in this one, is refused until this stream is closed or its process dies.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.WriteFailed(path, Storage.AtomicFile.DescribeIoError(e), e);
        }
    }
}

/// <summary>
/// Many machines: a PostgreSQL session advisory lock per name, on a connection of its own (not pooled). Also the lock
/// per show that publish takes before writing it, so two machines never write one show at once.
/// </summary>
internal sealed class PostgresLeases(string connectionString) : IJobLeases, Storage.IShowGate
{
    public async Task<IDisposable> EnterAsync(string showRoot, CancellationToken cancellationToken) =>
        await ((IJobLeases)this).TakeAsync("show:" + showRoot, Storage.ShowLock.DefaultTimeout, cancellationToken).ConfigureAwait(false);

    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    public IDisposable? TryTake(string name)
    {
        var key = BitConverter.ToInt64(Convert.FromHexString(IJobLeases.Token(name)[..16]));
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            if (command.ExecuteScalar() is true)
                return new Lease(connection, key);
        }
        catch (NpgsqlException e)
        {
            connection.Dispose();
            throw PodcastException.Busy(name, $"the jobs database cannot be reached ({e.Message})");
        }

        connection.Dispose();
        return null;
    }

    /// <summary>Closing the unpooled connection ends the session and so releases its advisory locks.</summary>
    private sealed class Lease(NpgsqlConnection connection, long key) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                using var command = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                command.ExecuteScalar();
            }
            catch (NpgsqlException)
            {
            }

            connection.Dispose();
        }
    }
}
