using Podcast.Highlights;
using Podcast.Transcription;

namespace Podcast.Tests.Support;

/// <summary>Test data shared by several test classes: one example of each, so a change to a record changes one place.</summary>
public static class Some
{
    public const string Host = "Alessandria Masi";

    public const string Guest = "Hassan Hassan";

    /// <summary>An episode of a small show with one host and one guest, as show notes are asked for.</summary>
    public static NotesRequest NotesRequest { get; } = new()
    {
        Title = "Bridges",
        ShowTitle = "Field Notes",
        Hosts = ["Ann Host"],
        Guests = ["Bo Guest"],
        AudioUrl = new Uri("https://example.org/show/episodes/bridges/bridges.mp3"),
        FeedUrl = new Uri("https://example.org/show/feed.xml"),
    };

    /// <summary>A time in seconds; test data is written in it.</summary>
    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>
    /// What Whisper heard of a short question and answer (the host asks, <see cref="Guest"/> answers), with his name
    /// misheard as "Hasan Hasan" and doubted, so the vocabulary pass has one correction to make; nobody named.
    /// </summary>
    public static Transcript HeardCall()
    {
        TranscriptWord[] question = [new(S(0.5), S(0.9), "Hasan"), new(S(0.9), S(1.3), "Hasan,", 0.3f), new(S(1.3), S(1.6), "why"), new(S(1.6), S(1.9), "does"), new(S(1.9), S(2.1), "Raqqa"), new(S(2.1), S(2.6), "matter?")];
        TranscriptWord[] answer = [new(S(3.0), S(3.5), "Because"), new(S(3.5), S(4.0), "it"), new(S(4.0), S(4.2), "is"), new(S(4.2), S(4.4), "the"), new(S(4.4), S(5.0), "capital.")];
        return new Transcript(
        [
            new TranscriptSegment(S(0.4), S(2.7), string.Join(' ', question.Select(w => w.Text))) { Words = question },
            new TranscriptSegment(S(2.9), S(5.1), string.Join(' ', answer.Select(w => w.Text))) { Words = answer },
        ], "en");
    }
}
