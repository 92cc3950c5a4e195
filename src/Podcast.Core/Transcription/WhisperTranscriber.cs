using System.Diagnostics;
using Whisper.net;

namespace Podcast.Transcription;

/// <summary>
/// Whisper.net over whisper.cpp's native runtime, with token timestamps so every word keeps its time.
/// </summary>
internal sealed class WhisperTranscriber : ITranscriber
{
    public async Task<Transcript> TranscribeAsync(float[] samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(request);
        WhisperFactory factory;
        try
        {
            factory = WhisperFactory.FromPath(request.ModelPath);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PodcastException.ModelUnavailable($"{request.ModelPath}: not a Whisper ggml model ({e.Message})", e);
        }

        using (factory)
        {
            var clock = Stopwatch.StartNew();
            var builder = factory.CreateBuilder()
                .WithLanguage(request.Language)
                .WithThreads(request.Threads)
                .WithTokenTimestamps()
                .WithProbabilities()
                .WithProgressHandler(percent =>
                {
                    var fraction = Math.Clamp(percent / 100.0, 0, 1);
                    TimeSpan? left = fraction > 0.02 ? clock.Elapsed * ((1 - fraction) / fraction) : null;
                    progress?.Report(new StageProgress("transcribe", fraction, left));
                });
            if (!string.IsNullOrWhiteSpace(request.Prompt))
                builder = builder.WithPrompt(request.Prompt);
            // Greedy unless asked: beam search is several times slower for about a point of WER (README).
            builder = request.BeamSize > 1
                ? builder.WithBeamSearchSamplingStrategy(b => b.WithBeamSize(request.BeamSize))
                : builder.WithGreedySamplingStrategy(_ => { });

            await using var processor = builder.Build();
            var segments = new List<TranscriptSegment>();
            await foreach (var segment in processor.ProcessAsync(samples, cancellationToken).ConfigureAwait(false))
            {
                var text = segment.Text.Trim();
                if (text.Length == 0)
                    continue;
                segments.Add(new TranscriptSegment(segment.Start, segment.End, text) { Words = WhisperWords.From(segment) });
            }

            progress?.Report(new StageProgress("transcribe", 1, TimeSpan.Zero));
            return new Transcript(segments, request.Language);
        }
    }
}
