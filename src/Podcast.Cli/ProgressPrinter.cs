using System.Globalization;

namespace Podcast.Cli;

/// <summary>
/// Progress on stderr: a line that rewrites itself on a terminal, or a line every 10% when stderr is a file or pipe.
/// </summary>
internal sealed class ProgressPrinter : IProgress<StageProgress>
{
    private readonly Lock _gate = new();
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private string? _stage;
    private int _lastStep = -1;

    public void Report(StageProgress value)
    {
        lock (_gate)
        {
            var percent = (int)Math.Round(value.Fraction * 100);
            var left = value.Remaining is { } r ? string.Create(CultureInfo.InvariantCulture, $", {FormatTime(r)} left") : string.Empty;
            var line = string.Create(CultureInfo.InvariantCulture, $"{value.Stage} {percent,3}%{left}");
            if (_terminal)
            {
                Console.Error.Write($"\r{line,-50}");
                if (value.Fraction >= 1)
                    Console.Error.WriteLine();
                return;
            }

            var step = percent / 10;
            if (value.Stage == _stage && step == _lastStep)
                return;
            _stage = value.Stage;
            _lastStep = step;
            Console.Error.WriteLine(line);
        }
    }

    private static string FormatTime(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s" : $"{Math.Ceiling(t.TotalSeconds):0}s";
}
