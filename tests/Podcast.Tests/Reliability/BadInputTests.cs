using Podcast.Tests.Support;

namespace Podcast.Tests.Reliability;

/// <summary>
/// The corpus of inputs producers actually feed the tool. Each gets one line naming the file and the problem, the
/// documented exit code, no stack trace, and a show folder that is byte-identical afterwards.
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string, ExitCode, string> Corpus => new()
    {
        { "missing", ExitCode.InputNotFound, "no such file" },
        { "directory", ExitCode.InvalidInput, "is a directory" },
        { "empty", ExitCode.InvalidInput, "the file is empty" },
        { "truncated-mp3", ExitCode.InvalidInput, "cut off" },
        { "random-bytes", ExitCode.InvalidInput, "not WAV, MP3" },
        { "random-bytes-with-mp3-sync", ExitCode.InvalidInput, "MP3" },
        { "alaw-wav", ExitCode.InvalidInput, "is not supported" },
        { "half-second", ExitCode.InvalidInput, "at least 1 s" },
        { "broken-wav-header", ExitCode.InvalidInput, "WAV" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void EveryBadInputGetsOneLineItsExitCodeAndChangesNothing(string kind, ExitCode expected, string message)
    {
        using var show = new TempShow();
        SeedOneEpisode(show);
        var input = BadInputs.Make(kind, Path.Combine(Path.GetDirectoryName(show.Root)!, "inputs"));
        var before = show.Snapshot();

        var result = PodcastCli.Run("publish", input, "--show", show.Root, "--transcript", SampleTranscript);

        AssertOneLineError(result, expected, message, Path.GetFileName(input));
        Assert.Equal(before, show.Snapshot());
    }

    [Fact]
    public void AnUnreadableFileIsRefusedByName()
    {
        using var show = new TempShow();
        var input = Path.Combine(Path.GetDirectoryName(show.Root)!, "locked.mp3");
        File.Copy(Fixtures.JfkMp3, input);
        File.SetUnixFileMode(input, UnixFileMode.None);
        var before = show.Snapshot();

        var result = AsUnprivilegedUser.Run(show, "publish", input, "--show", show.Root, "--transcript", SampleTranscript);

        AssertOneLineError(result, ExitCode.InvalidInput, "permission denied", "locked.mp3");
        Assert.Equal(before, show.Snapshot());
    }

    [Fact]
    public void AnUnwritableShowFolderIsRefusedAndLeftAsItWas()
    {
        using var show = new TempShow();
        SeedOneEpisode(show);
        AsUnprivilegedUser.MakeReadOnlyTree(show.Root);
        var before = show.Snapshot();

        var result = AsUnprivilegedUser.Run(show, "publish", Fixtures.JfkMp3, "--show", show.Root, "--transcript", SampleTranscript);

        AssertOneLineError(result, ExitCode.WriteFailed, "permission denied", show.Root);
        Assert.Equal(before, show.Snapshot());
    }

    [Fact]
    public void AFullDiskFailsCleanlyAndLeavesTheFeedAsItWas()
    {
        using var disk = SmallDisk.Mount(kilobytes: 1200);
        var root = Path.Combine(disk.Path, "show");
        Directory.CreateDirectory(root);
        File.Copy(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml"), Path.Combine(root, "show.yml"));
        var first = PodcastCli.Run("publish", Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.mp3"), "--show", root, "--transcript", SampleTranscript);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var feed = File.ReadAllBytes(Path.Combine(root, "feed.xml"));

        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", root, "--transcript", SampleTranscript);
        var result2 = PodcastCli.Run("publish", Fixtures.CallMp3, "--show", root, "--transcript", SampleTranscript);

        AssertOneLineError(result2, ExitCode.WriteFailed, "the disk is full", root);
        Assert.True(result.ExitCode is 0 or (int)ExitCode.WriteFailed, result.Stderr);
        FeedAssert.IsCompleteAndValid(root);
        if (result.ExitCode != 0)
            Assert.Equal(feed, File.ReadAllBytes(Path.Combine(root, "feed.xml")));
        Assert.Empty(Directory.EnumerateFiles(root, "*.podcast-tmp", SearchOption.AllDirectories));
    }

    internal static string SampleTranscript => Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt");

    internal static void SeedOneEpisode(TempShow show)
    {
        var seeded = PodcastCli.Run("publish", Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.mp3"), "--show", show.Root, "--transcript", SampleTranscript);
        Assert.True(seeded.ExitCode == 0, seeded.Stderr);
    }

    internal static void AssertOneLineError(CliResult result, ExitCode expected, string message, string names)
    {
        Assert.True((int)expected == result.ExitCode, $"exit {result.ExitCode}, expected {(int)expected}: {result.Stderr}");
        // Progress lines may come before it; the error itself is one line, and nothing else is an error.
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("podcast: error: ", StringComparison.Ordinal));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Contains(names, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
