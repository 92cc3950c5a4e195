using System.Globalization;
using System.Text.Json;
using Podcast.Speakers;

namespace Podcast.Tests.Support;

/// <summary>Turns scored by the shared RTTM scorer (tools/rttm-der.py): DER, missed, false alarm and confusion, in percent.</summary>
public static class RttmScore
{
    public static (double Der, double Missed, double FalseAlarm, double Confusion) Of(IEnumerable<SpeakerTurn> turns, string rttm, string fileId)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var scorer = Fixtures.Require("tools/rttm-der.py");
        using var temp = new TempDir();
        var path = Path.Combine(temp.Path, "turns.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { turns = turns.Select(t => new { start = t.Start.TotalSeconds, end = t.End.TotalSeconds, speaker = t.Speaker }) }));
        var result = PodcastCli.Tool("python3", scorer, path, rttm, fileId);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var numbers = result.Stdout.Split((char[])[' ', '\n', '\t', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => double.TryParse(t.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN)
            .Where(v => !double.IsNaN(v)).ToList();
        Assert.True(numbers.Count >= 4, result.Stdout);
        return (numbers[0], numbers[1], numbers[2], numbers[3]);
    }
}
