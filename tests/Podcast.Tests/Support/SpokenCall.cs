namespace Podcast.Tests.Support;

/// <summary>
/// A call we wrote ourselves, spoken by espeak-ng voices line by line into an MP3 (tests/.../Calls/*.txt): other
/// hosts, guests and places than the Deeply Talks fixture, so the vocabulary pass is checked on speech it was not
/// tuned on. The header gives the title, hosts, guest and vocabulary; each line is <c>voice|speaker|text</c>.
/// </summary>
public sealed class SpokenCall
{
    private SpokenCall(string name, string title, IReadOnlyList<string> hosts, string guest, IReadOnlyList<string> vocabulary, IReadOnlyList<string> lines)
    {
        Name = name;
        Title = title;
        Hosts = hosts;
        Guest = guest;
        Vocabulary = vocabulary;
        Lines = lines;
    }

    public string Name { get; }

    public string Title { get; }

    public IReadOnlyList<string> Hosts { get; }

    public string Guest { get; }

    public IReadOnlyList<string> Vocabulary { get; }

    public IReadOnlyList<string> Lines { get; }

    public string Text => string.Join(' ', Lines);

    public static SpokenCall Load(string name)
    {
        var path = Path.Combine(Fixtures.RepositoryRoot, "tests", "Podcast.Tests", "Transcription", "Calls", name + ".txt");
        var header = new Dictionary<string, string>();
        var lines = new List<string>();
        foreach (var line in File.ReadAllLines(path).Where(l => l.Trim().Length > 0))
        {
            if (line.StartsWith('#'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                header[line[1..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            else
            {
                lines.Add(line);
            }
        }

        static string[] List(string value) => value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SpokenCall(name, header["title"], List(header["hosts"]), header["guest"], List(header["vocabulary"]), lines);
    }

    /// <summary>The spoken lines' text, without voice and speaker.</summary>
    public IReadOnlyList<string> Sentences => [.. Lines.Select(l => l.Split('|')[2])];

    /// <summary>A show.yml for this call's show: its hosts and vocabulary.</summary>
    public string ShowYml() => $"""
        title: "{Title.Split(':')[0]}"
        description: A test show.
        author: Tests
        owner:
          name: Tests
          email: tests@example.org
        language: en
        category: News
        explicit: false
        baseUrl: https://example.org/{Name}/
        hosts:
        {string.Join('\n', Hosts.Select(h => "  - " + h))}
        vocabulary:
        {string.Join('\n', Vocabulary.Select(v => "  - " + v))}

        """;

    /// <summary>Speaks every line with its voice and joins them into one MP3 in <paramref name="directory"/>.</summary>
    public string Speak(string directory)
    {
        var wavs = new List<string>();
        foreach (var (line, i) in Lines.Select((l, i) => (l, i)))
        {
            var parts = line.Split('|');
            var wav = Path.Combine(directory, $"{Name}-{i:00}.wav");
            var spoken = PodcastCli.Tool("espeak-ng", "-v", parts[0], "-s", "150", "-w", wav, parts[2]);
            Assert.True(spoken.ExitCode == 0, spoken.Stderr);
            wavs.Add(wav);
        }

        var joined = Path.Combine(directory, Name + ".wav");
        var sox = PodcastCli.Tool("sox", [.. wavs, joined]);
        Assert.True(sox.ExitCode == 0, sox.Stderr);
        var mp3 = Path.Combine(directory, Name + ".mp3");
        var ffmpeg = PodcastCli.Tool("ffmpeg", "-y", "-loglevel", "error", "-i", joined, "-ar", "16000", "-ac", "1", "-b:a", "48k", mp3);
        Assert.True(ffmpeg.ExitCode == 0, ffmpeg.Stderr);
        return mp3;
    }
}
