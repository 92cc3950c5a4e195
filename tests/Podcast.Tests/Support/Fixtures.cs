namespace Podcast.Tests.Support;

/// <summary>
/// The read-only fixtures in ../shared beside the repository. Tests that need them call <see cref="Require"/>, which
/// skips the test with a message saying so when the folder is absent (a clone elsewhere); CI always has it.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string?> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Podcast.sln")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(Path.Combine(shared, "fixtures")) ? shared : null;
            }
        }

        return null;
    });

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Podcast.sln")))
                    return dir.FullName;
            }

            throw new InvalidOperationException("Podcast.sln not found above the test binaries");
        }
    }

    /// <summary>The absolute path of a file under ../shared, or a skip when ../shared is absent.</summary>
    public static string Require(string relativePath)
    {
        if (RootPath.Value is null)
            Assert.Skip($"../shared is absent beside the repository; this test needs {relativePath}");
        var path = Path.Combine(RootPath.Value, relativePath);
        Assert.True(File.Exists(path), $"../shared is present but {relativePath} is missing from it");
        return path;
    }

    /// <summary>The absolute path of a file under ../shared, or null when ../shared (or the file) is absent.</summary>
    public static string? TryGet(string relativePath) =>
        RootPath.Value is { } root && File.Exists(Path.Combine(root, relativePath)) ? Path.Combine(root, relativePath) : null;

    public static string CallMp3 => Require("fixtures/deeply-talks-deir-ezzor/call.mp3");
    public static string CallStereoMp3 => Require("fixtures/deeply-talks-deir-ezzor/call-stereo.mp3");
    public static string CallWav => Require("fixtures/deeply-talks-deir-ezzor/call-mono-16k.wav");
    public static string CallTranscript => Require("fixtures/deeply-talks-deir-ezzor/transcript.json");
    public static string CallTruth => Require("fixtures/deeply-talks-deir-ezzor/truth.json");
    public static string JfkWav => Require("fixtures/whisper/jfk.wav");
    public static string JfkMp3 => Require("fixtures/whisper/jfk.mp3");
    public static string EmptyWhisperModel => Require("fixtures/whisper/for-tests-ggml-tiny.en.bin");
    public static string SileroVad => Require("fixtures/whisper/ggml-silero-v6.2.0.bin");
    public static string BaseModel => Require("models/ggml-base.bin");
}
