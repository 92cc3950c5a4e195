using System.Diagnostics;

namespace Podcast.Publishing;

/// <summary>
/// What a publish tells the producer besides its files: the warnings (passed on as they come and kept for the
/// result) and the wall-clock seconds per stage, for <c>--json</c> and <c>-v</c>.
/// </summary>
internal sealed class PublishLog(Action<string>? warn)
{
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly Dictionary<string, double> _seconds = [];
    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> Warnings => _warnings;

    public void Warn(string message)
    {
        lock (_warnings)
            _warnings.Add(message);
        warn?.Invoke(message);
    }

    public T Measure<T>(string stage, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return work();
        }
        finally
        {
            Add(stage, clock.Elapsed.TotalSeconds);
        }
    }

    public void Measure(string stage, Action work) => Measure(stage, () =>
    {
        work();
        return 0;
    });

    public async Task<T> MeasureAsync<T>(string stage, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Add(stage, clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>The seconds per stage, with the whole publish's as <c>total</c>.</summary>
    public IReadOnlyDictionary<string, double> Timings()
    {
        Add("total", _total.Elapsed.TotalSeconds);
        return _seconds;
    }

    /// <summary>Stages may run side by side (mastering beside the speakers), so adding is locked.</summary>
    private void Add(string stage, double seconds)
    {
        lock (_seconds)
            _seconds[stage] = Math.Round(_seconds.GetValueOrDefault(stage) + seconds, 3);
    }
}
