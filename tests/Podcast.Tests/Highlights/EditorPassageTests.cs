using System.Text.Json;
using Podcast.Highlights;
using Podcast.Tests.Support;

namespace Podcast.Tests.Highlights;

/// <summary>The picks measured against passages editors chose, through the real <c>podcast highlights</c> command.</summary>
public sealed class EditorPassageTests
{
    public static TheoryData<string> Conversations() =>
        [.. Directory.GetFiles(ConversationsFolder, "*.editor.json").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f)[..^".editor.json".Length])];

    private static string ConversationsFolder => Path.Combine(Fixtures.RepositoryRoot, "tests", "Podcast.Tests", "Highlights", "Conversations");

    [Fact]
    public void OnTheDeeplyTalksCallThreeOfTheFourEditorPassagesAreHitAllByTheGuestAndTheSameEveryRun()
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Fixtures.CallTruth));
        var passages = Passages(truth.RootElement.GetProperty("editor_highlights"));

        var first = PodcastCli.Run("highlights", Fixtures.CallTranscript, "--guest", "Hassan Hassan", "--count", "5", "--json");
        var second = PodcastCli.Run("highlights", Fixtures.CallTranscript, "--guest", "Hassan Hassan", "--count", "5", "--json");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);
        var highlights = Highlights(first.Stdout);
        Assert.Equal(5, highlights.Count);
        var score = HighlightEvaluation.Of(highlights, passages, ["Hassan Hassan"]);
        Assert.True(score.PassagesHit >= 3, $"{score.PassagesHit} of 4 editor passages hit:\n{first.Stdout}");
        Assert.True(score.AllFromGuests, first.Stdout);
    }

    [Theory]
    [MemberData(nameof(Conversations))]
    public void OnOurOwnConversationsAtLeastHalfTheEditorPassagesAreHitAndEveryQuoteIsAGuests(string name)
    {
        using var editor = JsonDocument.Parse(File.ReadAllText(Path.Combine(ConversationsFolder, name + ".editor.json")));
        var guests = editor.RootElement.GetProperty("guests").EnumerateArray().Select(g => g.GetString()!).ToList();
        var guestSpeakers = editor.RootElement.GetProperty("guestSpeakers").EnumerateArray().Select(g => g.GetString()!).ToList();
        var args = new List<string> { "highlights", Path.Combine(ConversationsFolder, name + ".json"), "--count", "5", "--json" };
        foreach (var g in guests)
            args.AddRange(["--guest", g]);

        var result = PodcastCli.Run([.. args]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var score = HighlightEvaluation.Of(Highlights(result.Stdout), Passages(editor.RootElement.GetProperty("passages")), guestSpeakers);
        Assert.True(score.Recall >= 0.5, $"recall {score.Recall:0.00}:\n{result.Stdout}");
        Assert.True(score.AllFromGuests, result.Stdout);
    }

    private static List<Highlight> Highlights(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("highlights").EnumerateArray().Select(h => new Highlight(
            TimeSpan.FromSeconds(h.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(h.GetProperty("end").GetDouble()),
            h.GetProperty("speaker").GetString()!, h.GetProperty("text").GetString()!))];
    }

    private static List<EditorPassage> Passages(JsonElement array) =>
        [.. array.EnumerateArray().Select(p => new EditorPassage(
            TimeSpan.FromSeconds(p.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(p.GetProperty("end").GetDouble()), p.GetProperty("speaker").GetString()!))];
}
