using Podcast.Decoding;

namespace Podcast.Transcription;

/// <summary>
/// How to transcribe: which model file, which language, what to tell the model about the show, and the Silero VAD
/// model that gates it (null: no speech detection, Whisper's own no-speech handling only).
/// </summary>
public sealed record TranscriptionRequest(string ModelPath, string Language, string Prompt, int Threads, int BeamSize = 0, string? SpeechModelPath = null)
{
    public static int DefaultThreads => Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// whisper.cpp's flash attention: the producer's choice in <c>PODCAST_FLASH_ATTENTION</c> (1 or 0), else
    /// <see cref="WhisperTranscriber.FlashAttentionByDefault"/>. Recorded in <c>transcription.json</c>.
    /// </summary>
    public bool FlashAttention { get; init; } = WhisperTranscriber.FlashAttentionFrom(Environment.GetEnvironmentVariable(WhisperTranscriber.FlashAttentionVariable));
}

/// <summary>Turns 16 kHz mono samples into a transcript.</summary>
public interface ITranscriber
{
    Task<Transcript> TranscribeAsync(ISampleSource samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken);
}
