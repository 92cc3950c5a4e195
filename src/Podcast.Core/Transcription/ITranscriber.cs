namespace Podcast.Transcription;

/// <summary>How to transcribe: which model file, which language, and what to tell the model about the show.</summary>
public sealed record TranscriptionRequest(string ModelPath, string Language, string Prompt, int Threads, int BeamSize = 0)
{
    public static int DefaultThreads => Math.Max(1, Environment.ProcessorCount);
}

/// <summary>Turns 16 kHz mono samples into a transcript.</summary>
public interface ITranscriber
{
    Task<Transcript> TranscribeAsync(float[] samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken);
}
