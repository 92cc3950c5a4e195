using System.Globalization;

namespace Podcast.Transcription.Formats;

internal static class Timestamps
{
    /// <summary>WebVTT uses <c>hh:mm:ss.ttt</c>, SRT <c>hh:mm:ss,ttt</c>.</summary>
    public static string Format(TimeSpan t, char fractionSeparator) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{fractionSeparator}{t.Milliseconds:000}");

    /// <summary>Reads <c>[hh:]mm:ss[.,]ttt</c>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var parts = text.Trim().Replace(',', '.').Split(':');
        if (parts.Length is < 2 or > 3)
            return false;
        var hours = 0;
        if (parts.Length == 3 && !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out hours))
            return false;
        if (!int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes > 59)
            return false;
        if (!double.TryParse(parts[^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || seconds >= 60)
            return false;
        value = TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + FromSeconds(seconds);
        return true;
    }

    /// <summary>Seconds as written in a file, to the millisecond: 5.387 is 5387 ms, not 5386.9999.</summary>
    public static TimeSpan FromSeconds(double seconds) => TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
}
