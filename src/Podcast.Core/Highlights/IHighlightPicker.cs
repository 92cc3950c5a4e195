using Podcast.Transcription;

namespace Podcast.Highlights;

/// <summary>A quote that stands on its own: one to three sentences of one speaker.</summary>
public sealed record Highlight(TimeSpan Start, TimeSpan End, string Speaker, string Text);

/// <summary>A topic section of the episode.</summary>
public sealed record Chapter(TimeSpan Start, TimeSpan End, string Title);

/// <summary>What the editor would pick: the highlights, the chapters and the notes built from them.</summary>
public sealed record EpisodeHighlights(IReadOnlyList<Highlight> Highlights, IReadOnlyList<Chapter> Chapters)
{
    public static EpisodeHighlights None { get; } = new([], []);
}

/// <summary>Which speakers' words may be quoted, and how many quotes to pick.</summary>
public sealed record HighlightRequest(IReadOnlyList<string> Guests, int Count = 5);

/// <summary>Finds the quotes and chapters in a transcript.</summary>
public interface IHighlightPicker
{
    EpisodeHighlights Pick(Transcript transcript, HighlightRequest request, CancellationToken cancellationToken);
}
