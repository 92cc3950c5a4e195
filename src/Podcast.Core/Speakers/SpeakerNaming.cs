using System.Globalization;
using System.Text.RegularExpressions;
using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// Puts names on voices. Evidence, strongest first: the producer's overrides (<c>S1=Name</c>); a voice sounding like
/// one the show enrolled (<see cref="VoiceSpan.Recognised"/>); a voice introducing itself ("I'm Alessandria Masi"); a
/// voice answering right after someone says a name ("Our guest is Hassan Hassan ... Hassan, thank you for joining
/// us"), while the one saying a name is not that person; the guest talking most and asking fewest questions. A name
/// goes to a voice only with enough evidence (or as the last person left for the last voice when the recording was
/// split into exactly as many voices as people, or the hosts left for as many voices or for the one line holding as
/// many voices, by role); every other voice
/// stays "Speaker N", so a quote is never given to the wrong person with confidence. Each turn says how strong its
/// name's evidence was, on <see cref="SpeakerCertainty"/>'s scale, times its span's own confidence: a name found only
/// by the talk-most heuristic or as the last left is published, but its quotes are flagged for the producer to
/// confirm.
/// </summary>
internal static partial class SpeakerNaming
{
    public const string Host = "host";
    public const string Guest = "guest";

    /// <summary>The role of a voice nobody could name and whose role is not implied either.</summary>
    public const string Unknown = "speaker";

    private const double Accept = 1.0;

    public static string Label(int voice) => string.Create(CultureInfo.InvariantCulture, $"Speaker {voice + 1}");

    public static IReadOnlyList<SpeakerTurn> Name(IReadOnlyList<VoiceSpan> spans, Transcript transcript, SpeakerHints hints)
    {
        ArgumentNullException.ThrowIfNull(spans);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(hints);
        if (spans.Count == 0)
            return [];
        var ordered = Renumber(spans);
        var voices = ordered.Max(s => s.Voice) + 1;
        var people = hints.Hosts.Select(h => (Name: h.Trim(), Role: Host))
            .Concat(hints.Guests.Select(g => (Name: g.Trim(), Role: Guest)))
            .Where(p => p.Name.Length > 0)
            .DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var roleOf = people.ToDictionary(p => p.Name, p => p.Role, StringComparer.OrdinalIgnoreCase);

        var names = new string?[voices];
        var strength = new double[voices];
        Array.Fill(strength, SpeakerCertainty.Fixed);
        foreach (var (key, name) in hints.Overrides)
        {
            var voice = OverrideVoice(key);
            if (voice < voices && !string.IsNullOrWhiteSpace(name))
                names[voice] = name.Trim();
        }

        // A voice that sounds like an enrolled person is theirs, unless the producer named that voice or gave them another.
        foreach (var s in ordered)
        {
            if (s.Recognised is { } person && names[s.Voice] is null && !names.Contains(person.Name, StringComparer.OrdinalIgnoreCase))
            {
                names[s.Voice] = person.Name;
                strength[s.Voice] = SpeakerCertainty.Recognised;
                roleOf.TryAdd(person.Name, person.Role);
            }
        }

        var open = people.Where(p => !names.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        var evidence = Evidence(ordered, voices, transcript, open);
        Assign(names, strength, open, evidence, voices);
        HostsSharingALine(ordered, names, strength, open, evidence.Score);

        var roles = new string[voices];
        var everyGuestPlaced = hints.Guests.Count > 0 && hints.Guests.All(g => names.Contains(g.Trim(), StringComparer.OrdinalIgnoreCase));

        // With enrolled voices, everyone who is not a host is a guest: once every host is placed, the rest are guests.
        var hosts = hints.Hosts.Concat(hints.Voices.Where(v => v.Role == Host).Select(v => v.Name)).Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        var everyHostPlaced = hints.Voices.Count > 0 && hosts.Count > 0 && hosts.All(h => names.Contains(h, StringComparer.OrdinalIgnoreCase));
        for (var v = 0; v < voices; v++)
        {
            roles[v] = names[v] is { } name
                ? roleOf.GetValueOrDefault(name, Guest)
                : everyGuestPlaced && hints.Hosts.Count > 0 ? Host : everyHostPlaced ? Guest : Unknown;
        }

        return [.. ordered.Select(s => new SpeakerTurn(s.Start, s.End, names[s.Voice] ?? Label(s.Voice), roles[s.Voice], SpeakerCertainty.Combine(strength[s.Voice], s.Confidence)))];
    }

    /// <summary>Voices numbered by first appearance, so "Speaker 1" is the first to talk.</summary>
    internal static IReadOnlyList<VoiceSpan> Renumber(IReadOnlyList<VoiceSpan> spans)
    {
        var order = spans.OrderBy(s => s.Start).Select(s => s.Voice).Distinct().Select((voice, index) => (voice, index)).ToDictionary(p => p.voice, p => p.index);
        return [.. spans.Select(s => s with { Voice = order[s.Voice] }).OrderBy(s => s.Start).ThenBy(s => s.Voice)];
    }

    public static bool IsVoiceLabel(string key) => OverrideVoice(key) != int.MaxValue;

    /// <summary>"S1", "Speaker 1" or "1" name the first voice.</summary>
    private static int OverrideVoice(string key)
    {
        var digits = OverrideKey().Match(key.Trim());
        return digits.Success && int.TryParse(digits.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n - 1 : int.MaxValue;
    }

    /// <summary>
    /// The score of each voice for each person, and the parts of it that are strong on their own: self-introductions
    /// (count) and answering after the name (its share of the mentions, less saying the name oneself).
    /// </summary>
    private sealed record Clues(double[,] Score, double[,] Introduced, double[,] Answered);

    private static Clues Evidence(IReadOnlyList<VoiceSpan> spans, int voices, Transcript transcript, List<(string Name, string Role)> people)
    {
        var score = new double[voices, people.Count];
        var introduced = new double[voices, people.Count];
        var answeredScore = new double[voices, people.Count];
        var talk = new double[voices];
        foreach (var s in spans)
            talk[s.Voice] += s.Duration.TotalSeconds;

        // Each segment to the voice that covers most of it.
        var said = transcript.Segments
            .Select(seg => (Segment: seg, Voice: VoiceOf(spans, seg.Start, seg.End)))
            .Where(p => p.Voice >= 0)
            .ToList();
        var firstNames = people.Select(p => p.Name.Split(' ')[0]).ToList();
        var uniqueFirst = firstNames.Select(f => f.Length > 2 && firstNames.Count(x => x.Equals(f, StringComparison.OrdinalIgnoreCase)) == 1).ToList();
        var mentions = new int[people.Count];
        var answered = new double[voices, people.Count];
        var saidYourName = new double[voices, people.Count];
        for (var i = 0; i < said.Count; i++)
        {
            var (segment, voice) = said[i];
            for (var p = 0; p < people.Count; p++)
            {
                var name = Regex.Escape(people[p].Name) + (uniqueFirst[p] ? "|" + Regex.Escape(firstNames[p]) : string.Empty);
                if (Regex.IsMatch(segment.Text, $@"\b(?:I'm|I’m|I am|my name is|this is)\s+(?:{name})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                {
                    score[voice, p] += 3;
                    introduced[voice, p]++;
                    continue;
                }

                if (!Regex.IsMatch(segment.Text, $@"\b(?:{name})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
                    continue;
                mentions[p]++;
                saidYourName[voice, p] = Math.Min(saidYourName[voice, p] + 1, 2);
                var next = said.Skip(i + 1).Take(4).FirstOrDefault(x => x.Voice != voice);
                if (next.Segment is not null)
                    answered[next.Voice, p]++;
            }
        }

        // Questions are asked by hosts; guests answer them at length.
        var segments = new int[voices];
        var questions = new int[voices];
        foreach (var (segment, voice) in said)
        {
            segments[voice]++;
            if (segment.Text.TrimEnd().EndsWith('?'))
                questions[voice]++;
        }

        var rate = Enumerable.Range(0, voices).Select(v => segments[v] == 0 ? double.NaN : questions[v] / (double)segments[v]).ToArray();
        var known = rate.Where(r => !double.IsNaN(r)).ToList();
        var mostTalk = talk.Max();
        for (var p = 0; p < people.Count; p++)
        {
            for (var v = 0; v < voices; v++)
            {
                score[v, p] -= saidYourName[v, p];
                answeredScore[v, p] = (mentions[p] > 0 ? 2 * answered[v, p] / mentions[p] : 0) - saidYourName[v, p];
                if (mentions[p] > 0)
                    score[v, p] += 2 * answered[v, p] / mentions[p];
                if (voices < 2)
                    continue;
                var asksLeast = known.Count >= 2 && !double.IsNaN(rate[v]) && rate[v] <= known.Min() && known.Max() > known.Min();
                var asksMost = known.Count >= 2 && !double.IsNaN(rate[v]) && rate[v] >= known.Max() && known.Max() > known.Min();
                if (people[p].Role == Guest)
                {
                    score[v, p] += (talk[v] >= mostTalk ? 1 : 0) + (asksLeast ? 1 : 0) - (asksMost ? 1 : 0);
                }
                else if (asksLeast)
                {
                    score[v, p] -= 0.5;
                }
            }
        }

        return new Clues(score, introduced, answeredScore);
    }

    /// <summary>
    /// The best one-to-one assignment over the pairs with enough evidence; then the last person for the last voice.
    /// Each name placed gets the strength of the strongest kind of evidence that alone would have placed it.
    /// </summary>
    private static void Assign(string?[] names, double[] strength, List<(string Name, string Role)> people, Clues clues, int voices)
    {
        var score = clues.Score;
        var free = Enumerable.Range(0, voices).Where(v => names[v] is null).ToList();
        var best = (Total: 0.0, Pairs: new List<(int Voice, int Person)>());
        void Search(int p, HashSet<int> used, List<(int Voice, int Person)> pairs, double total)
        {
            if (total > best.Total)
                best = (total, [.. pairs]);
            if (p == people.Count)
                return;
            Search(p + 1, used, pairs, total);
            foreach (var v in free)
            {
                if (used.Contains(v) || score[v, p] < Accept)
                    continue;
                used.Add(v);
                pairs.Add((v, p));
                Search(p + 1, used, pairs, total + score[v, p]);
                pairs.RemoveAt(pairs.Count - 1);
                used.Remove(v);
            }
        }

        Search(0, [], [], 0);
        foreach (var (v, p) in best.Pairs)
        {
            names[v] = people[p].Name;
            strength[v] = clues.Introduced[v, p] > 0 ? SpeakerCertainty.Introduced
                : clues.Answered[v, p] >= Accept ? SpeakerCertainty.Answered
                : SpeakerCertainty.Profile;
        }

        var leftVoices = Enumerable.Range(0, voices).Where(v => names[v] is null).ToList();
        var leftPeople = Enumerable.Range(0, people.Count).Where(p => !best.Pairs.Any(x => x.Person == p)).ToList();
        if (leftVoices.Count == 1 && leftPeople.Count == 1 && voices == names.Count(n => n is not null) + 1 && score[leftVoices[0], leftPeople[0]] > -0.5)
        {
            names[leftVoices[0]] = people[leftPeople[0]].Name;
            strength[leftVoices[0]] = SpeakerCertainty.LastLeft;
        }
        else if (leftVoices.Count is >= 2 and <= MostHostsByRole && leftVoices.Count == leftPeople.Count && leftPeople.All(p => people[p].Role == Host))
        {
            // The show's hosts left for as many voices (two hosts on one line once the guest is placed): hosts by
            // role. Which host is which is a guess, so LastLeft and their quotes flagged.
            ByRole(leftVoices, leftPeople, names, strength, people, score);
        }
    }

    /// <summary>
    /// Hosts to as many voices: each to a voice by the best of the weak evidence (a host saying the other's name), else
    /// in the order show.yml lists them for the order the voices first talk; none when every order goes against it.
    /// </summary>
    private static void ByRole(List<int> voices, List<int> hosts, string?[] names, double[] strength, List<(string Name, string Role)> people, double[,] score)
    {
        var order = Permutations(hosts).MaxBy(o => o.Select((p, i) => score[voices[i], p]).Sum())!;
        if (!order.Select((p, i) => score[voices[i], p]).All(x => x > -0.5))
            return;
        for (var i = 0; i < order.Count; i++)
        {
            names[voices[i]] = people[order[i]].Name;
            strength[voices[i]] = SpeakerCertainty.LastLeft;
        }
    }

    /// <summary>
    /// With one line per channel and nobody left to name but the hosts and people not named (the guest unnamed): when
    /// exactly one line holds as many voices as there are hosts left, all unnamed, and another line holds other
    /// voices, those are the hosts sharing a studio line, named by role as in <see cref="Assign"/> (LastLeft).
    /// </summary>
    private static void HostsSharingALine(IReadOnlyList<VoiceSpan> spans, string?[] names, double[] strength, List<(string Name, string Role)> people, double[,] score)
    {
        var hostsLeft = Enumerable.Range(0, people.Count).Where(p => people[p].Role == Host && !names.Contains(people[p].Name, StringComparer.OrdinalIgnoreCase)).ToList();
        if (hostsLeft.Count is < 2 or > MostHostsByRole || spans.Any(s => s.Line is null))
            return;
        var lines = spans.GroupBy(s => s.Line!.Value).Select(g => g.Select(s => s.Voice).Distinct().Order().ToList()).ToList();
        var candidates = lines.Where(voices => voices.Count == hostsLeft.Count && voices.All(v => names[v] is null)).ToList();
        if (lines.Count < 2 || candidates.Count != 1)
            return;
        ByRole(candidates[0], hostsLeft, names, strength, people, score);
    }

    /// <summary>More hosts left than this are not tried in every order (8! is 40,320): no show has that many on one call.</summary>
    private const int MostHostsByRole = 6;

    /// <summary>Every order of <paramref name="items"/>, the given order first (MaxBy keeps the first of equals).</summary>
    private static IEnumerable<List<int>> Permutations(List<int> items)
    {
        if (items.Count <= 1)
        {
            yield return [.. items];
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            foreach (var rest in Permutations([.. items.Where((_, j) => j != i)]))
                yield return [items[i], .. rest];
        }
    }

    private static int VoiceOf(IReadOnlyList<VoiceSpan> spans, TimeSpan start, TimeSpan end)
    {
        var best = (Voice: -1, Overlap: 0.0);
        foreach (var group in spans.Where(s => s.Start < end && s.End > start).GroupBy(s => s.Voice))
        {
            var overlap = group.Sum(s => ((s.End < end ? s.End : end) - (s.Start > start ? s.Start : start)).TotalSeconds);
            if (overlap > best.Overlap)
                best = (group.Key, overlap);
        }

        return best.Voice;
    }

    [GeneratedRegex(@"^(?:S|Speaker\s*)?(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex OverrideKey();
}
