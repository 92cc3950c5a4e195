using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Podcast.Tests.Support;

namespace Podcast.Tests.Publishing;

/// <summary>Soundbites, chapters and show notes of a published episode, read back from the feed, the files and the MP3.</summary>
public sealed class PublishHighlightsTests
{
    private static readonly XNamespace PodcastNs = "https://podcastindex.org/namespace/1.0";
    private static readonly XNamespace ContentNs = "http://purl.org/rss/1.0/modules/content/";

    [Fact]
    public void ThePublishedFixtureEpisodeHasSoundbitesChaptersInJsonAndId3AndShowNotesInTheFeed()
    {
        using var show = new TempShow();
        var result = Publish(show);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var episodeDir = json.RootElement.GetProperty("episodeDir").GetString()!;
        var audio = json.RootElement.GetProperty("audio").GetString()!;
        var item = Assert.Single(XDocument.Load(show.FeedFile).Descendants("item"));

        var bites = item.Elements(PodcastNs + "soundbite").ToList();
        Assert.Equal(5, bites.Count);
        foreach (var bite in bites)
        {
            Assert.True(double.Parse(bite.Attribute("startTime")!.Value, CultureInfo.InvariantCulture) > 0);
            Assert.InRange(double.Parse(bite.Attribute("duration")!.Value, CultureInfo.InvariantCulture), 15, 60);
        }

        var chaptersUrl = item.Element(PodcastNs + "chapters")!;
        Assert.Equal("application/json+chapters", chaptersUrl.Attribute("type")!.Value);
        Assert.EndsWith("/chapters.json", chaptersUrl.Attribute("url")!.Value, StringComparison.Ordinal);
        using var chapters = JsonDocument.Parse(File.ReadAllText(Path.Combine(episodeDir, "chapters.json")));
        Assert.Equal("1.2.0", chapters.RootElement.GetProperty("version").GetString());
        var entries = chapters.RootElement.GetProperty("chapters").EnumerateArray().ToList();
        Assert.True(entries.Count >= 2, "a 3.5-minute interview with four questions has more than one topic");
        var starts = entries.Select(c => c.GetProperty("startTime").GetDouble()).ToList();
        Assert.Equal(starts.Order(), starts);

        var probe = PodcastCli.Tool("ffprobe", "-v", "error", "-show_chapters", "-of", "json", audio);
        using var probed = JsonDocument.Parse(probe.Stdout);
        var id3 = probed.RootElement.GetProperty("chapters").EnumerateArray().ToList();
        Assert.Equal(entries.Select(c => c.GetProperty("title").GetString()), id3.Select(c => c.GetProperty("tags").GetProperty("title").GetString()));
        Assert.Equal(starts, id3.Select(c => Math.Round(double.Parse(c.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture), 3)));

        var notes = item.Element(ContentNs + "encoded")!.Value;
        Assert.Contains("Here are a few highlights of the conversation.", notes, StringComparison.Ordinal);
        Assert.Contains("\u2014 Hassan Hassan, <a href=", notes, StringComparison.Ordinal);
        Assert.Contains("Here are a few highlights", item.Element("description")!.Value, StringComparison.Ordinal);
        foreach (var name in new[] { "highlights.json", "notes.md", "notes.html" })
            Assert.True(File.Exists(Path.Combine(episodeDir, name)), name);
    }

    [Fact]
    public void WhatTheProducerEditedInTheEpisodeFolderIsKeptOnRepublish()
    {
        using var show = new TempShow();
        var first = Publish(show);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var episodeDir = JsonDocument.Parse(first.Stdout).RootElement.GetProperty("episodeDir").GetString()!;
        File.WriteAllText(Path.Combine(episodeDir, "notes.md"), "Notes **written** by the producer.\n");
        File.WriteAllText(Path.Combine(episodeDir, "highlights.json"),
            """{"highlights":[{"start":33.5,"end":36.3,"speaker":"Hassan Hassan","text":"Deir Ezzor is the largest city in eastern Syria."}]}""");
        var chapters = Path.Combine(episodeDir, "chapters.json");
        var generatedChapters = File.ReadAllText(chapters);

        var second = Publish(show);

        Assert.True(second.ExitCode == 0, second.Stderr);
        var item = Assert.Single(XDocument.Load(show.FeedFile).Descendants("item"));
        Assert.Equal("<p>Notes written by the producer.</p>", item.Element(ContentNs + "encoded")!.Value);
        var bite = Assert.Single(item.Elements(PodcastNs + "soundbite"));
        Assert.Equal("Deir Ezzor is the largest city in eastern Syria.", bite.Value);
        Assert.Equal("Notes **written** by the producer.\n", File.ReadAllText(Path.Combine(episodeDir, "notes.md")));
        Assert.Equal(generatedChapters, File.ReadAllText(chapters));
    }

    private static CliResult Publish(TempShow show) =>
        PodcastCli.Run("publish", Fixtures.CallMp3, "--show", show.Root, "--transcript", Fixtures.CallTranscript,
            "--title", "Deeply Talks: The Battle Against ISIS in Deir Ezzor", "--guest", "Hassan Hassan", "--json");
}
