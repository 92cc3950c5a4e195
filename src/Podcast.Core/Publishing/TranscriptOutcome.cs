using Podcast.Storage;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

namespace Podcast.Publishing;

/// <summary>Where a publish's transcript came from.</summary>
internal enum TranscriptOrigin
{
    /// <summary>The producer's own (<c>--transcript</c>): taken as written, never corrected or cached.</summary>
    Given,

    /// <summary>What Whisper heard when this recording was published before (<see cref="TranscriptCache"/>).</summary>
    Cached,

    /// <summary>What Whisper heard in this run.</summary>
    Transcribed,
}

/// <summary>
/// The transcript a publish works from: what was heard (or given) and, after <see cref="Corrected"/>, the text with
/// the show's vocabulary spelled as the show spells it, the corrections made and rejected, and how Whisper was run.
/// It saves itself into the episode folder: the heard text to the cache (so a rejected correction can be undone and
/// a republish cuts and corrects it the same way), the record and the corrections.
/// </summary>
internal sealed record TranscriptOutcome(TranscriptOrigin Origin, Transcript Heard)
{
    /// <summary>The text the episode publishes (before the speaker stage cuts it): <see cref="Heard"/> corrected.</summary>
    public Transcript Transcript { get; init; } = Heard;

    public IReadOnlyList<CorrectionEntry> Corrections { get; init; } = [];

    /// <summary>How Whisper was run, when it ran in this publish.</summary>
    public TranscriptionRecord? Record { get; init; }

    public bool Reused => Origin == TranscriptOrigin.Cached;

    /// <summary>Whether the transcript already says who speaks; if not, the speaker stage finds out.</summary>
    public bool NamesSpeakers => Heard.Segments.Any(s => s.Speaker is not null);

    /// <summary>
    /// The producer's transcript, else what Whisper heard for this publish in another process (<see cref="PublishRequest.HeardPath"/>),
    /// else the one an earlier publish of this recording cached; null when Whisper must transcribe.
    /// </summary>
    public static TranscriptOutcome? Reuse(PublishRequest request, EpisodePlan plan)
    {
        if (request.TranscriptPath is not null)
            return new(TranscriptOrigin.Given, TranscriptReader.ReadFile(request.TranscriptPath, plan.Language));
        if (request.HeardPath is not null && TranscriptCache.TryRead(request.HeardPath) is { } heard)
            return Transcribed(heard, TranscriptionRecord.Read(Path.Combine(request.HeardPath, TranscriptionRecord.FileName)));
        return !request.Retranscribe && plan.Earlier is not null && TranscriptCache.TryRead(plan.Directory) is { } cached
            ? new(TranscriptOrigin.Cached, cached)
            : null;
    }

    public static TranscriptOutcome Transcribed(Transcript heard, TranscriptionRecord? record) =>
        new(TranscriptOrigin.Transcribed, heard) { Record = record };

    /// <summary>
    /// Names, places and organisations spelled as the show spells them, except where the producer rejected a
    /// correction; the producer's own transcript is taken as written.
    /// </summary>
    public TranscriptOutcome Corrected(EpisodePlan plan, PublishLog log)
    {
        if (Origin == TranscriptOrigin.Given)
            return this;
        var rejected = CorrectionsFile.Read(Path.Combine(plan.Directory, CorrectionsFile.FileName)).Where(c => c.Rejected).Select(c => c.ToCorrection()).ToList();
        var corrected = log.Measure("correct", () => new VocabularyCorrector(EpisodeVocabulary.For(plan.Show, plan.Guests, plan.Title)).Correct(Heard, rejected));
        return this with { Transcript = corrected.Transcript, Corrections = CorrectionsFile.Entries(corrected.Corrections, rejected) };
    }

    /// <summary>
    /// Leaves what Whisper heard, and how it ran, in <paramref name="directory"/> for a publish in another process
    /// (<see cref="PublishRequest.HeardPath"/>). The transcript is written last: a folder that holds it is complete.
    /// </summary>
    /// <remarks><paramref name="directory"/> exists; temp files of a killed earlier run there are swept first.</remarks>
    public void SaveHeard(string directory)
    {
        AtomicFile.SweepStale(directory);
        if (Record is not null)
            AtomicFile.WriteAllText(Path.Combine(directory, TranscriptionRecord.FileName), Record.ToJson());
        TranscriptCache.Write(directory, Heard);
    }

    /// <summary>Writes what this run learned into the episode folder; a given transcript leaves nothing of its own there.</summary>
    public void Save(string episodeDirectory)
    {
        if (Origin == TranscriptOrigin.Given)
            return;
        if (Origin == TranscriptOrigin.Transcribed)
            TranscriptCache.Write(episodeDirectory, Heard);
        if (Record is not null)
            AtomicFile.WriteAllText(Path.Combine(episodeDirectory, TranscriptionRecord.FileName), Record.ToJson());
        CorrectionsFile.Write(Path.Combine(episodeDirectory, CorrectionsFile.FileName), Corrections);
    }
}
