namespace Podcast.Tests.Support;

/// <summary>Builds each kind of bad input file in a folder, from the fixtures or from nothing.</summary>
public static class BadInputs
{
    public static string Make(string kind, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, kind + (kind.Contains("wav", StringComparison.Ordinal) || kind == "half-second" ? ".wav" : ".mp3"));
        switch (kind)
        {
            case "missing":
                break;
            case "directory":
                Directory.CreateDirectory(path);
                break;
            case "empty":
                File.WriteAllBytes(path, []);
                break;
            case "truncated-mp3":
                var whole = File.ReadAllBytes(Fixtures.CallMp3);
                File.WriteAllBytes(path, whole[..((whole.Length * 3 / 5) + 7)]);
                break;
            case "random-bytes":
                File.WriteAllBytes(path, RandomBytes(50_000, seed: 1));
                break;
            case "random-bytes-with-mp3-sync":
                var noise = RandomBytes(50_000, seed: 2);
                noise[0] = 0xFF;
                noise[1] = 0xFB;
                noise[2] = 0x90;
                noise[3] = 0x64;
                File.WriteAllBytes(path, noise);
                break;
            case "alaw-wav":
                Sox("-n", "-r", "8000", "-c", "1", "-e", "a-law", path, "synth", "2", "sine", "440");
                break;
            case "half-second":
                Sox("-n", "-r", "16000", "-c", "1", "-b", "16", path, "synth", "0.5", "sine", "440");
                break;
            case "broken-wav-header":
                var wav = new byte[4000];
                "RIFF"u8.CopyTo(wav);
                "WAVE"u8.CopyTo(wav.AsSpan(8));
                "junk"u8.CopyTo(wav.AsSpan(12));
                File.WriteAllBytes(path, wav);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such bad input");
        }

        return path;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
#pragma warning disable CA5394 // Reproducible test data, not security.
        new Random(seed).NextBytes(bytes);
#pragma warning restore CA5394
        if (bytes[0] == 0xFF)
            bytes[0] = 0; // keep "random bytes" from accidentally starting with an MPEG sync word
        return bytes;
    }

    private static void Sox(params string[] args)
    {
        var result = PodcastCli.Tool("sox", args);
        Assert.True(result.ExitCode == 0, "sox: " + result.Stderr);
    }
}
