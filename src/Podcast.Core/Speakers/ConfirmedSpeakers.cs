using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Speakers;

/// <summary>The producer's word on who said the words from <see cref="Start"/> to <see cref="End"/> (seconds); <see cref="Text"/> is the quote as it was, for them to recognise.</summary>
public sealed record SpeakerConfirmation(double Start, double End, string Speaker, string Text)
{
    /// <summary>True when the stretch from <paramref name="start"/> to <paramref name="end"/> lies inside this one (to the millisecond the file keeps).</summary>
    public bool Covers(TimeSpan start, TimeSpan end) =>
        start.TotalSeconds >= Start - Slack && end.TotalSeconds <= End + Slack;

    private const double Slack = 0.001;
}

/// <summary>
/// <c>confirmed-speakers.json</c> in the episode folder: the quotes whose speaker the producer confirmed or named
/// (<c>podcast transcript review --confirm N [--speaker NAME]</c>). Publish never writes it; every publish of the
/// recording applies it, so the stretch is that person's in the transcript, the highlights and the page.
/// </summary>
public static class ConfirmedSpeakers
{
    public const string FileName = "confirmed-speakers.json";

    private static readonly JsonSerializerOptions Json = Storage.JsonFile.Options;

    public static IReadOnlyList<SpeakerConfirmation> Read(string path)
    {
        if (!File.Exists(path))
            return [];
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw PodcastException.InvalidEpisodeFile(path, $"confirmed speakers must be {{\"confirmed\":[{{\"start\":s,\"end\":s,\"speaker\":\"...\"}}]}}: {e.Message}", e);
        }

        var confirmed = new List<SpeakerConfirmation>();
        foreach (var c in document?.Confirmed ?? [])
        {
            if (!double.IsFinite(c.Start) || !double.IsFinite(c.End) || c.Start < 0 || c.End <= c.Start)
                throw PodcastException.InvalidEpisodeFile(path, $"the confirmation at {c.Start}s must have 0 <= start < end (end is {c.End}s)");
            if (string.IsNullOrWhiteSpace(c.Speaker))
                throw PodcastException.InvalidEpisodeFile(path, $"the confirmation at {c.Start}s names no \"speaker\"");
            confirmed.Add(c with { Speaker = c.Speaker.Trim(), Text = c.Text ?? string.Empty });
        }

        return confirmed;
    }

    /// <summary>Adds or replaces (same stretch) a confirmation, keeping the file in time order.</summary>
    public static IReadOnlyList<SpeakerConfirmation> With(IReadOnlyList<SpeakerConfirmation> confirmed, SpeakerConfirmation confirmation)
    {
        ArgumentNullException.ThrowIfNull(confirmed);
        ArgumentNullException.ThrowIfNull(confirmation);
        return [.. confirmed.Where(c => c.Start != confirmation.Start || c.End != confirmation.End).Append(confirmation).OrderBy(c => c.Start).ThenBy(c => c.End)];
    }

    public static void Write(string path, IReadOnlyList<SpeakerConfirmation> confirmed) =>
        Storage.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(new Document(1, [.. confirmed]), Json) + "\n");

    /// <summary>
    /// The turns with each confirmed stretch given wholly to its confirmed speaker, with confidence 1: whatever the
    /// stage found inside it is cut away. The role is the hint's (host or guest), else what the stage gave that name,
    /// else guest (as for a name the producer gives with --speaker).
    /// </summary>
    public static IReadOnlyList<SpeakerTurn> Apply(IReadOnlyList<SpeakerTurn> turns, IReadOnlyList<SpeakerConfirmation> confirmed, SpeakerHints hints)
    {
        ArgumentNullException.ThrowIfNull(turns);
        ArgumentNullException.ThrowIfNull(confirmed);
        ArgumentNullException.ThrowIfNull(hints);
        if (confirmed.Count == 0)
            return turns;
        var result = turns.ToList();
        foreach (var c in confirmed)
        {
            var start = TimeSpan.FromSeconds(c.Start);
            var end = TimeSpan.FromSeconds(c.End);
            var role = RoleOf(c.Speaker, hints, turns);
            result = [.. result.SelectMany(t => t.End <= start || t.Start >= end
                ? [t]
                : new[] { t with { End = start }, t with { Start = end } }.Where(piece => piece.End - piece.Start >= TimeSpan.FromMilliseconds(1)))];
            result.Add(new SpeakerTurn(start, end, c.Speaker, role, SpeakerCertainty.Fixed));
        }

        return [.. result.OrderBy(t => t.Start).ThenBy(t => t.End)];
    }

    private static string RoleOf(string name, SpeakerHints hints, IReadOnlyList<SpeakerTurn> turns)
    {
        if (hints.Hosts.Any(h => h.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)))
            return SpeakerNaming.Host;
        if (hints.Guests.Any(g => g.Trim().Equals(name, StringComparison.OrdinalIgnoreCase)))
            return SpeakerNaming.Guest;
        return turns.FirstOrDefault(t => t.Speaker.Equals(name, StringComparison.OrdinalIgnoreCase))?.Role ?? SpeakerNaming.Guest;
    }

    private sealed record Document(int Version, List<SpeakerConfirmation>? Confirmed);
}
