using Podcast.Decoding;
using Whisper.net;

namespace Podcast.Transcription;

/// <summary>
/// Silero VAD through Whisper.net's <see cref="WhisperVadFactory"/>. The model is a small ggml file, fetched and
/// verified like the Whisper model (<see cref="Models.ModelCatalogue.SileroVad"/>).
/// </summary>
public sealed class SileroSpeechDetector : ISpeechDetector
{
    private readonly string _modelPath;
    private readonly float _threshold;
    private readonly TimeSpan _window;

    /// <param name="window">How much of the recording is handed to the detector at once; <see cref="Window"/> unless a test shortens it.</param>
    public SileroSpeechDetector(string modelPath, float threshold = 0.5f, TimeSpan? window = null)
    {
        if (!File.Exists(modelPath))
            throw PodcastException.ModelUnavailable($"{modelPath}: no such Silero VAD model file");
        if (threshold is <= 0 or >= 1)
            throw PodcastException.InvalidArgument($"VAD threshold {threshold} must be between 0 and 1");
        _modelPath = modelPath;
        _threshold = threshold;
        _window = window ?? Window;
        if (_window < TimeSpan.FromSeconds(10))
            throw PodcastException.InvalidArgument($"VAD window {_window.TotalSeconds} s must be at least 10 s");
    }

    /// <summary>How much of the recording the detector is handed at a time: memory holds one window, not the call.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Speech this close to a window's edge on both sides of it is one region cut by the window.</summary>
    private static readonly TimeSpan AtTheEdge = TimeSpan.FromMilliseconds(200);

    public IReadOnlyList<SpeechRegion> Detect(ISampleSource samples, CancellationToken cancellationToken)
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

        // Window by window. Speech running over a window's edge comes back as two regions meeting at the edge; they
        // are joined again here, as detection over the whole recording would have kept them.
        var window = (int)(_window.TotalSeconds * SampleProviderExtensions.WhisperSampleRate);
        var regions = new List<SpeechRegion>();
        var buffer = new float[Math.Min(window, samples.Length)];
        for (var start = 0; start < samples.Length; start += window)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = TimeSpan.FromSeconds((double)start / SampleProviderExtensions.WhisperSampleRate);
            var heard = buffer.AsSpan(0, Math.Min(window, samples.Length - start));
            samples.Read(start, heard);
            var first = true;
            foreach (var found in processor.DetectSpeech(heard))
            {
                var region = new SpeechRegion(found.Start + offset, found.End + offset);
                if (first && regions.Count > 0 && regions[^1].End >= offset - AtTheEdge && region.Start <= offset + AtTheEdge)
                    regions[^1] = regions[^1] with { End = region.End };
                else
                    regions.Add(region);
                first = false;
            }
        }

        return regions;
    }
}
