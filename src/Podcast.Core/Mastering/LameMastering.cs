using NAudio.Wave;
using Podcast.Decoding;
using Podcast.Storage;

namespace Podcast.Mastering;

/// <summary>
/// Masters a recording to a podcast MP3 in two streaming passes over the decoded audio: measure its loudness, then
/// gain it to the show's target, hold its true peak under the ceiling with a look-ahead limiter and encode with
/// libmp3lame. Memory stays bounded whatever the length; the output is as long as the input, sample for sample.
/// </summary>
internal sealed class LameMastering : IMasteringStage
{
    /// <summary>
    /// How far under the ceiling the limiter aims: MP3 coding rings a little around sharp peaks, so the encoded file's
    /// true peak lands somewhat above the PCM's.
    /// </summary>
    internal const double EncodingHeadroomDb = 0.3;

    /// <summary>How close to the target the encoded file must measure to be kept at the first attempt.</summary>
    internal const double LoudnessToleranceLu = 0.2;

    /// <summary>How far under the ceiling the encoded file's true peak must measure to be kept at the first attempt.</summary>
    internal const double PeakSafetyDb = 0.1;

    /// <summary>The first encode and at most two corrected ones.</summary>
    internal const int MaximumEncodes = 3;

    /// <summary>No recording is boosted more than this; beyond it there is nothing but noise to boost.</summary>
    internal const double MaximumGainDb = 40;

    private readonly LameLibrary _lame;
    private readonly Mp3Settings _settings;

    private LameMastering(LameLibrary lame, Mp3Settings settings)
    {
        _lame = lame;
        _settings = settings;
    }

    /// <summary>The stage, or null when libmp3lame cannot be loaded.</summary>
    public static LameMastering? TryCreate(Mp3Settings? settings = null) =>
        LameLibrary.TryLoad() is { } lame ? new LameMastering(lame, settings ?? new Mp3Settings()) : null;

    /// <summary>Anything the decoder opens can be encoded.</summary>
    public void EnsureCanMaster(AudioInfo source) => ArgumentNullException.ThrowIfNull(source);

    public Task<MasteredAudio> MasterAsync(IAudioDecoder decoder, AudioInfo source, string outputPath, MasteringOptions options, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(() => Master(decoder, source, outputPath, options, progress, cancellationToken), cancellationToken);
    }

    /// <summary>The MP3 sample rate a recording is encoded at: its own when MP3 carries it, else the next one up (at most 48 kHz).</summary>
    internal static int Mp3SampleRate(int rate) => Mp3Encoder.SampleRates.FirstOrDefault(r => r >= rate, 48000);

    /// <summary>The decoded recording as the encoder takes it: one or two channels at an MP3 rate.</summary>
    internal static ISampleProvider Prepare(ISampleProvider samples)
    {
        var channels = samples.WaveFormat.Channels > 2 ? samples.ToMono() : samples;
        return channels.ResampleTo(Mp3SampleRate(samples.WaveFormat.SampleRate));
    }

    /// <summary>The gain that brings <paramref name="before"/> to the target; none for a recording with nothing above the gate.</summary>
    internal static double GainDb(LoudnessReport before, MasteringOptions options) =>
        before.IntegratedLufs <= LoudnessMeter.AbsoluteGateLufs ? 0 : Math.Min(MaximumGainDb, options.TargetLufs - before.IntegratedLufs);

    private MasteredAudio Master(IAudioDecoder decoder, AudioInfo source, string outputPath, MasteringOptions options, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var rate = Mp3SampleRate(source.SampleRate);
        var expectedFrames = Math.Max(1, source.Duration.TotalSeconds * rate);
        var passes = 2.0;
        var done = 0.0;
        void Report(long frames) => progress?.Report(new StageProgress("master", Math.Min(1, (done + Math.Min(1, frames / expectedFrames)) / passes)));

        LoudnessReport before;
        using (var audio = Open(decoder, source))
            before = LoudnessMeter.Measure(Prepare(audio.Samples), Report, cancellationToken);
        done++;

        // The limiter takes loudness off the peaks it holds down (about half a dB for each dB of gain on the fixture
        // call) and MP3 coding takes some more (0.4 LU there), so every encode is measured as LAME decodes it and,
        // when it misses the target or the ceiling, repeated with the gain corrected along the secant of the last two.
        var gainDb = GainDb(before, options);
        var ceilingDb = options.TruePeakCeilingDbtp - EncodingHeadroomDb;
        (double Gain, double Loudness)? previous = null;
        Encoded encoded;
        for (var attempt = 1; ; attempt++)
        {
            encoded = Encode(decoder, source, outputPath, gainDb, ceilingDb, Report, cancellationToken);
            done++;
            var after = encoded.Loudness;
            var loudnessError = options.TargetLufs - after.IntegratedLufs;
            var peakExcess = after.TruePeakDbtp - (options.TruePeakCeilingDbtp - PeakSafetyDb);
            var silent = before.IntegratedLufs <= LoudnessMeter.AbsoluteGateLufs;
            if (attempt == MaximumEncodes || silent || (Math.Abs(loudnessError) <= LoudnessToleranceLu && peakExcess <= 0))
                break;

            // Gain can only lose loudness to the limiter, never add it, so the slope is at most 1; below 0.2 the
            // limiter is doing nearly all the work and more gain would only distort.
            var slope = previous is { } p && Math.Abs(gainDb - p.Gain) > 0.01 ? Math.Clamp((after.IntegratedLufs - p.Loudness) / (gainDb - p.Gain), 0.2, 1) : 1;
            previous = (gainDb, after.IntegratedLufs);
            gainDb = Math.Min(MaximumGainDb, gainDb + (loudnessError / slope));
            if (peakExcess > 0)
                ceilingDb -= peakExcess;
            passes++;
        }

        progress?.Report(new StageProgress("master", 1));
        return new MasteredAudio(outputPath, "audio/mpeg", TimeSpan.FromSeconds((double)encoded.Frames / rate), before, encoded.Loudness);
    }

    /// <summary>The recording for one pass: an MP3 through LAME's decoder (several times faster), anything else through the pipeline's.</summary>
    private DecodedAudio Open(IAudioDecoder decoder, AudioInfo source)
    {
        if (source.Container != AudioContainer.Mp3)
            return decoder.Open(source.Path);
        var reader = new LameMp3Reader(_lame, source.Path, source.SampleRate, source.Channels);
        return new DecodedAudio(source, reader, reader);
    }

    /// <summary>One pass: decode, gain, limit and encode into <paramref name="outputPath"/>, measuring the encoded frames.</summary>
    private Encoded Encode(IAudioDecoder decoder, AudioInfo source, string outputPath, double gainDb, double ceilingDb, Action<long> report, CancellationToken cancellationToken)
    {
        using var audio = Open(decoder, source);
        var limited = new TruePeakLimiter(Prepare(audio.Samples), gainDb, ceilingDb);
        var format = limited.WaveFormat;
        var monitor = new LoudnessMeter(format.SampleRate, format.Channels);
        long frames = 0;
        AtomicFile.Write(outputPath, stream =>
        {
            using var encoder = new Mp3Encoder(_lame, stream, format.SampleRate, format.Channels, _settings, monitor);
            var buffer = new float[(format.SampleRate / 10) * format.Channels];
            int read;
            while ((read = limited.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                encoder.Write(buffer.AsSpan(0, read));
                frames += read / format.Channels;
                report(frames);
            }

            encoder.Finish();
        });
        return new Encoded(frames, monitor.Report());
    }

    private readonly record struct Encoded(long Frames, LoudnessReport Loudness);
}
