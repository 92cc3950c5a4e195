using Podcast.Transcription;

namespace Podcast.Highlights;

/// <summary>A quote that stands on its own: one to three sentences of one speaker.</summary>
public sealed record Highlight(TimeSpan Start, TimeSpan End, string Speaker, string Text)
{
    /// <summary>How sure publish is that the words are <see cref="Speaker"/>'s (<see cref="Speakers.SpeakerCertainty"/>); 1 when the transcript named the speakers.</summary>
    public double SpeakerConfidence { get; init; } = 1;

    /// <summary>
    /// The speaker is a guess, not yet confirmed by the producer: warned about on publish, listed by
    /// <c>podcast transcript review</c>, and credited to no one on the page, in the notes and in the soundbites.
    /// </summary>
    public bool NeedsReview { get; init; }

    /// <summary>The name listeners may see: none while the speaker is a guess.</summary>
    public string CreditedSpeaker => NeedsReview ? string.Empty : Speaker;

    /// <summary>This highlight with its speaker's confidence, flagged when below <see cref="Speakers.SpeakerCertainty.Threshold"/>.</summary>
    public Highlight Rated(double speakerConfidence) => this with
    {
        SpeakerConfidence = speakerConfidence,
        NeedsReview = Speaker.Length > 0 && Speakers.SpeakerCertainty.IsDoubtful(speakerConfidence),
    };
}

/// <summary>A topic section of the episode.</summary>
public sealed record Chapter(TimeSpan Start, TimeSpan End, string Title);

/// <summary>
/// What the editor would pick: the highlights, best first, and the chapters in time order (together they cover the
/// episode from 0 to its last word).
/// </summary>
public sealed record EpisodeHighlights(IReadOnlyList<Highlight> Highlights, IReadOnlyList<Chapter> Chapters)
{
    public static EpisodeHighlights None { get; } = new([], []);
}

/// <summary>Which speakers' words may be quoted, and how many quotes to pick.</summary>
public sealed record HighlightRequest
{
    public HighlightRequest(IReadOnlyList<string> guests, int count = DefaultCount)
    {
        ArgumentNullException.ThrowIfNull(guests);
        if (count is < 1 or > MaxCount)
            throw PodcastException.InvalidArgument($"the highlight count must be between 1 and {MaxCount}, not {count}");
        Guests = guests;
        Count = count;
    }

    public const int DefaultCount = 5;
    public const int MaxCount = 50;

    /// <summary>Names of the speakers to quote; empty means the speaker who talks most and asks fewest questions.</summary>
    public IReadOnlyList<string> Guests { get; }

    public int Count { get; }
}

/// <summary>Finds the quotes and chapters in a transcript.</summary>
public interface IHighlightPicker
{
    EpisodeHighlights Pick(Transcript transcript, HighlightRequest request, CancellationToken cancellationToken);
}
