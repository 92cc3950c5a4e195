using System.Text.Json;
using Podcast.Tests.Support;

namespace Podcast.Tests.Transcription;

/// <summary>
/// One publish of a recording with the real Whisper base model and the Silero VAD, through the real executable;
/// the files it wrote are read back by the tests. Built once per test class: a real transcription is slow.
/// </summary>
public sealed class PublishedCall : IDisposable
{
    private readonly TempShow _show;

    public PublishedCall(string audio, string title, string guest, string? showYml = null, params string[] extra)
    {
        _show = new TempShow(showYml);
        Audio = audio;
        Result = Publish([title.Length > 0 ? "--title" : string.Empty, title, "--guest", guest, .. extra]);
        Assert.True(Result.ExitCode == 0, Result.Stderr);
        using var json = JsonDocument.Parse(Result.Stdout);
        EpisodeDir = json.RootElement.GetProperty("episodeDir").GetString()!;
        CorrectionCount = json.RootElement.GetProperty("corrections").GetInt32();
    }

    public string Audio { get; }

    public CliResult Result { get; }

    public string EpisodeDir { get; }

    public int CorrectionCount { get; }

    public string ShowRoot => _show.Root;

    /// <summary>The published transcript, after the vocabulary pass.</summary>
    public string Written => string.Join(' ', Segments("transcript.json", "body"));

    /// <summary>What Whisper heard, before the vocabulary pass (the transcript cache).</summary>
    public string Heard => string.Join(' ', Segments("transcript.words.json", "text"));

    public IReadOnlyList<(double Start, string Text)> Words()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(EpisodeDir, "transcript.words.json")));
        return [.. doc.RootElement.GetProperty("segments").EnumerateArray()
            .SelectMany(s => s.GetProperty("words").EnumerateArray())
            .Select(w => (TimeSpan.Parse(w.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds, w.GetProperty("text").GetString()!))];
    }

    public CliResult Publish(params string[] extra)
    {
        string[] args = ["publish", Audio, "--show", _show.Root, "--model", Fixtures.BaseModel, "--json", .. extra.Where(a => a.Length > 0)];
        return PodcastCli.Run(new Dictionary<string, string?> { ["PODCAST_VAD_MODEL"] = Fixtures.SileroVad }, TimeSpan.FromMinutes(40), args);
    }

    public void Dispose() => _show.Dispose();

    private IEnumerable<string> Segments(string file, string property)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(EpisodeDir, file)));
        return [.. doc.RootElement.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty(property).GetString()!)];
    }
}
