using System.Text.Json;
using Podcast.Tests.Support;
using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

/// <summary>Flash attention: the producer's choice over the measured default, and its record in transcription.json.</summary>
public sealed class FlashAttentionTests
{
    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData(" On ", true)]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    public void TheProducersChoiceOverridesTheDefault(string value, bool expected) =>
        Assert.Equal(expected, WhisperTranscriber.FlashAttentionFrom(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yes please")]
    public void WithoutAChoiceTheMeasuredDefaultApplies(string? value) =>
        Assert.Equal(WhisperTranscriber.FlashAttentionByDefault, WhisperTranscriber.FlashAttentionFrom(value));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TranscriptionJsonRecordsWhetherFlashAttentionWasOn(bool on)
    {
        using var dir = new TempDir();
        var model = Path.Combine(dir.Path, "ggml-test.bin");
        File.WriteAllBytes(model, [1, 2, 3]);
        var request = new TranscriptionRequest(model, "en", "A prompt.", 2) { FlashAttention = on };

        var json = TranscriptionRecord.For(request, 0.66).ToJson();
        var path = Path.Combine(dir.Path, TranscriptionRecord.FileName);
        File.WriteAllText(path, json);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(on, doc.RootElement.GetProperty("flashAttention").GetBoolean());
        Assert.Equal(on, TranscriptionRecord.Read(path)!.FlashAttention);
    }

    [Fact]
    public void ARecordWrittenBeforeFlashAttentionWasRecordedReadsAsUnknown()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, TranscriptionRecord.FileName);
        File.WriteAllText(path, """
            { "model": { "file": "ggml-base.bin", "sha1": "a816e6f4f745e42b596d1d39bcf63ed84b5b1f27", "bytes": 147951465 },
              "language": "en", "decoding": "greedy", "beamSize": 1, "threads": 2, "prompt": "", "correctionThreshold": 0.66,
              "engine": "Whisper.net 1.9.1.0", "fallbackCandidates": 1 }
            """);

        Assert.Null(TranscriptionRecord.Read(path)!.FlashAttention);
    }
}
