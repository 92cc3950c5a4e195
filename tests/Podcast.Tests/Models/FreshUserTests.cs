using System.Text.Json;
using Podcast.Models;
using Podcast.Publishing;
using Podcast.Speakers;
using Podcast.Tests.Support;

namespace Podcast.Tests.Models;

/// <summary>
/// The path a new user takes: an empty model cache, none of the <c>PODCAST_*</c> model variables, every model
/// fetched from a host (here a mirror on 127.0.0.1 named by <c>PODCAST_MODELS_URL</c>), verified and cached.
/// </summary>
public sealed class FreshUserTests
{
    /// <summary>Every model variable removed; the mirror (or the unreachable one) and a cache of the test's own.</summary>
    private static Dictionary<string, string?> FreshUser(string cache, string mirror) => new()
    {
        ["XDG_CACHE_HOME"] = cache,
        [ModelCache.MirrorVariable] = mirror,
        [ModelCatalogue.WhisperEnvironmentVariable] = null,
        [ModelCatalogue.SileroVad.EnvironmentVariable!] = null,
        [ModelCatalogue.Segmentation.EnvironmentVariable!] = null,
        [ModelCatalogue.SpeakerEmbedding.EnvironmentVariable!] = null,
    };

    /// <summary>The mirror serving the published models, as they are named in the cache.</summary>
    private static ModelMirror MirrorOfTheSpeakerModels() => new ModelMirror()
        .Serve(ModelCatalogue.SileroVad.FileName, Fixtures.SileroVad)
        .Serve(ModelCatalogue.Segmentation.FileName, Fixtures.Require("models/speaker/" + ModelCatalogue.Segmentation.FileName))
        .Serve(ModelCatalogue.SpeakerEmbedding.FileName, Fixtures.Require("models/speaker/" + ModelCatalogue.SpeakerEmbedding.FileName));

    /// <summary>The file's digest in the checksum's algorithm (SHA-1 for whisper.cpp's files: what they publish).</summary>
    private static string HashOf(string path, ModelChecksum like)
    {
        using var hash = like.CreateHash();
        hash.AppendData(File.ReadAllBytes(path));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [Fact]
    public async Task AFreshInstallFetchesVerifiesAndCachesEveryModelPublishUsesAndNamesTheSpeakers()
    {
        // The Whisper file here is a conversion of base whose SHA-1 is not whisper.cpp's, so the test registers it.
        var baseModel = Fixtures.BaseModel;
        var whisper = ModelCatalogue.Whisper("base", ModelChecksum.Sha1(HashOf(baseModel, ModelChecksum.Sha1(new string('0', 40)))), new FileInfo(baseModel).Length);
        using var mirror = MirrorOfTheSpeakerModels().Serve(whisper.FileName, baseModel);
        using var cache = new TempDir();
        using var show = new TempShow();
        var models = new ModelCache(cache.Path, ModelCatalogue.Default.With(whisper), name => name == ModelCache.MirrorVariable ? mirror.BaseUrl : null);
        var request = new PublishRequest(Fixtures.CallMp3, show.Root) { Title = "The Battle Against ISIS in Deir Ezzor", Guests = ["Hassan Hassan"], ModelName = "base" };

        var result = await new PublishPipeline(PipelineStages.Default(models)).PublishAsync(request, null, null, CancellationToken.None);

        List<KnownModel> expected = [.. new[] { whisper, ModelCatalogue.SileroVad }.Concat(PipelineStages.Default(models).Speakers!.Models).Distinct()];
        Assert.Equal(expected.Select(m => m.FileName).Order(), Directory.EnumerateFiles(cache.Path).Select(Path.GetFileName).Order());
        foreach (var model in expected)
        {
            Assert.Equal(model.Checksum.Hex, HashOf(Path.Combine(cache.Path, model.FileName), model.Checksum));
            Assert.Single(mirror.Requests, model.FileName);
        }

        Assert.DoesNotContain(result.Warnings, w => w.Contains("VAD", StringComparison.Ordinal));
        var vtt = File.ReadAllText(Path.Combine(result.EpisodeDir, "transcript.vtt"));
        Assert.Contains("<v Hassan Hassan>", vtt, StringComparison.Ordinal);
        using var highlights = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.EpisodeDir, "highlights.json")));
        Assert.Contains(highlights.RootElement.GetProperty("highlights").EnumerateArray(), h => h.GetProperty("speaker").GetString() == "Hassan Hassan");
    }

    [Fact]
    public void AnUnreachableMirrorExitsFiveNamingEachModelAndLeavesThePublishedShowByteForByte()
    {
        using var cache = new TempDir();
        using var show = new TempShow();
        var sample = Path.Combine(Fixtures.RepositoryRoot, "samples");
        var first = PodcastCli.Run("publish", Path.Combine(sample, "welcome.mp3"), "--show", show.Root, "--transcript", Path.Combine(sample, "welcome.vtt"), "--title", "Welcome");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var before = show.Snapshot();

        var result = PodcastCli.Run(FreshUser(cache.Path, TestModels.UnreachableMirror), "publish", Fixtures.JfkMp3, "--show", show.Root, "--title", "Ask Not");

        Assert.Equal((int)ExitCode.ModelUnavailable, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ggml-base.en.bin", line, StringComparison.Ordinal);
        Assert.Contains(ModelCatalogue.SileroVad.FileName, line, StringComparison.Ordinal);
        Assert.Contains("podcast models download base.en silero-vad", line, StringComparison.Ordinal);
        Assert.Equal(before, show.Snapshot());
        Assert.Empty(Directory.EnumerateFiles(cache.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void SpeakersOnAFreshInstallFetchesItsModelsAndNamesTheGuest()
    {
        using var cache = new TempDir();
        using var mirror = MirrorOfTheSpeakerModels();

        var result = PodcastCli.Run(FreshUser(cache.Path, mirror.BaseUrl), "speakers", Fixtures.CallMp3,
            "--host", "Alessandria Masi", "--host", "Hashem Osseiran", "--guest", "Hassan Hassan", "--transcript", Fixtures.CallTranscript, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Contains(json.RootElement.GetProperty("turns").EnumerateArray(), t => t.GetProperty("speaker").GetString() == "Hassan Hassan");
        Assert.Contains(ModelCatalogue.SileroVad.FileName, Directory.EnumerateFiles(Path.Combine(cache.Path, "podcast", "models")).Select(Path.GetFileName));
    }

    [Fact]
    public void OnRealVoicesAFreshInstallWithNobodyNamedCountsAndSeparatesThePeople()
    {
        using var cache = new TempDir();
        using var mirror = MirrorOfTheSpeakerModels();
        var call = "fixtures/real-voices/librispeech-call/";

        var result = PodcastCli.Run(FreshUser(cache.Path, mirror.BaseUrl), "speakers", Fixtures.Require(call + "call.mp3"), "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var turns = json.RootElement.GetProperty("turns").EnumerateArray().Select(t => new SpeakerTurn(
            TimeSpan.FromSeconds(t.GetProperty("start").GetDouble()), TimeSpan.FromSeconds(t.GetProperty("end").GetDouble()),
            t.GetProperty("speaker").GetString()!, t.GetProperty("role").GetString()!)).ToList();
        Assert.Equal(3, turns.Select(t => t.Speaker).Distinct().Count());
        var (der, missed, falseAlarm, confusion) = RttmScore.Of(turns, Fixtures.Require(call + "truth.rttm"), "call");
        Assert.True(der <= 16 && confusion <= 3, $"DER {der}% (missed {missed}, false alarm {falseAlarm}, confusion {confusion})");
        var cached = Directory.EnumerateFiles(Path.Combine(cache.Path, "podcast", "models")).Select(Path.GetFileName).ToList();
        Assert.Contains(ModelCatalogue.Segmentation.FileName, cached);
        Assert.Contains(ModelCatalogue.SpeakerEmbedding.FileName, cached);
    }

    [Fact]
    public void DownloadNeededFetchesWhatPublishUsesAndNamesWhatItCouldNot()
    {
        using var cache = new TempDir();
        using var mirror = MirrorOfTheSpeakerModels();
        var environment = FreshUser(cache.Path, mirror.BaseUrl);

        var download = PodcastCli.Run(environment, "models", "download", "--needed");
        var listed = PodcastCli.Run(environment, "models", "--json");

        // The mirror has every model but the Whisper one: those are cached, and the one line names only what is missing.
        Assert.Equal((int)ExitCode.ModelUnavailable, download.ExitCode);
        var line = Assert.Single(download.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("podcast:", StringComparison.Ordinal));
        Assert.Contains("podcast models download base.en`", line, StringComparison.Ordinal);
        Assert.Equal(0, listed.ExitCode);
        using var json = JsonDocument.Parse(listed.Stdout);
        var cached = json.RootElement.GetProperty("models").EnumerateArray().Where(m => m.GetProperty("cached").GetBoolean()).Select(m => m.GetProperty("name").GetString()).ToList();
        Assert.Contains("silero-vad", cached);
        Assert.DoesNotContain("base.en", cached);
        Assert.True(json.RootElement.GetProperty("models").GetArrayLength() >= 18, "every model in the catalogue is listed, cached or not");
    }
}
