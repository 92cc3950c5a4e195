using Podcast.Highlights;

namespace Podcast.Tests.Support;

/// <summary>Test data shared by several test classes: one example of each, so a change to a record changes one place.</summary>
public static class Some
{
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
}
