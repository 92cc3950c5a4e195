namespace Podcast.Transcription;

/// <summary>One word with its time, as Whisper's token timestamps place it.</summary>
public sealed record TranscriptWord(TimeSpan Start, TimeSpan End, string Text, float Probability = 1f);

/// <summary>
/// A run of speech by one speaker. <see cref="Speaker"/> is null until the speaker stage names it;
/// <see cref="Words"/> is empty when the transcript came from a file without word times.
/// </summary>
public sealed record TranscriptSegment(TimeSpan Start, TimeSpan End, string Text, string? Speaker = null)
{
    public IReadOnlyList<TranscriptWord> Words { get; init; } = [];
}

/// <summary>What was said and when. Segments are in time order and do not overlap.</summary>
public sealed record Transcript(IReadOnlyList<TranscriptSegment> Segments, string Language)
{
    public static Transcript Empty(string language) => new([], language);

    public bool IsEmpty => Segments.Count == 0;

    public string PlainText => string.Join(' ', Segments.Select(s => s.Text.Trim()).Where(t => t.Length > 0));
}
