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
    /// How far under the ceiling (less the safety margin) the limiter aims at least: MP3 coding rings a little around
    /// sharp peaks, so the encoded file's true peak lands somewhat above the PCM's.
    /// </summary>
    internal const double EncodingHeadroomDb = 0.2;

    /// <summary>How many ten-second excerpts of a rehearsal are encoded, to learn what MP3 coding does to loudness and peaks.</summary>
    internal const int CodedExcerpts = 24;

    /// <summary>How close to the target the encoded file must measure to be kept at the first attempt.</summary>
    internal const double LoudnessToleranceLu = 0.2;

    /// <summary>How far under the ceiling the encoded file's true peak must measure to be kept at the first attempt.</summary>
    internal const double PeakSafetyDb = 0.1;

    /// <summary>The first encode and at most two corrected ones.</summary>
    internal const int MaximumEncodes = 3;

    /// <summary>How much further than the excess a missed peak lowers the limiter's ceiling: ringing grows as the limiter works harder.</summary>
    internal const double RingingMarginDb = 0.3;

    /// <summary>Limiter passes without the encoder, to find the gain before an encode.</summary>
    internal const int MaximumRehearsals = 5;

    /// <summary>
    /// How many ten-second stretches a rehearsal limits (15 minutes): what the limiter takes is an average over
    /// thousands of peaks, which that many stretches measure to a few hundredths of a LU at any length.
    /// </summary>
    internal const int RehearsalStretches = 90;

    // What a pass costs against a plain decode and measure, for progress.
    private const double RehearsalCost = 0.5;
    private const double EncodeCost = 3;

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

        // Progress in units of one plain decode: an encode costs about three, a rehearsal about half of one.
        var work = 1.0 + EncodeCost;
        var done = 0.0;
        Action<long> Report(double cost) => frames => progress?.Report(new StageProgress("master", Math.Min(1, (done + (cost * Math.Min(1, frames / expectedFrames))) / work)));

        LoudnessReport before;
        using (var audio = Open(decoder, source))
            before = LoudnessMeter.Measure(Prepare(audio.Samples), Report(1), cancellationToken);
        done++;

        var gainDb = GainDb(before, options);
        var ceilingDb = LimiterCeilingDb(options, 0);
        var silent = before.IntegratedLufs <= LoudnessMeter.AbsoluteGateLufs;

        // The limiter takes loudness off the peaks it holds down (about half a dB for each dB of gain on the fixture
        // call) and MP3 coding takes some more (0.4 LU there). Both are found before an encode: rehearsals run the
        // limiter without the encoder, measuring what it lets through and what LAME takes from excerpts of it, and
        // the gain follows the secant of the last two until the predicted file is on target. The first rehearsal also
        // shows how far MP3 coding rings over the limiter's ceiling, and the ceiling is lowered by that once.
        var secant = new Secant();
        var bias = 0.0;
        var ceilingLearned = false;
        Encoded encoded;
        var passes = new List<MasteringPass>();
        var encodes = 0;
        while (true)
        {
            for (var rehearsal = 1; !silent && rehearsal <= MaximumRehearsals; rehearsal++)
            {
                var (predicted, overshoot) = Rehearse(decoder, source, before, gainDb, ceilingDb, Report(RehearsalCost), cancellationToken);
                predicted += bias;
                passes.Add(new MasteringPass(MasteringPass.Rehearsal, gainDb, ceilingDb, predicted, ceilingDb + overshoot));
                done += RehearsalCost;
                work += RehearsalCost;
                var error = options.TargetLufs - predicted;
                var ceiling = LimiterCeilingDb(options, overshoot);
                if (!ceilingLearned && ceiling < ceilingDb - 0.05)
                {
                    // A lower ceiling takes more loudness at every gain: the curve moves, its slope stays about the same.
                    ceilingDb = ceiling;
                    ceilingLearned = true;
                    gainDb = secant.Next(gainDb, predicted, error);
                    secant.KeepOnlySlope();
                    continue;
                }

                ceilingLearned = true;
                if (Math.Abs(error) <= LoudnessToleranceLu / 2)
                    break;
                gainDb = secant.Next(gainDb, predicted, error);
            }

            // Every encode is measured as LAME decodes it. One that misses the target after all is encoded again
            // with the rehearsals' prediction corrected by what they missed; one whose peaks rang over the ceiling
            // with the limiter's ceiling lowered by what the whole file showed, and the gain found for it again.
            encoded = Encode(decoder, source, outputPath, gainDb, ceilingDb, Report(EncodeCost), cancellationToken);
            encodes++;
            done += EncodeCost;
            var after = encoded.Loudness;
            passes.Add(new MasteringPass(MasteringPass.Encode, gainDb, ceilingDb, after.IntegratedLufs, after.TruePeakDbtp));
            var loudnessError = options.TargetLufs - after.IntegratedLufs;
            var peakExcess = after.TruePeakDbtp - (options.TruePeakCeilingDbtp - PeakSafetyDb);
            if (encodes == MaximumEncodes || silent || (Math.Abs(loudnessError) <= LoudnessToleranceLu && peakExcess <= 0))
                break;
            work += EncodeCost;
            if (peakExcess > 0)
            {
                ceilingDb -= peakExcess + RingingMarginDb;
                secant.KeepOnlySlope();
            }
            else
            {
                bias -= loudnessError;
            }
        }

        progress?.Report(new StageProgress("master", 1));
        return new MasteredAudio(outputPath, "audio/mpeg", TimeSpan.FromSeconds((double)encoded.Frames / rate), before, encoded.Loudness, Passes: passes);
    }

    /// <summary>Where the limiter holds the peaks so that the encoded file stays under the show's ceiling.</summary>
    private static double LimiterCeilingDb(MasteringOptions options, double overshootDb) =>
        options.TruePeakCeilingDbtp - PeakSafetyDb - Math.Max(EncodingHeadroomDb, overshootDb);

    /// <summary>
    /// One pass without writing anything: decode, gain and limit a sample of the recording (all of a short one, else
    /// ten-second stretches spread over it), and measure what the limiter took; two dozen excerpts of the limited sample
    /// go through LAME and its decoder, so what MP3 coding takes is known too. Returns the loudness the encoded file
    /// is predicted to have, and how far above the limiter's ceiling its true peak is predicted to go.
    /// </summary>
    private (double PredictedLufs, double OvershootDb) Rehearse(IAudioDecoder decoder, AudioInfo source, LoudnessReport before, double gainDb, double ceilingDb, Action<long> report, CancellationToken cancellationToken)
    {
        using var audio = Open(decoder, source);
        var prepared = Prepare(audio.Samples);
        var plan = new ExcerptPlan(source.Duration, prepared.WaveFormat.SampleRate, RehearsalStretches);
        var sample = new MeteredSampleProvider(new ExcerptSampleProvider(prepared, plan));
        var limited = new TruePeakLimiter(sample, gainDb, ceilingDb);
        var format = limited.WaveFormat;
        var whole = new LoudnessMeter(format.SampleRate, format.Channels);
        var coding = new ExcerptPlan(plan.Sampled, format.SampleRate, CodedExcerpts);
        var excerpts = new CodedExcerpt?[coding.Count];
        try
        {
            var buffer = new float[(format.SampleRate / 10) * format.Channels];
            long frames = 0;
            int read;
            while ((read = limited.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var block = buffer.AsSpan(0, read);
                whole.Add(block);
                var (from, to) = coding.Within(frames, read / format.Channels);
                if (to > from)
                {
                    var index = coding.IndexOf(frames + from);
                    excerpts[index] ??= new CodedExcerpt(_lame, format, _settings);
                    excerpts[index]!.Write(block[(from * format.Channels)..(to * format.Channels)]);
                }

                frames += read / format.Channels;
                report(plan.SourceFrame(frames));
            }

            // What the limiter took from the sample is taken from the whole recording; MP3 coding takes what it took
            // from the excerpts, power for power.
            var limiterLoss = sample.Meter.Report().IntegratedLufs + gainDb - whole.Report().IntegratedLufs;
            var measured = excerpts.OfType<CodedExcerpt>().Select(e => e.Finish()).Where(e => e.Pcm.IntegratedLufs > LoudnessMeter.AbsoluteGateLufs).ToList();
            if (measured.Count == 0)
                return (before.IntegratedLufs + gainDb - limiterLoss, 0);
            var codingLoss = 10 * Math.Log10(measured.Sum(e => LoudnessMeter.Power(e.Pcm.IntegratedLufs)) / measured.Sum(e => LoudnessMeter.Power(e.Coded.IntegratedLufs)));
            var stretches = Math.Max(measured.Count, source.Duration.TotalSeconds / ExcerptPlan.Seconds);
            var overshoot = PeakOvershoot.OfLargest([.. measured.Select(e => e.Coded.TruePeakDbtp - ceilingDb)], stretches);
            return (before.IntegratedLufs + gainDb - limiterLoss - codingLoss, overshoot);
        }
        finally
        {
            foreach (var excerpt in excerpts)
                excerpt?.Dispose();
        }
    }

    /// <summary>One excerpt of a rehearsal, encoded on its own and decoded again, measured on both sides.</summary>
    private sealed class CodedExcerpt : IDisposable
    {
        private readonly LoudnessMeter _pcm;
        private readonly LoudnessMeter _coded;
        private readonly MemoryStream _discard = new();
        private readonly Mp3Encoder _encoder;

        public CodedExcerpt(LameLibrary lame, WaveFormat format, Mp3Settings settings)
        {
            _pcm = new LoudnessMeter(format.SampleRate, format.Channels);
            _coded = new LoudnessMeter(format.SampleRate, format.Channels);
            _encoder = new Mp3Encoder(lame, _discard, format.SampleRate, format.Channels, settings, _coded);
        }

        public void Write(ReadOnlySpan<float> samples)
        {
            _pcm.Add(samples);
            _encoder.Write(samples);

            // The encoded bytes are only measured, never kept.
            _discard.SetLength(0);
        }

        public (LoudnessReport Pcm, LoudnessReport Coded) Finish()
        {
            _encoder.Finish();
            return (_pcm.Report(), _coded.Report());
        }

        public void Dispose()
        {
            _encoder.Dispose();
            _discard.Dispose();
        }
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

    /// <summary>
    /// The next gain from the last two (gain, loudness) points, or from the last slope seen when there is one point.
    /// Gain can only lose loudness to the limiter, never add it, so the slope is at most 1; below 0.2 the limiter is
    /// doing nearly all the work and more gain would only distort.
    /// </summary>
    private sealed class Secant
    {
        private (double Gain, double Loudness)? _previous;
        private double _slope = 1;

        public double Next(double gainDb, double loudness, double error)
        {
            if (_previous is { } p && Math.Abs(gainDb - p.Gain) > 0.01)
                _slope = Math.Clamp((loudness - p.Loudness) / (gainDb - p.Gain), 0.2, 1);
            _previous = (gainDb, loudness);
            return Math.Min(MaximumGainDb, gainDb + (error / _slope));
        }

        /// <summary>Forgets the points (they lie on another curve now) but not the slope they gave.</summary>
        public void KeepOnlySlope() => _previous = null;
    }
}
