using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Transcription;

internal static class Experiment
{
    public static void Fisher(string path, string vad, IReadOnlyList<SpeakerTurn> truth, double windowSeconds)
    {
        using var audio = new ManagedAudioDecoder().Open(path);
        var mono = audio.Samples.ForSpeech().ReadAll();
        var regions = new SileroSpeechDetector(vad).Detect(mono, default);
        var windows = VoiceFeatures.Windows(mono, regions, TimeSpan.FromSeconds(windowSeconds), TimeSpan.FromSeconds(windowSeconds / 2), default);
        var labelled = windows.Select(w => (W: w, S: truth.FirstOrDefault(t => t.Start <= (w.Start + w.End) / 2 && t.End > (w.Start + w.End) / 2)?.Speaker)).Where(p => p.S is not null).ToList();
        var dims = windows[0].Features.Length;
        var speakers = labelled.Select(p => p.S!).Distinct().ToList();
        Console.WriteLine($"windows {labelled.Count}");
        for (var d = 0; d < dims; d++)
        {
            var all = labelled.Select(p => p.W.Features[d]).ToList();
            var mean = all.Average();
            var within = 0.0;
            var between = 0.0;
            var line = $"d{d,2}";
            foreach (var s in speakers)
            {
                var v = labelled.Where(p => p.S == s).Select(p => p.W.Features[d]).ToList();
                var m = v.Average();
                within += v.Sum(x => (x - m) * (x - m));
                between += v.Count * (m - mean) * (m - mean);
                line += $" {s[..4]}={m,7:0.00}±{Math.Sqrt(v.Sum(x => (x - m) * (x - m)) / v.Count),5:0.00}";
            }

            Console.WriteLine($"{line} F={between / within:0.000}");
        }
    }
}

internal static class RegionsDump
{
    public static void Print(string path, string vad)
    {
        using var audio = new ManagedAudioDecoder().Open(path);
        var mono = audio.Samples.ForSpeech().ReadAll();
        foreach (var r in new SileroSpeechDetector(vad).Detect(mono, default))
            Console.WriteLine($"{r.Start.TotalSeconds:0.00} {r.End.TotalSeconds:0.00}");
    }
}
