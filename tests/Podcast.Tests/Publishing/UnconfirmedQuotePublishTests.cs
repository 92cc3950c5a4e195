using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Podcast.Decoding;
using Podcast.Mastering;
using Podcast.Models;
using Podcast.Publishing;
using Podcast.Speakers;
using Podcast.Tests.Support;
using Podcast.Transcription;

namespace Podcast.Tests.Publishing;

/// <summary>
/// Publish of the fixture call where the speaker stage is unsure of the guest's voice: his quotes are flagged, warned
/// about and credited to no one until the producer confirms one (<c>podcast transcript review --confirm</c>) or names
/// the voice (<c>--speaker</c>).
/// </summary>
public sealed class UnconfirmedQuotePublishTests(ITestOutputHelper output)
{
    private static readonly XNamespace PodcastNs = "https://podcastindex.org/namespace/1.0";
    private const string Guest = "Hassan Hassan";
    private const string Credit = "<span class=\"speaker\">Hassan Hassan</span>";

    /// <summary>
    /// The fixture's true turns as the voices a diarizer would find, the guest's held with <paramref name="voiceConfidence"/>,
    /// named by the real <see cref="SpeakerNaming"/> from the hints and the transcript.
    /// </summary>
    private sealed class TruthVoices(string doubted, double voiceConfidence) : ISpeakerFinder
    {
        public IReadOnlyList<KnownModel> Models => [];

        public Task<IReadOnlyList<SpeakerTurn>> FindAsync(AudioInfo audio, ISampleSource? speech, Transcript transcript, SpeakerHints hints, CancellationToken cancellationToken)
        {
            using var truth = JsonDocument.Parse(File.ReadAllText(Fixtures.CallTruth));
            var turns = truth.RootElement.GetProperty("turns").EnumerateArray()
                .Select(t => (Speaker: t.GetProperty("speaker").GetString()!, Start: t.GetProperty("start").GetDouble(), End: t.GetProperty("end").GetDouble()))
                .ToList();
            var voices = turns.Select(t => t.Speaker).Distinct().ToList();
            var spans = turns.Select(t => new VoiceSpan(TimeSpan.FromSeconds(t.Start), TimeSpan.FromSeconds(t.End), voices.IndexOf(t.Speaker))
            {
                Confidence = t.Speaker == doubted ? voiceConfidence : 1,
            }).ToList();
            return Task.FromResult(SpeakerNaming.Name(spans, transcript, hints));
        }
    }

    /// <summary>The fixture's exact transcript without its speaker names, so the speaker stage runs.</summary>
    private static string Unattributed(TempDir dir)
    {
        var json = JsonNode.Parse(File.ReadAllText(Fixtures.CallTranscript))!;
        foreach (var segment in json["segments"]!.AsArray())
            segment!.AsObject().Remove("speaker");
        var path = Path.Combine(dir.Path, "unattributed.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static List<JsonElement> Highlights(string episodeDir) =>
        [.. JsonDocument.Parse(File.ReadAllText(Path.Combine(episodeDir, "highlights.json"))).RootElement.GetProperty("highlights").EnumerateArray()];

    private static bool Flagged(JsonElement highlight) => highlight.TryGetProperty("needsReview", out var flag) && flag.GetBoolean();

    /// <summary>The page's pull quotes (the transcript below them names its speakers too).</summary>
    private static string Quotes(string episodeDir)
    {
        var page = File.ReadAllText(Path.Combine(episodeDir, "index.html"));
        var start = page.IndexOf("<section class=\"highlights\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page has no highlights section");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task AQuoteThatCannotBeCreditedConfidentlyIsFlaggedNotGuessedUntilTheProducerConfirmsIt()
    {
        using var show = new TempShow();
        using var work = new TempDir();
        var models = new ModelCache(Path.Combine(work.Path, "models"), ModelCatalogue.Default, _ => null);

        // Named by answering right after "Hassan, thank you for joining us" (0.8), on a voice held at 0.6: 0.48.
        var stages = PipelineStages.Default(models) with { Speakers = new TruthVoices(Guest, 0.6), Mastering = new PassThroughMastering() };
        var request = new PublishRequest(Fixtures.CallMp3, show.Root)
        {
            Title = "Deeply Talks: The Battle Against ISIS in Deir Ezzor",
            Guests = [Guest],
            TranscriptPath = Unattributed(work),
        };

        async Task<(PublishResult Result, List<string> QuoteWarnings)> Publish(PublishRequest r)
        {
            var warned = new List<string>();
            var result = await new PublishPipeline(stages).PublishAsync(r, null, warned.Add, TestContext.Current.CancellationToken);
            return (result, [.. warned.Where(w => w.StartsWith("quote ", StringComparison.Ordinal))]);
        }

        var (first, warnings) = await Publish(request);
        foreach (var warning in warnings)
            output.WriteLine(warning);
        var dir = first.EpisodeDir;
        var highlights = Highlights(dir);
        Assert.NotEmpty(highlights);
        Assert.All(highlights, h =>
        {
            Assert.Equal(Guest, h.GetProperty("speaker").GetString());
            Assert.Equal(0.48, h.GetProperty("speakerConfidence").GetDouble(), 3);
            Assert.True(Flagged(h));
        });
        Assert.Equal(highlights.Count, warnings.Count);
        var text = highlights[0].GetProperty("text").GetString()!;
        Assert.Contains($"quote 1 at ", warnings[0], StringComparison.Ordinal);
        Assert.Contains(string.Join(' ', text.Split(' ').Take(5)), warnings[0], StringComparison.Ordinal);
        Assert.Contains($"credited to {Guest} on a guess", warnings[0], StringComparison.Ordinal);
        Assert.Contains($"podcast transcript review {first.Slug} --confirm 1", warnings[0], StringComparison.Ordinal);

        // Nobody is named for a guessed quote: not on the page, not in the notes, not in the soundbites.
        Assert.DoesNotContain("class=\"speaker\"", Quotes(dir), StringComparison.Ordinal);
        Assert.DoesNotContain($"\u2014 {Guest}", File.ReadAllText(Path.Combine(dir, "notes.md")), StringComparison.Ordinal);
        var bites = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "episode.json"))).RootElement.GetProperty("soundbites").EnumerateArray().ToList();
        Assert.Equal(highlights.Count, bites.Count);
        Assert.All(bites, b => Assert.True(!b.TryGetProperty("speaker", out var s) || s.ValueKind == JsonValueKind.Null, b.ToString()));
        Assert.Equal(highlights.Count, XDocument.Load(show.FeedFile).Descendants(PodcastNs + "soundbite").Count());

        // The review lists them (stdout keeps one line per correction: none, the transcript was the producer's) and confirms the first.
        var review = PodcastCli.Run("transcript", "review", dir);
        Assert.True(review.ExitCode == 0, review.Stderr);
        output.WriteLine(review.Stderr);
        Assert.Equal(string.Empty, review.Stdout);
        Assert.Equal(highlights.Count, review.Stderr.Split('\n').Count(l => l.StartsWith("quote ", StringComparison.Ordinal) && l.Contains("(speaker unconfirmed)", StringComparison.Ordinal)));
        var confirm = PodcastCli.Run("transcript", "review", first.Slug, "--show", show.Root, "--confirm", "1");
        Assert.True(confirm.ExitCode == 0, confirm.Stderr);
        output.WriteLine(confirm.Stderr);
        Assert.Contains($"confirmed as {Guest}", confirm.Stderr, StringComparison.Ordinal);
        var wrong = PodcastCli.Run("transcript", "review", dir, "--confirm", (highlights.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(0, wrong.ExitCode);

        // Republished, the confirmed quote is credited; the others are still flagged.
        var (second, stillWarned) = await Publish(request with { });
        var after = Highlights(dir);
        var confirmed = Assert.Single(after, h => h.GetProperty("start").GetDouble() == highlights[0].GetProperty("start").GetDouble());
        Assert.Equal(Guest, confirmed.GetProperty("speaker").GetString());
        Assert.Equal(1, confirmed.GetProperty("speakerConfidence").GetDouble());
        Assert.False(Flagged(confirmed));
        Assert.Equal(after.Count - 1, after.Count(Flagged));
        Assert.Equal(after.Count - 1, stillWarned.Count);
        Assert.Equal(1, Count(Quotes(dir), Credit));
        Assert.Equal(1, Count(File.ReadAllText(Path.Combine(dir, "notes.md")), $"\u2014 {Guest}, ["));
        Assert.Equal(second.Slug, first.Slug);

        // Naming the voice on publish settles the rest: the name is the producer's, the voice held at 0.6.
        var (_, none) = await Publish(request with { Speakers = SpeakerOverrides.Parse(["S2=Hassan Hassan"]) });
        var named = Highlights(dir);
        Assert.Empty(none);
        Assert.DoesNotContain(named, Flagged);
        Assert.Equal(named.Count, Count(Quotes(dir), Credit));
    }
}
