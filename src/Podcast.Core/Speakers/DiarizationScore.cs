namespace Podcast.Speakers;

/// <summary>
/// How much of the speech was given to the wrong person, as shares of the true speech time. Time nobody was given
/// counts as wrong (missed); where turns overlap, a moment is right if any turn there names the true speaker.
/// </summary>
public sealed record DiarizationError(double SpeechSeconds, double WrongPerson, double WrongRole, double Missed, double FalseAlarm, double WrongVoice)
{
    private const double Resolution = 0.01;

    /// <summary>
    /// <paramref name="truth"/> and <paramref name="found"/> compared every 10 ms. <see cref="WrongVoice"/> ignores the
    /// names: each found speaker label is first mapped to the true person it overlaps most (one to one), which scores
    /// the clustering apart from the naming.
    /// </summary>
    public static DiarizationError Measure(IReadOnlyList<SpeakerTurn> truth, IReadOnlyList<SpeakerTurn> found)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(found);
        var end = truth.Concat(found).Select(t => t.End.TotalSeconds).DefaultIfEmpty(0).Max();
        var steps = (int)Math.Ceiling(end / Resolution);
        var truthAt = new SpeakerTurn?[steps];
        var foundAt = new List<SpeakerTurn>?[steps];
        foreach (var t in truth)
            Fill(t, steps, s => truthAt[s] = t);
        foreach (var t in found)
            Fill(t, steps, s => (foundAt[s] ??= []).Add(t));

        var mapping = BestMapping(truthAt, foundAt);
        double speech = 0, wrongPerson = 0, wrongRole = 0, missed = 0, falseAlarm = 0, wrongVoice = 0;
        for (var s = 0; s < steps; s++)
        {
            var t = truthAt[s];
            var here = foundAt[s];
            if (t is null)
            {
                falseAlarm += here is null ? 0 : 1;
                continue;
            }

            speech++;
            if (here is null)
            {
                missed++;
                wrongPerson++;
                wrongRole++;
                wrongVoice++;
                continue;
            }

            wrongPerson += here.Any(f => f.Speaker == t.Speaker) ? 0 : 1;
            wrongRole += here.Any(f => f.Role == t.Role) ? 0 : 1;
            wrongVoice += here.Any(f => mapping.GetValueOrDefault(f.Speaker) == t.Speaker) ? 0 : 1;
        }

        var total = Math.Max(speech, 1);
        return new DiarizationError(speech * Resolution, wrongPerson / total, wrongRole / total, missed / total, falseAlarm / total, wrongVoice / total);
    }

    private static void Fill(SpeakerTurn turn, int steps, Action<int> set)
    {
        var first = Math.Max(0, (int)Math.Round(turn.Start.TotalSeconds / Resolution));
        var last = Math.Min(steps, (int)Math.Round(turn.End.TotalSeconds / Resolution));
        for (var s = first; s < last; s++)
            set(s);
    }

    /// <summary>Greedy one-to-one mapping of found labels to true speakers by shared time, largest first.</summary>
    private static Dictionary<string, string> BestMapping(SpeakerTurn?[] truthAt, List<SpeakerTurn>?[] foundAt)
    {
        var shared = new Dictionary<(string Found, string True), int>();
        for (var s = 0; s < truthAt.Length; s++)
        {
            if (truthAt[s] is not { } t || foundAt[s] is not { } here)
                continue;
            foreach (var f in here.Select(f => f.Speaker).Distinct())
                shared[(f, t.Speaker)] = shared.GetValueOrDefault((f, t.Speaker)) + 1;
        }

        var mapping = new Dictionary<string, string>();
        var taken = new HashSet<string>();
        foreach (var ((f, t), _) in shared.OrderByDescending(p => p.Value))
        {
            if (mapping.ContainsKey(f) || taken.Contains(t))
                continue;
            mapping[f] = t;
            taken.Add(t);
        }

        return mapping;
    }
}
