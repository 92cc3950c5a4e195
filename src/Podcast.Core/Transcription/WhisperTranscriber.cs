using System.Diagnostics;
using Podcast.Decoding;
using Whisper.net;

namespace Podcast.Transcription;

/// <summary>
/// Whisper.net over whisper.cpp's native runtime, with token timestamps so every word keeps its time. A long
/// recording is transcribed in the pieces <see cref="TranscriptionChunks"/> plans, one after another on one Whisper
/// state, so memory holds one piece.
/// </summary>
/// <param name="longest">The longest piece handed to Whisper at once (tests shorten it to cut a short call).</param>
internal sealed class WhisperTranscriber(TimeSpan? longest = null) : ITranscriber
{
    /// <summary>
    /// How many candidates greedy decoding samples when a window falls back to a higher temperature (whisper.cpp's
    /// default is five). A window falls back when whisper.cpp rejects its decode (no timestamp, a repetition loop, a
    /// low likelihood); with one candidate each fallback costs one more decode of that window, where five made it five
    /// times slower and 40 MB heavier, for the same words on the fixture call (bench/profile.md).
    /// </summary>
    internal const int FallbackCandidates = 1;

    /// <summary>The environment variable in which the producer turns flash attention on (1) or off (0).</summary>
    internal const string FlashAttentionVariable = "PODCAST_FLASH_ATTENTION";

    /// <summary>
    /// On, by measurement (bench/flash.sh, bench/flash.md: the fixture call, its 10-minute loop, JFK and our two espeak
    /// calls, with and without, after the vocabulary pass): with flash attention every call's WER was lower or equal
    /// and as many names or more were right. It saves about 13% of Whisper's CPU time and 100 MB at the peak
    /// (bench/profile.md), and whisper.cpp's own CLI runs with it. The producer may turn it off
    /// (<see cref="FlashAttentionVariable"/>=0); transcription.json records which ran.
    /// </summary>
    internal const bool FlashAttentionByDefault = true;

    /// <summary>The producer's choice of flash attention from <see cref="FlashAttentionVariable"/>'s value; unset or
    /// anything but 1/0 (true/false, on/off) gives <see cref="FlashAttentionByDefault"/>.</summary>
    internal static bool FlashAttentionFrom(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "1" or "TRUE" or "ON" => true,
        "0" or "FALSE" or "OFF" => false,
        _ => FlashAttentionByDefault,
    };

    public async Task<Transcript> TranscribeAsync(ISampleSource samples, TranscriptionRequest request, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(request);
        // Whisper's model and state are the peak of a publish: what the stages before it left on the managed heap is
        // given back to the system first (an aggressive collection decommits the freed memory).
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        WhisperFactory factory;
        try
        {
            factory = WhisperFactory.FromPath(request.ModelPath, new WhisperFactoryOptions { UseFlashAttention = request.FlashAttention });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw PodcastException.ModelUnavailable($"{request.ModelPath}: not a Whisper ggml model ({e.Message})", e);
        }

        using (factory)
        {
            var chunks = TranscriptionChunks.Plan(samples, longest ?? TranscriptionChunks.Longest, cancellationToken);
            var clock = Stopwatch.StartNew();
            var eta = new TranscriptionEta();
            var chunk = chunks[0];
            var builder = factory.CreateBuilder()
                .WithLanguage(request.Language)
                .WithThreads(request.Threads)
                .WithTokenTimestamps()
                .WithProbabilities()
                .WithProgressHandler(percent =>
                {
                    // Whisper reports its progress through the piece it is on; the producer sees the whole recording's.
                    var fraction = samples.Length == 0 ? 1 : Math.Clamp((chunk.Start + (percent / 100.0 * chunk.Length)) / samples.Length, 0, 1);
                    progress?.Report(new StageProgress("transcribe", fraction, eta.Left(fraction, clock.Elapsed)));
                });
            if (!string.IsNullOrWhiteSpace(request.Prompt))
                builder = builder.WithPrompt(request.Prompt);
            // Greedy unless asked: beam search is several times slower for about a point of WER (README).
            builder = request.BeamSize > 1
                ? builder.WithBeamSearchSamplingStrategy(b => b.WithBeamSize(request.BeamSize))
                : builder.WithGreedySamplingStrategy(g => g.WithBestOf(FallbackCandidates));

            await using var processor = builder.Build();
            var segments = new List<TranscriptSegment>();
            // One buffer for every piece: a new 19 MB array per piece would wait for a full collection to be freed.
            var buffer = new float[chunks.Max(c => c.Length)];
            foreach (var piece in chunks)
            {
                chunk = piece;
                var offset = piece.Offset;
                samples.Read(piece.Start, buffer.AsSpan(0, piece.Length));
                await foreach (var segment in processor.ProcessAsync(buffer.AsMemory(0, piece.Length), cancellationToken).ConfigureAwait(false))
                {
                    var text = segment.Text.Trim();
                    if (text.Length == 0)
                        continue;
                    segments.Add(new TranscriptSegment(segment.Start + offset, segment.End + offset, text)
                    {
                        Words = [.. WhisperWords.From(segment).Select(w => w with { Start = w.Start + offset, End = w.End + offset })],
                    });
                }
            }

            progress?.Report(new StageProgress("transcribe", 1, TimeSpan.Zero));
            return new Transcript(segments, request.Language);
        }
    }
}
