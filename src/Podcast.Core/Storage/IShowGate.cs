namespace Podcast.Storage;

/// <summary>
/// One writer per show across machines (workers sharing a queue): held while a publish changes the show, released on
/// dispose, and by the lock's server when its holder dies.
/// </summary>
public interface IShowGate
{
    Task<IDisposable> EnterAsync(string showRoot, CancellationToken cancellationToken);
}
