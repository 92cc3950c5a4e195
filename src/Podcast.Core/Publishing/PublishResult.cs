using Podcast.Mastering;

namespace Podcast.Publishing;

/// <summary>What publish made and where, as printed by <c>--json</c>.</summary>
public sealed record PublishResult(
    string Guid,
    string Slug,
    string Feed,
    string EpisodeDir,
    string Audio,
    double AudioSeconds,
    int Segments,
    bool TranscriptReused,
    LoudnessReport? LoudnessBefore,
    LoudnessReport? LoudnessAfter,
    IReadOnlyDictionary<string, double> Timings,
    IReadOnlyList<string> Warnings,
    int Corrections = 0);
