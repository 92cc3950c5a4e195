using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// Turns labelled windows back into time: every 50 ms step of speech takes the label most of the windows covering it
/// vote for, flips shorter than <see cref="MinimumFlip"/> inside a region go to their neighbour, and a voice's spans
/// separated by short pauses become one turn.
/// </summary>
internal static class VoiceTimeline
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    /// <summary>Nobody holds the floor for less than this without a pause around it; shorter flips are clustering noise.</summary>
    public static readonly TimeSpan MinimumFlip = TimeSpan.FromSeconds(1.2);

    /// <summary>A pause shorter than this between two spans of one voice is a breath, not the end of a turn.</summary>
    public static readonly TimeSpan JoinPause = TimeSpan.FromSeconds(1.5);

    public static IReadOnlyList<VoiceSpan> FromWindows(IReadOnlyList<SpeechRegion> regions, IReadOnlyList<VoiceWindow> windows, IReadOnlyList<int> labels) =>
        Join(Pieces(regions, windows, labels));

    /// <summary>Like <see cref="FromWindows"/> without joining: every piece lies inside one region and holds one voice.</summary>
    public static IReadOnlyList<VoiceSpan> Pieces(IReadOnlyList<SpeechRegion> regions, IReadOnlyList<VoiceWindow> windows, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(labels);
        if (windows.Count != labels.Count)
            throw new ArgumentException($"{labels.Count} labels for {windows.Count} windows: there must be one label per window", nameof(labels));
        var spans = new List<VoiceSpan>();
        var sorted = windows.Select((w, i) => (Window: w, Label: labels[i])).OrderBy(p => p.Window.Start).ToList();
        var from = 0;
        foreach (var region in regions)
        {
            var steps = (int)Math.Ceiling((region.End - region.Start) / Step);
            if (steps <= 0)
                continue;
            var stepLabels = new int[steps];
            while (from < sorted.Count && sorted[from].Window.End <= region.Start)
                from++;
            var inside = sorted.Skip(from).TakeWhile(p => p.Window.Start < region.End).Where(p => p.Window.End > region.Start).ToList();
            if (inside.Count == 0)
                continue;
            for (var s = 0; s < steps; s++)
            {
                var t = region.Start + (Step * (s + 0.5));
                var covering = inside.Where(p => p.Window.Start <= t && p.Window.End > t).ToList();
                // Outside every window (a region's short tail): the nearest window's label.
                stepLabels[s] = covering.Count > 0
                    ? covering.GroupBy(p => p.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(p => Centre(p.Window, t))).First().Key
                    : inside.OrderBy(p => Centre(p.Window, t)).First().Label;
            }

            Smooth(stepLabels, (int)(MinimumFlip / Step));
            for (var s = 0; s < steps;)
            {
                var e = s;
                while (e < steps && stepLabels[e] == stepLabels[s])
                    e++;
                var end = region.Start + (Step * e);
                spans.Add(new VoiceSpan(region.Start + (Step * s), end > region.End ? region.End : end, stepLabels[s]));
                s = e;
            }
        }

        return spans;
    }

    /// <summary>Relabels runs shorter than <paramref name="minimum"/> steps, shortest first, to the longer of their neighbours.</summary>
    internal static void Smooth(int[] labels, int minimum)
    {
        while (true)
        {
            var runs = Runs(labels);
            if (runs.Count < 2)
                return;
            var shortest = runs.Select((r, i) => (Run: r, Index: i)).Where(p => p.Run.Length < minimum).OrderBy(p => p.Run.Length).FirstOrDefault();
            if (shortest.Run.Length == 0)
                return;
            var i = shortest.Index;
            var left = i > 0 ? runs[i - 1] : default;
            var right = i < runs.Count - 1 ? runs[i + 1] : default;
            var to = left.Length >= right.Length ? left.Label : right.Label;
            Array.Fill(labels, to, shortest.Run.Start, shortest.Run.Length);
        }
    }

    /// <summary>Joins consecutive spans of one voice across short pauses; spans of different voices may overlap (two lines talking at once).</summary>
    internal static IReadOnlyList<VoiceSpan> Join(IEnumerable<VoiceSpan> spans)
    {
        var joined = new List<VoiceSpan>();
        foreach (var voice in spans.GroupBy(s => s.Voice))
        {
            VoiceSpan? open = null;
            foreach (var span in voice.OrderBy(s => s.Start))
            {
                if (open is not null && span.Start - open.End <= JoinPause && !Interrupted(spans, voice.Key, open.End, span.Start))
                {
                    open = Joined(open, span);
                    continue;
                }

                if (open is not null)
                    joined.Add(open);
                open = span;
            }

            if (open is not null)
                joined.Add(open);
        }

        return [.. joined.OrderBy(s => s.Start).ThenBy(s => s.Voice)];
    }

    /// <summary>Two spans of one voice as one; its confidence is theirs weighted by their lengths.</summary>
    private static VoiceSpan Joined(VoiceSpan open, VoiceSpan next)
    {
        var seconds = open.Duration.TotalSeconds + next.Duration.TotalSeconds;
        var confidence = seconds > 0 ? ((open.Confidence * open.Duration.TotalSeconds) + (next.Confidence * next.Duration.TotalSeconds)) / seconds : open.Confidence;
        return open with { End = next.End > open.End ? next.End : open.End, Confidence = confidence };
    }

    private static bool Interrupted(IEnumerable<VoiceSpan> spans, int voice, TimeSpan from, TimeSpan to) =>
        spans.Any(s => s.Voice != voice && s.Start < to && s.End > from);

    private static List<(int Start, int Length, int Label)> Runs(int[] labels)
    {
        var runs = new List<(int Start, int Length, int Label)>();
        for (var s = 0; s < labels.Length;)
        {
            var e = s;
            while (e < labels.Length && labels[e] == labels[s])
                e++;
            runs.Add((s, e - s, labels[s]));
            s = e;
        }

        return runs;
    }

    private static double Centre(VoiceWindow window, TimeSpan t) =>
        Math.Abs(((window.Start + window.End) / 2 - t).TotalSeconds);
}
