using System.Text.Json.Nodes;
using Podcast.Models;
using Podcast.Shows;
using Podcast.Speakers;
using Podcast.Tests.Support;

namespace Podcast.Tests.Speakers;

/// <summary>The show's <c>voices.json</c>: what it keeps, how it is replaced, and what it refuses.</summary>
public sealed class VoiceStoreTests
{
    private static readonly VoiceModel Model = VoiceModel.Of(ModelCatalogue.SpeakerEmbedding);

    private static StoredVoice Voice(string name, string role = "host", float seed = 1)
    {
        var vector = Enumerable.Range(0, DVectorEmbedder.Dimensions).Select(i => MathF.Sin((i + 1) * seed)).ToArray();
        Vectors.Normalise(vector);
        return new StoredVoice
        {
            Name = name,
            Role = role,
            Model = Model,
            SpeechSeconds = 12.5,
            Enrolled = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero),
            Vector = vector,
        };
    }

    [Fact]
    public void VoicesSurviveARoundTripNumberForNumber()
    {
        using var show = new TempShow();
        var folder = new ShowFolder(show.Root);
        var voices = new[] { Voice("Alessandria Masi"), Voice("Hassan Hassan", "guest", 2) };

        VoiceStore.Save(folder, voices);
        var loaded = VoiceStore.Load(folder);

        Assert.Equal(2, loaded.Count);
        for (var i = 0; i < voices.Length; i++)
        {
            Assert.Equal(voices[i].Name, loaded[i].Name);
            Assert.Equal(voices[i].Role, loaded[i].Role);
            Assert.Equal(voices[i].Model, loaded[i].Model);
            Assert.Equal(voices[i].SpeechSeconds, loaded[i].SpeechSeconds);
            Assert.Equal(voices[i].Enrolled, loaded[i].Enrolled);
            Assert.Equal(voices[i].Vector, loaded[i].Vector);
        }

        var enrolled = VoiceStore.Enrolled(folder, ModelCatalogue.SpeakerEmbedding);
        Assert.Equal(["Alessandria Masi", "Hassan Hassan"], enrolled.Select(v => v.Name));
        Assert.Equal("guest", enrolled[1].Role);
        Assert.DoesNotContain(Directory.EnumerateFiles(show.Root), f => f.EndsWith(Storage.AtomicFile.TempSuffix, StringComparison.Ordinal));
    }

    [Fact]
    public void AShowWithoutTheFileHasNoVoicesAndRemovingTheLastDeletesIt()
    {
        using var show = new TempShow();
        var folder = new ShowFolder(show.Root);
        Assert.Empty(VoiceStore.Load(folder));

        VoiceStore.Save(folder, [Voice("A")]);
        Assert.True(File.Exists(VoiceStore.PathIn(folder)));
        VoiceStore.Save(folder, []);
        Assert.False(File.Exists(VoiceStore.PathIn(folder)));
    }

    [Fact]
    public void EnrollingANameAgainReplacesItWhateverItsCase()
    {
        var first = VoiceStore.With([], Voice("Alessandria Masi"));
        var both = VoiceStore.With(first, Voice("Hashem Osseiran", seed: 2));
        var replaced = VoiceStore.With(both, Voice("alessandria masi", seed: 3));

        Assert.Equal(2, replaced.Count);
        Assert.Equal("alessandria masi", replaced[0].Name);
        Assert.Equal(Voice("x", seed: 3).Vector, replaced[0].Vector);
    }

    [Fact]
    public void PrintsFromAnotherSpeakerModelAreRefusedNamingThePeopleAndTheFix()
    {
        using var show = new TempShow();
        var folder = new ShowFolder(show.Root);
        VoiceStore.Save(folder, [Voice("Alessandria Masi") with { Model = new VoiceModel("old-encoder.onnx", new string('a', 64)) }, Voice("Hashem Osseiran")]);

        var e = Assert.Throws<PodcastException>(() => VoiceStore.Enrolled(folder, ModelCatalogue.SpeakerEmbedding));

        Assert.Equal(ExitCode.ShowInvalid, e.Code);
        Assert.Contains("\"Alessandria Masi\" was enrolled with old-encoder.onnx", e.Message, StringComparison.Ordinal);
        Assert.Contains(ModelCatalogue.SpeakerEmbedding.FileName, e.Message, StringComparison.Ordinal);
        Assert.Contains("podcast voices enroll", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hashem", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    public static TheoryData<string, string> Damaged() => new()
    {
        { "{ not json", "not valid JSON" },
        { "{}", "no \"voices\" list" },
        { "[1, 2]", "not valid JSON" },
        { Edit(v => v["name"] = "  "), "has no name" },
        { Edit(v => v["role"] = "producer"), "role \"producer\"" },
        { Edit(v => v["vector"] = new JsonArray(1, 2, 3)), "no voice print of 256 numbers" },
        { Edit(v => v["vector"] = new JsonArray([.. Enumerable.Range(0, 256).Select(_ => (JsonNode?)JsonValue.Create(0))])), "no voice print of 256 numbers" },
        { Edit(v => v.Remove("model")), "not valid JSON" },
        { Edit(v => v["model"]!["sha256"] = ""), "does not say which speaker model" },
        { Twice(), "enrolled twice" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void ADamagedFileIsRefusedWithOneLineNamingTheProblem(string content, string problem)
    {
        using var show = new TempShow();
        var folder = new ShowFolder(show.Root);
        File.WriteAllText(VoiceStore.PathIn(folder), content);

        var e = Assert.Throws<PodcastException>(() => VoiceStore.Load(folder));

        Assert.Equal(ExitCode.ShowInvalid, e.Code);
        Assert.StartsWith(VoiceStore.PathIn(folder), e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    private static string Valid()
    {
        using var show = new TempShow();
        var folder = new ShowFolder(show.Root);
        VoiceStore.Save(folder, [Voice("A")]);
        return File.ReadAllText(VoiceStore.PathIn(folder));
    }

    private static string Edit(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Valid())!;
        edit(root["voices"]![0]!.AsObject());
        return root.ToJsonString();
    }

    private static string Twice()
    {
        var root = JsonNode.Parse(Valid())!;
        var voices = root["voices"]!.AsArray();
        voices.Add(voices[0]!.DeepClone());
        voices[1]!["name"] = "a";
        return root.ToJsonString();
    }
}
