using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Transcription;

/// <summary>A model file as used: its name and SHA-1, so the exact file can be found again.</summary>
public sealed record ModelFile(string File, string Sha1, long Bytes)
{
    public static ModelFile Of(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = System.IO.File.OpenRead(path);
#pragma warning disable CA5350 // Not security: SHA-1 is the identifier whisper.cpp publishes for its model files.
        var sha1 = SHA1.HashData(stream);
#pragma warning restore CA5350
        return new ModelFile(Path.GetFileName(path), Convert.ToHexStringLower(sha1), stream.Length);
    }
}

/// <summary>
/// <c>transcription.json</c> in the episode folder: everything needed to reproduce the transcript (model file and
/// its SHA-1, decoding settings, prompt, speech detection, correction threshold). <c>FallbackCandidates</c> is how many
/// candidates greedy decoding samples at each temperature it falls back to (0 for beam search);
/// <c>FlashAttention</c> whether whisper.cpp's flash attention was on (absent in records written before it was recorded).
/// </summary>
public sealed record TranscriptionRecord(
    ModelFile Model,
    string Language,
    string Decoding,
    int BeamSize,
    int Threads,
    string Prompt,
    ModelFile? SpeechDetection,
    double CorrectionThreshold,
    string Engine,
    int FallbackCandidates,
    bool? FlashAttention)
{
    public const string FileName = "transcription.json";

    private static readonly JsonSerializerOptions Json = Storage.JsonFile.Options;

    public static TranscriptionRecord For(TranscriptionRequest request, double correctionThreshold)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new TranscriptionRecord(
            ModelFile.Of(request.ModelPath),
            request.Language,
            request.BeamSize > 1 ? "beam-search" : "greedy",
            Math.Max(1, request.BeamSize),
            request.Threads,
            request.Prompt,
            request.SpeechModelPath is null ? null : ModelFile.Of(request.SpeechModelPath),
            correctionThreshold,
            $"Whisper.net {typeof(Whisper.net.WhisperFactory).Assembly.GetName().Version}",
            request.BeamSize > 1 ? 0 : WhisperTranscriber.FallbackCandidates,
            request.FlashAttention);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static TranscriptionRecord? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<TranscriptionRecord>(File.ReadAllText(path), Json) : null;
}
