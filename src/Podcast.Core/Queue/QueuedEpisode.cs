using Podcast.Shows;

namespace Podcast.Queue;

/// <summary>
/// One publish waiting in the queue, as Hangfire stores it: the recording, the show it goes to and what the producer
/// said about it. <see cref="Key"/> (the show and the recording's SHA-256) is what makes adding it twice queue it once.
/// </summary>
/// <param name="Show">The show folder, as an absolute path (workers may start in any directory).</param>
/// <param name="Audio">The recording, as an absolute path.</param>
/// <param name="Sha256">The recording's SHA-256 (lower-case hex) when it was queued.</param>
public sealed record QueuedEpisode(string Show, string Audio, string Sha256, string? Title, IReadOnlyList<string> Guests, bool Republish)
{
    /// <summary>The job's identity: one show, one recording.</summary>
    public string Key => $"{Show}|{Sha256}";

    /// <summary>
    /// Where the transcribe job leaves what Whisper heard for the publish job: beside the show, not in it, so a job the
    /// show refuses leaves the show as it was (<c>.heard/&lt;show&gt;-&lt;sha256&gt;</c> in the folder holding the shows).
    /// </summary>
    public string HeardPath => Path.Combine(Path.GetDirectoryName(Show) ?? Show, ".heard", $"{Path.GetFileName(Show)}-{Sha256}");

    /// <summary>
    /// The slug of the episode the show already made of this recording, unless the producer asked for a republish: a
    /// job run again after its worker died past the show's commit finds it and has nothing left to do.
    /// </summary>
    internal string? PublishedSlug() =>
        Republish ? null : EpisodeStore.LoadAll(new ShowFolder(Show)).FirstOrDefault(e => e.SourceSha256 == Sha256)?.Slug;
}
