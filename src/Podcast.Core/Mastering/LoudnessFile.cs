using System.Text.Json;
using System.Text.Json.Serialization;
using Podcast.Storage;

namespace Podcast.Mastering;

/// <summary>
/// <c>loudness.json</c> in the episode folder: the recording's loudness before mastering and the episode's after,
/// with the target and ceiling they were mastered to, so a producer can check an episode without measuring it again.
/// </summary>
public static class LoudnessFile
{
    public const string FileName = "loudness.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Writes the record when the stage measured anything; returns its path, or null when there was nothing to record.</summary>
    public static string? Write(string episodeDirectory, MasteredAudio mastered, MasteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(mastered);
        ArgumentNullException.ThrowIfNull(options);
        if (mastered.Before is null && mastered.After is null)
            return null;
        var path = Path.Combine(episodeDirectory, FileName);
        var record = new LoudnessRecord(options.TargetLufs, options.TruePeakCeilingDbtp, Rounded(mastered.Before), Rounded(mastered.After),
            mastered.Encodes > 0 ? mastered.Encodes : null, mastered.Passes?.Select(p => p with { GainDb = Math.Round(p.GainDb, 2), CeilingDbtp = Math.Round(p.CeilingDbtp, 2), Lufs = Math.Round(p.Lufs, 2), PeakDbtp = Math.Round(p.PeakDbtp, 2) }).ToList());
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(record, Json) + "\n");
        return path;
    }

    private static LoudnessReport? Rounded(LoudnessReport? r) =>
        r is null ? null : new LoudnessReport(Math.Round(r.IntegratedLufs, 2), Math.Round(r.TruePeakDbtp, 2), Math.Round(r.LoudnessRangeLu, 2));

    /// <param name="Encodes">How many times the episode was encoded to land on the target (one, unless the rehearsals missed).</param>
    /// <param name="Passes">Every rehearsal and encode after the first measurement, in order.</param>
    private sealed record LoudnessRecord(double TargetLufs, double TruePeakCeilingDbtp, LoudnessReport? Before, LoudnessReport? After, int? Encodes, IReadOnlyList<MasteringPass>? Passes);
}
