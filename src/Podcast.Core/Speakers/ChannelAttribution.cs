using Podcast.Decoding;
using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// Gives speech to the channels that carry it, for recordings with one line per channel. Every 50 ms frame of a
/// speech region goes to each channel whose level is near its own speech level and within <see cref="OverlapMargin"/>
/// of the loudest channel: a line's echo on the other channel (usually 20 dB or more down) is not speech, but two
/// people talking at once are both kept.
/// </summary>
internal static class ChannelAttribution
{
    public const double OverlapMargin = 12;

    /// <summary>How far below its own typical speech level a channel still counts as talking.</summary>
    private const double SpeechRange = 25;

    private const int FrameSamples = SampleProviderExtensions.WhisperSampleRate / 20;

    /// <summary>Per channel, the regions it carries speech in (voices are channel numbers; regions may overlap across channels).</summary>
    public static IReadOnlyList<VoiceSpan> Attribute(IReadOnlyList<ISampleSource> channels, IReadOnlyList<SpeechRegion> regions)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(regions);
        if (channels.Count == 0)
            return [];
        var frames = channels.Min(c => c.Length) / FrameSamples;
        var level = channels.Select(c => Levels(c, frames)).ToList();
        var inSpeech = new bool[frames];
        foreach (var region in regions)
        {
            var first = Math.Max(0, (int)(region.Start.TotalSeconds * 20));
            var last = Math.Min(frames, (int)Math.Ceiling(region.End.TotalSeconds * 20));
            for (var f = first; f < last; f++)
                inSpeech[f] = true;
        }

        // A channel's speech level: the loud end of its frames inside speech (it may be silent for most of the call).
        var speechLevel = level.Select(l => Percentile([.. Enumerable.Range(0, frames).Where(f => inSpeech[f]).Select(f => l[f])], 0.95)).ToList();
        var spans = new List<VoiceSpan>();
        for (var c = 0; c < channels.Count; c++)
        {
            var active = new int[frames];
            for (var f = 0; f < frames; f++)
            {
                if (!inSpeech[f])
                    continue;
                var loudest = level.Max(l => l[f]);
                active[f] = level[c][f] >= speechLevel[c] - SpeechRange && level[c][f] >= loudest - OverlapMargin ? 1 : 0;
            }

            // Gaps between words inside one region are quiet on every channel; fill them before cutting spans.
            foreach (var region in regions)
            {
                var first = Math.Max(0, (int)(region.Start.TotalSeconds * 20));
                var last = Math.Min(frames, (int)Math.Ceiling(region.End.TotalSeconds * 20));
                if (last > first)
                    FillQuiet(active, first, last);
            }

            for (var f = 0; f < frames;)
            {
                if (active[f] == 0)
                {
                    f++;
                    continue;
                }

                var e = f;
                while (e < frames && active[e] == 1)
                    e++;
                if (e - f >= 4)
                    spans.Add(new VoiceSpan(TimeSpan.FromSeconds(f / 20.0), TimeSpan.FromSeconds(e / 20.0), c));
                f = e;
            }
        }

        return VoiceTimeline.Join(spans);
    }

    /// <summary>Inside one region, short inactive runs (under 0.5 s) between two active frames become active: a pause within a sentence.</summary>
    private static void FillQuiet(int[] active, int first, int last)
    {
        var lastActive = -1;
        for (var f = first; f < last; f++)
        {
            if (active[f] == 0)
                continue;
            if (lastActive >= 0 && f - lastActive > 1 && f - lastActive <= 10)
                Array.Fill(active, 1, lastActive + 1, f - lastActive - 1);
            lastActive = f;
        }
    }

    private static double[] Levels(ISampleSource samples, int frames)
    {
        var levels = new double[frames];
        var block = new float[FrameSamples * 20 * 60];
        for (var f = 0; f < frames; f++)
        {
            var within = f % (block.Length / FrameSamples);
            if (within == 0)
                samples.Read(f * FrameSamples, block.AsSpan(0, Math.Min(block.Length, (frames - f) * FrameSamples)));
            var sum = 0.0;
            foreach (var s in block.AsSpan(within * FrameSamples, FrameSamples))
                sum += s * s;
            levels[f] = 10 * Math.Log10((sum / FrameSamples) + 1e-10);
        }

        return levels;
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
            return -100;
        Array.Sort(values);
        return values[(int)Math.Min(values.Length - 1, p * values.Length)];
    }
}
