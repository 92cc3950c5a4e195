using System.Globalization;
using System.Text.RegularExpressions;

namespace Podcast.Tests.Support;

/// <summary>
/// What ffmpeg's own EBU R128 meter (<c>-af ebur128=peak=true</c>) says about a file: the summary it prints, and the
/// same figures to three decimals from the metadata it attaches to the last 100 ms frame.
/// </summary>
public sealed record Ebur128(double IntegratedLufs, double TruePeakDbtp, double LoudnessRangeLu, double SummaryIntegrated, double SummaryTruePeak, double SummaryRange)
{
    public static Ebur128 Measure(string path)
    {
        var run = PodcastCli.Tool("ffmpeg", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true:metadata=1,ametadata=mode=print:file=-", "-f", "null", "-");
        Assert.True(run.ExitCode == 0, run.Stderr);
        double Last(string key) => double.Parse(
            Regex.Matches(run.Stdout, $@"^lavfi\.r128\.{Regex.Escape(key)}=(\S+)$", RegexOptions.Multiline)[^1].Groups[1].Value,
            CultureInfo.InvariantCulture);
        var summary = run.Stderr[run.Stderr.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        double Summary(string label) => double.Parse(
            Regex.Match(summary, $@"{label}:\s+(-?[\d.]+|-inf)").Groups[1].Value.Replace("-inf", "-Infinity", StringComparison.Ordinal),
            CultureInfo.InvariantCulture);
        return new Ebur128(Last("I"), 20 * Math.Log10(Last("true_peak")), Last("LRA"), Summary("I"), Summary("Peak"), Summary("LRA"));
    }
}
