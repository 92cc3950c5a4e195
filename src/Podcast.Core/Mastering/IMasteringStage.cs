using Podcast.Decoding;

namespace Podcast.Mastering;

/// <summary>Integrated loudness (LUFS), true peak (dBTP) and loudness range (LU) of a programme.</summary>
public sealed record LoudnessReport(double IntegratedLufs, double TruePeakDbtp, double LoudnessRangeLu);

/// <summary>The audio file listeners download, as it was written into the episode folder, and the passes that made it.</summary>
public sealed record MasteredAudio(string Path, string MimeType, TimeSpan Duration, LoudnessReport? Before = null, LoudnessReport? After = null, string? Note = null, IReadOnlyList<MasteringPass>? Passes = null)
{
    /// <summary>How many times the episode was encoded to land on the target and under the ceiling.</summary>
    public int Encodes => Passes?.Count(p => p.Kind == MasteringPass.Encode) ?? 0;
}

/// <summary>
/// One pass over the recording after it was measured: a rehearsal (the limiter without the encoder; its loudness is
/// the prediction for the file, its peak how far MP3 coding is expected to ring over the ceiling) or an encode (its
/// loudness and true peak are the file's, as LAME decodes it; <paramref name="Dips"/> counts the 100 ms stretches
/// where the limiter held the ceiling lower because an earlier encode rang over it there).
/// </summary>
public sealed record MasteringPass(string Kind, double GainDb, double CeilingDbtp, double Lufs, double PeakDbtp, int Dips = 0)
{
    public const string Rehearsal = "rehearsal";
    public const string Encode = "encode";
}

/// <summary>Loudness target and ceiling for an episode, validated once here.</summary>
public sealed record MasteringOptions
{
    public MasteringOptions(double targetLufs = -16, double truePeakCeilingDbtp = -1)
    {
        if (targetLufs is < -30 or > -9)
            throw PodcastException.InvalidArgument($"loudness target {targetLufs} LUFS is outside -30..-9");
        if (truePeakCeilingDbtp is < -9 or > 0)
            throw PodcastException.InvalidArgument($"true-peak ceiling {truePeakCeilingDbtp} dBTP is outside -9..0");
        TargetLufs = targetLufs;
        TruePeakCeilingDbtp = truePeakCeilingDbtp;
    }

    public double TargetLufs { get; }

    public double TruePeakCeilingDbtp { get; }
}

/// <summary>
/// What mastering a recording takes, found by reading it and writing nothing: the recording's loudness as the
/// encoder will take it (<paramref name="Before"/>; null for a stage that measures nothing) and the stage's own
/// findings, which stay inside it.
/// </summary>
public sealed record MasteringPlan(AudioInfo Source, MasteringOptions Options, LoudnessReport? Before)
{
    /// <summary><see cref="LameMastering"/>'s rehearsals: the gain and ceiling the encode starts from.</summary>
    internal LameMastering.Rehearsal? Rehearsed { get; init; }
}

/// <summary>
/// Turns the recording into the episode's audio file (an MP3), in the two parts every mastering has: a plan, made by
/// reading the recording, and the file, written from it. A plan needs the recording only, so a caller may make it
/// while other work is still going on.
/// </summary>
public interface IMasteringStage
{
    /// <summary>
    /// Reads the recording through <paramref name="decoder"/> and writes nothing. A stage that cannot make an episode
    /// from <paramref name="source"/> throws a <see cref="PodcastException"/> before it returns, not from the task,
    /// so the caller learns it before any slow work.
    /// </summary>
    Task<MasteringPlan> PlanAsync(IAudioDecoder decoder, AudioInfo source, MasteringOptions options, CancellationToken cancellationToken);

    /// <summary>Writes the episode's audio at <paramref name="outputPath"/>, reading the recording through <paramref name="decoder"/> as often as it needs.</summary>
    Task<MasteredAudio> MasterAsync(IAudioDecoder decoder, MasteringPlan plan, string outputPath, IProgress<StageProgress>? progress, CancellationToken cancellationToken);
}
