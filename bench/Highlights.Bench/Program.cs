using System.Globalization;
using System.Text.Json;
using Podcast.Highlights;
using Podcast.Publishing;
using Podcast.Transcription.Formats;

// Highlight benchmark: for each conversation, the picker publish uses (PipelineStages.Default()) against the passages
// an editor marked. Conversations are NAME.json transcripts with a NAME.editor.json beside them
// ({"guests":[...],"guestSpeakers":[...],"passages":[{"start","end","speaker"}]}); the Deeply Talks fixture in
// ../shared is added when present. Usage: dotnet run --project bench/Highlights.Bench -c Release -- [--count N] [folder...]
var count = 5;
var folders = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--count" && i + 1 < args.Length)
        count = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else
        folders.Add(args[i]);
}

var root = FindRoot();
if (folders.Count == 0)
    folders.Add(Path.Combine(root, "tests", "Podcast.Tests", "Highlights", "Conversations"));

var cases = new List<(string Name, string Transcript, string[] Guests, string[] GuestSpeakers, List<EditorPassage> Passages)>();
foreach (var folder in folders)
{
    foreach (var editor in Directory.GetFiles(folder, "*.editor.json").Order(StringComparer.Ordinal))
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(editor));
        var r = doc.RootElement;
        var name = Path.GetFileName(editor)[..^".editor.json".Length];
        cases.Add((name, Path.Combine(folder, name + ".json"),
            [.. r.GetProperty("guests").EnumerateArray().Select(g => g.GetString()!)],
            [.. r.GetProperty("guestSpeakers").EnumerateArray().Select(g => g.GetString()!)],
            Passages(r.GetProperty("passages"))));
    }
}

var fixture = Path.GetFullPath(Path.Combine(root, "..", "shared", "fixtures", "deeply-talks-deir-ezzor"));
if (File.Exists(Path.Combine(fixture, "truth.json")))
{
    using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(fixture, "truth.json")));
    var guests = doc.RootElement.GetProperty("speakers").EnumerateArray().Where(s => s.GetProperty("role").GetString() == "guest").Select(s => s.GetProperty("name").GetString()!).ToArray();
    cases.Add(("deeply-talks-deir-ezzor (shared fixture)", Path.Combine(fixture, "transcript.json"), guests, guests, Passages(doc.RootElement.GetProperty("editor_highlights"))));
}

var picker = PipelineStages.Default().Highlights ?? throw new InvalidOperationException("PipelineStages.Default() has no highlight picker");
Report("the picker publish uses (quotability 0.65 + centrality 0.35, MMR)", picker);
Report("baseline: LexRank centrality alone (same candidates, filters and MMR)", new HighlightPicker(quotabilityWeight: 0));
Report("ablation: quotability alone", new HighlightPicker(quotabilityWeight: 1));
return 0;

void Report(string heading, IHighlightPicker picker)
{
Console.WriteLine();
Console.WriteLine(heading);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"conversation",-42} {"guests given",-13} {"recall@" + count,9} {"precision",9} {"MRR",5} {"all guest",9} {"deterministic",13}"));
var totals = new List<HighlightEvaluation>();
foreach (var c in cases)
{
    var transcript = TranscriptReader.ReadFile(c.Transcript, "en");
    var request = new HighlightRequest(c.Guests, count);
    var first = picker.Pick(transcript, request, CancellationToken.None);
    var again = picker.Pick(transcript, request, CancellationToken.None);
    var deterministic = first.Highlights.SequenceEqual(again.Highlights) && first.Chapters.SequenceEqual(again.Chapters);
    var e = HighlightEvaluation.Of(first.Highlights, c.Passages, c.GuestSpeakers);
    totals.Add(e);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{c.Name,-42} {(c.Guests.Length > 0 ? "yes" : "no (inferred)"),-13} {e.PassagesHit + "/" + e.Passages + $" {e.Recall:0.00}",9} {e.Precision,9:0.00} {e.ReciprocalRank,5:0.00} {(e.AllFromGuests ? "yes" : "NO"),9} {(deterministic ? "yes" : "NO"),13}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"mean",-42} {string.Empty,-13} {totals.Average(t => t.Recall),9:0.00} {totals.Average(t => t.Precision),9:0.00} {totals.Average(t => t.ReciprocalRank),5:0.00} {(totals.All(t => t.AllFromGuests) ? "yes" : "NO"),9}"));
}

static List<EditorPassage> Passages(JsonElement array) =>
    [.. array.EnumerateArray().Select(p => new EditorPassage(
        TimeSpan.FromSeconds(p.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(p.GetProperty("end").GetDouble()), p.GetProperty("speaker").GetString()!))];

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Podcast.sln")))
            return dir.FullName;
    }

    return Directory.GetCurrentDirectory();
}
