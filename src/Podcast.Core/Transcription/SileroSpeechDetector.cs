using Whisper.net;

namespace Podcast.Transcription;

/// <summary>
/// Silero VAD through Whisper.net's <see cref="WhisperVadFactory"/>. The model is a small ggml file, found like the
/// Whisper model (see <see cref="SileroModel"/>).
/// </summary>
public sealed class SileroSpeechDetector : ISpeechDetector
{
    private readonly string _modelPath;
    private readonly float _threshold;

    public SileroSpeechDetector(string modelPath, float threshold = 0.5f)
    {
        if (!File.Exists(modelPath))
            throw PodcastException.ModelUnavailable($"{modelPath}: no such Silero VAD model file");
        if (threshold is <= 0 or >= 1)
            throw PodcastException.InvalidArgument($"VAD threshold {threshold} must be between 0 and 1");
        _modelPath = modelPath;
        _threshold = threshold;
    }

    public IReadOnlyList<SpeechRegion> Detect(float[] samples, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        cancellationToken.ThrowIfCancellationRequested();
        using var factory = WhisperVadFactory.FromPath(_modelPath);
        using var processor = factory.CreateBuilder()
            // Silero is a small LSTM stepped 32 ms at a time: more threads only add synchronisation. whisper.cpp's
            // default of 4 made it six times slower on a 2-core machine (4.9 s against 0.8 s on the 212 s fixture call).
            .WithThreads(1)
            .WithThreshold(_threshold)
            .WithMinSpeechDuration(TimeSpan.FromMilliseconds(250))
            .WithMinSilenceDuration(TimeSpan.FromMilliseconds(300))
            .WithSpeechPadding(TimeSpan.FromMilliseconds(100))
            .Build();
        return [.. processor.DetectSpeech(samples).Select(s => new SpeechRegion(s.Start, s.End))];
    }
}

/// <summary>
/// Locates the Silero VAD ggml model: <c>PODCAST_VAD_MODEL</c>, else the model cache; download it by name into the
/// cache like the Whisper models.
/// </summary>
public static class SileroModel
{
    public const string EnvironmentVariable = "PODCAST_VAD_MODEL";
    public const string FileName = "ggml-silero-v6.2.0.bin";
    public static readonly Uri DownloadUri = new($"https://huggingface.co/ggml-org/whisper-vad/resolve/main/{FileName}");

    /// <summary>The model path if one is available locally, else null (callers then run without VAD and say so).</summary>
    public static string? Find(string cacheDirectory)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return File.Exists(fromEnvironment) ? fromEnvironment : throw PodcastException.ModelUnavailable($"{fromEnvironment}: no such Silero VAD model file (from {EnvironmentVariable})");
        var cached = Path.Combine(cacheDirectory, FileName);
        return File.Exists(cached) ? cached : null;
    }
}
