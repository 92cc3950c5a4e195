using NAudio.Wave;
using Podcast.Decoding;
using Podcast.Storage;

namespace Podcast.Mastering;

/// <summary>
/// Masters a recording to a podcast MP3 in streaming passes over the decoded audio: measure its loudness; rehearse
/// (cheap passes over a sample of it, without writing anything) to find the gain and the limiter's ceiling; then gain
/// it, hold its true peak under the ceiling with a look-ahead limiter and encode with libmp3lame, once unless the
/// encode still misses. Memory stays bounded whatever the length; the output is as long as the input, sample for sample.
/// </summary>
internal sealed class LameMastering : IMasteringStage
{
    /// <summary>
    /// How far under the ceiling (less the safety margin) the limiter aims at least: MP3 coding rings a little around
    /// sharp peaks, so the encoded file's true peak lands somewhat above the PCM's.
    /// </summary>
    internal const double EncodingHeadroomDb = 0.2;


    /// <summary>How close to the target the encoded file must measure to be kept at the first attempt.</summary>
    internal const double LoudnessToleranceLu = 0.2;

    /// <summary>How far under the ceiling the encoded file's true peak must measure to be kept at the first attempt.</summary>
    internal const double PeakSafetyDb = 0.1;

    /// <summary>The first encode and at most two corrected ones.</summary>
    internal const int MaximumEncodes = 3;

    /// <summary>How much further than the excess a peak that rang over the ceiling lowers the limiter's ceiling there.</summary>
    internal const double RingingMarginDb = 0.3;

    /// <summary>Limiter passes without the encoder, to find the gain before an encode.</summary>
    internal const int MaximumRehearsals = 5;

    /// <summary>
    /// How many ten-second stretches a rehearsal limits (six minutes): what the limiter takes is an average over
    /// thousands of peaks, which that many stretches measure to a few hundredths of a LU at any length.
    /// </summary>
    internal const int RehearsalStretches = 36;

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

    /// <summary>
    /// Anything the decoder opens can be encoded. The plan is the recording's loudness and the rehearsals' gain and
    /// ceiling: all the passes that write nothing, so that only the encode is left for <see cref="MasterAsync"/>.
    /// </summary>
    public Task<MasteringPlan> PlanAsync(IAudioDecoder decoder, AudioInfo source, MasteringOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        return Task.Run(() =>
        {
            var before = Measure(decoder, source, null, cancellationToken);
            return new MasteringPlan(source, options, before) { Rehearsed = Tune(decoder, source, options, before, null, cancellationToken) };
        }, cancellationToken);
    }

    public Task<MasteredAudio> MasterAsync(IAudioDecoder decoder, MasteringPlan plan, string outputPath, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(plan);
        return Task.Run(() => Master(decoder, plan, outputPath, progress, cancellationToken), cancellationToken);
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

    private MasteredAudio Master(IAudioDecoder decoder, MasteringPlan plan, string outputPath, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        var (source, options) = (plan.Source, plan.Options);
        var rate = Mp3SampleRate(source.SampleRate);

        // Progress in units of one plain decode: an encode costs about three, a rehearsal about half of one. Whatever
        // the plan did is not counted: it ran earlier, beside other stages.
        var meter = new PassProgress(progress, Math.Max(1, source.Duration.TotalSeconds * rate), (plan.Before is null ? 1 : 0) + EncodeCost);
        var tuning = plan.Rehearsed?.Copy() ?? Tune(decoder, source, options, plan.Before ?? MeasureCounted(decoder, source, meter, cancellationToken), meter, cancellationToken);

        // Every encode is measured as LAME decodes it. One whose peaks rang over the ceiling after all is encoded
        // again with the limiter's ceiling lowered, by what it rang over and a margin, only around those moments
        // (the loudness barely moves); one that misses the target is rehearsed and encoded again with the
        // rehearsals' prediction corrected by what they missed.
        var encodes = 0;
        var dips = new DipMap(rate);
        Encoded encoded;
        while (true)
        {
            var dipped = dips.ToDips();
            encoded = Encode(decoder, source, outputPath, tuning.GainDb, tuning.CeilingDb, dipped, meter.Pass(EncodeCost), cancellationToken);
            encodes++;
            meter.Done(EncodeCost);
            var after = encoded.Loudness;
            tuning.Passes.Add(new MasteringPass(MasteringPass.Encode, tuning.GainDb, tuning.CeilingDb, after.IntegratedLufs, after.TruePeakDbtp, dipped.Count));
            var loudnessError = options.TargetLufs - after.IntegratedLufs;
            var peakExcess = after.TruePeakDbtp - (options.TruePeakCeilingDbtp - PeakSafetyDb);
            if (encodes == MaximumEncodes || tuning.Silent || (Math.Abs(loudnessError) <= LoudnessToleranceLu && peakExcess <= 0))
                break;
            meter.Add(EncodeCost);
            if (peakExcess > 0)
            {
                dips.Deepen(encoded.Peaks, options.TruePeakCeilingDbtp - PeakSafetyDb, RingingMarginDb);
            }
            else
            {
                tuning.BiasLu -= loudnessError;
                Rehearse(tuning, decoder, source, options, meter, cancellationToken);
            }
        }

        meter.Finish();
        return new MasteredAudio(outputPath, "audio/mpeg", TimeSpan.FromSeconds((double)encoded.Frames / rate), tuning.Before, encoded.Loudness, Passes: [.. tuning.Passes]);
    }

    private LoudnessReport MeasureCounted(IAudioDecoder decoder, AudioInfo source, PassProgress meter, CancellationToken cancellationToken)
    {
        var before = Measure(decoder, source, meter.Pass(1), cancellationToken);
        meter.Done(1);
        return before;
    }

    /// <summary>The gain and ceiling for <paramref name="before"/>, rehearsed unless the recording is silent.</summary>
    private Rehearsal Tune(IAudioDecoder decoder, AudioInfo source, MasteringOptions options, LoudnessReport before, PassProgress? meter, CancellationToken cancellationToken)
    {
        var tuning = new Rehearsal(before, GainDb(before, options), LimiterCeilingDb(options, 0));
        if (!tuning.Silent)
            Rehearse(tuning, decoder, source, options, meter, cancellationToken);
        return tuning;
    }

    /// <summary>
    /// The limiter takes loudness off the peaks it holds down (about half a dB for each dB of gain on the fixture
    /// call) and MP3 coding takes some more (0.4 LU there). Both are found before an encode: rehearsals run the
    /// limiter without the encoder, measuring what it lets through, and the gain follows the secant of the last two
    /// until the predicted file is on target. The first rehearsal also encodes excerpts, to learn what MP3 coding
    /// takes and how far it rings over the limiter's ceiling; the ceiling is lowered by that once.
    /// </summary>
    private void Rehearse(Rehearsal tuning, IAudioDecoder decoder, AudioInfo source, MasteringOptions options, PassProgress? meter, CancellationToken cancellationToken)
    {
        for (var rehearsal = 1; rehearsal <= MaximumRehearsals; rehearsal++)
        {
            meter?.Add(RehearsalCost);
            var (limited, learned) = Rehearse(decoder, source, tuning.Before, tuning.GainDb, tuning.CeilingDb, tuning.Coding is null, meter?.Pass(RehearsalCost) ?? (_ => { }), cancellationToken);
            meter?.Done(RehearsalCost);
            tuning.Coding ??= learned;
            var coding = tuning.Coding!.Value;
            var predicted = limited - coding.LossLu + tuning.BiasLu;
            tuning.Passes.Add(new MasteringPass(MasteringPass.Rehearsal, tuning.GainDb, tuning.CeilingDb, predicted, tuning.CeilingDb + coding.OvershootDb));
            var error = options.TargetLufs - predicted;
            var ceiling = LimiterCeilingDb(options, coding.OvershootDb);
            if (learned is not null && ceiling < tuning.CeilingDb - 0.05)
            {
                // A lower ceiling takes more loudness at every gain: the curve moves, its slope stays about the same.
                tuning.CeilingDb = ceiling;
                tuning.GainDb = tuning.Secant.Next(tuning.GainDb, predicted, error);
                tuning.Secant.KeepOnlySlope();
                continue;
            }

            if (Math.Abs(error) <= LoudnessToleranceLu / 2)
                break;
            tuning.GainDb = tuning.Secant.Next(tuning.GainDb, predicted, error);
        }
    }

    /// <summary>The recording's loudness, as the encoder will take it.</summary>
    private LoudnessReport Measure(IAudioDecoder decoder, AudioInfo source, Action<long>? report, CancellationToken cancellationToken)
    {
        using var audio = Open(decoder, source);
        return LoudnessMeter.Measure(Prepare(audio.Samples), report, cancellationToken);
    }

    /// <summary>Where the limiter holds the peaks so that the encoded file stays under the show's ceiling.</summary>
    private static double LimiterCeilingDb(MasteringOptions options, double overshootDb) =>
        options.TruePeakCeilingDbtp - PeakSafetyDb - Math.Max(EncodingHeadroomDb, overshootDb);

    /// <summary>
    /// One pass without writing anything: decode, gain and limit a sample of the recording (all of a short one, else
    /// ten-second stretches spread over it), and measure what the limiter took, which gives the loudness of the
    /// limited recording. With <paramref name="code"/>, each stretch also goes through LAME and its decoder on its
    /// own, so what MP3 coding does is known too.
    /// </summary>
    private (double LimitedLufs, Coding? Coding) Rehearse(IAudioDecoder decoder, AudioInfo source, LoudnessReport before, double gainDb, double ceilingDb, bool code, Action<long> report, CancellationToken cancellationToken)
    {
        using var audio = Open(decoder, source);
        var prepared = Prepare(audio.Samples);
        var plan = new ExcerptPlan(source.Duration, prepared.WaveFormat.SampleRate, RehearsalStretches);
        var sample = new MeteredSampleProvider(new ExcerptSampleProvider(prepared, plan), truePeak: false);
        var limited = new TruePeakLimiter(sample, gainDb, ceilingDb);
        var format = limited.WaveFormat;
        var whole = new LoudnessMeter(format.SampleRate, format.Channels, truePeak: false);
        var stretch = (long)(ExcerptPlan.Seconds * format.SampleRate);
        var coded = new List<(LoudnessReport Pcm, LoudnessReport Coded)>();
        CodedExcerpt? excerpt = null;
        var excerptIndex = -1;
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
                for (var at = 0; code && at < read / format.Channels;)
                {
                    // Each stretch is encoded on its own, from its own start: a join would be a click for LAME to ring at.
                    var index = (int)Math.Min(plan.Count - 1, (frames + at) / stretch);
                    // Never zero inside the plan; the guard keeps a frame past its last stretch from looping forever.
                    var take = (int)Math.Min((read / format.Channels) - at, ((index + 1) * stretch) - (frames + at));
                    if (take <= 0)
                        take = (read / format.Channels) - at;
                    if (index != excerptIndex)
                    {
                        // One encoder at a time: each holds a few hundred kilobytes.
                        if (excerpt is not null)
                            coded.Add(excerpt.Finish());
                        excerpt?.Dispose();
                        excerpt = new CodedExcerpt(_lame, format, _settings);
                        excerptIndex = index;
                    }

                    excerpt!.Write(block[(at * format.Channels)..((at + take) * format.Channels)]);
                    at += take;
                }

                frames += read / format.Channels;
                report(plan.SourceFrame(frames));
            }

            // The gain and what the limiter took are the sample's, limited against raw, and apply to the whole
            // recording; MP3 coding takes what it took from the stretches, power for power.
            var limitedLufs = before.IntegratedLufs + (whole.Report().IntegratedLufs - sample.Meter.Report().IntegratedLufs);
            if (excerpt is not null)
                coded.Add(excerpt.Finish());
            var measured = coded.Where(e => e.Pcm.IntegratedLufs > LoudnessMeter.AbsoluteGateLufs).ToList();
            if (measured.Count == 0)
                return (limitedLufs, code ? new Coding(0, 0) : null);
            var codingLoss = 10 * Math.Log10(measured.Sum(e => LoudnessMeter.Power(e.Pcm.IntegratedLufs)) / measured.Sum(e => LoudnessMeter.Power(e.Coded.IntegratedLufs)));
            var stretches = Math.Max(measured.Count, source.Duration.TotalSeconds / ExcerptPlan.Seconds);
            return (limitedLufs, new Coding(codingLoss, PeakOvershoot.OfLargest([.. measured.Select(e => e.Coded.TruePeakDbtp - ceilingDb)], stretches)));
        }
        finally
        {
            excerpt?.Dispose();
        }
    }

    /// <summary>
    /// What MP3 coding does to the limited recording, from a rehearsal's coded stretches: the loudness it takes, and
    /// how far above the limiter's ceiling it is predicted to push the file's largest true peak.
    /// </summary>
    internal readonly record struct Coding(double LossLu, double OvershootDb);

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
    private Encoded Encode(IAudioDecoder decoder, AudioInfo source, string outputPath, double gainDb, double ceilingDb, IReadOnlyList<CeilingDip> dips, Action<long> report, CancellationToken cancellationToken)
    {
        using var audio = Open(decoder, source);
        var limited = new TruePeakLimiter(Prepare(audio.Samples), gainDb, ceilingDb, dips: dips);
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
        return new Encoded(frames, monitor.Report(), monitor.SubBlockPeaks);
    }

    /// <param name="Peaks">The encoded file's true peak in each 100 ms, as LAME decodes it (a little late: the codec's delay).</param>
    private readonly record struct Encoded(long Frames, LoudnessReport Loudness, IReadOnlyList<float> Peaks);

    /// <summary>
    /// How much lower than the limiter's ceiling each 100 ms of the recording must be held, built up from the encodes
    /// that rang over the show's ceiling there.
    /// </summary>
    private sealed class DipMap(int sampleRate)
    {
        private readonly Dictionary<int, double> _depths = [];
        private readonly int _subBlock = sampleRate / 10;

        /// <summary>
        /// Lowers the ceiling around every 100 ms whose peak went over <paramref name="limitDbtp"/>, by the excess and
        /// <paramref name="marginDb"/>, from the 100 ms before to the 100 ms after (the codec delays what it decodes).
        /// </summary>
        public void Deepen(IReadOnlyList<float> peaks, double limitDbtp, double marginDb)
        {
            var deeper = new Dictionary<int, double>();
            for (var k = 0; k < peaks.Count; k++)
            {
                var excess = (20 * Math.Log10(Math.Max(peaks[k], 1e-9f))) - limitDbtp;
                if (excess <= 0)
                    continue;
                for (var j = Math.Max(0, k - 1); j <= k + 1; j++)
                    deeper[j] = Math.Max(deeper.GetValueOrDefault(j), excess + marginDb);
            }

            foreach (var (block, depth) in deeper)
                _depths[block] = _depths.GetValueOrDefault(block) + depth;
        }

        public IReadOnlyList<CeilingDip> ToDips() =>
            [.. _depths.OrderBy(d => d.Key).Select(d => new CeilingDip((long)d.Key * _subBlock, ((long)d.Key + 1) * _subBlock, d.Value))];
    }

    /// <summary>
    /// The next gain from the last two (gain, loudness) points, or from the last slope seen when there is one point.
    /// Gain can only lose loudness to the limiter, never add it, so the slope is at most 1; below 0.2 the limiter is
    /// doing nearly all the work and more gain would only distort.
    /// </summary>
    internal sealed class Secant
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

        public Secant Copy() => (Secant)MemberwiseClone();
    }

    /// <summary>
    /// What the passes that write nothing found, and what later ones continue from: the recording's loudness, the
    /// gain and limiter ceiling, what MP3 coding takes, the correction an encode that missed taught, and every pass.
    /// A plan carries it from <see cref="PlanAsync"/> to <see cref="MasterAsync"/>, which works on a copy.
    /// </summary>
    internal sealed class Rehearsal(LoudnessReport before, double gainDb, double ceilingDb)
    {
        public LoudnessReport Before { get; } = before;

        public bool Silent => Before.IntegratedLufs <= LoudnessMeter.AbsoluteGateLufs;

        public double GainDb { get; set; } = gainDb;

        public double CeilingDb { get; set; } = ceilingDb;

        public Coding? Coding { get; set; }

        public double BiasLu { get; set; }

        public Secant Secant { get; private init; } = new();

        public List<MasteringPass> Passes { get; private init; } = [];

        public Rehearsal Copy() => new(Before, GainDb, CeilingDb) { Coding = Coding, BiasLu = BiasLu, Secant = Secant.Copy(), Passes = [.. Passes] };
    }

    /// <summary>
    /// Mastering's progress in units of one plain decode. A pass added once work is under way (a corrected encode, a
    /// rehearsal) spreads what is left of the bar over what is left of the work, so the bar never runs backwards.
    /// </summary>
    private sealed class PassProgress(IProgress<StageProgress>? progress, double expectedFrames, double work)
    {
        private double _work = work;
        private double _done;
        private double _from;
        private double _shownAtFrom;
        private double _shown;

        /// <summary>The report for a pass of <paramref name="cost"/> now running, from the source frames it has read.</summary>
        public Action<long> Pass(double cost) => frames => Show(_done + (cost * Math.Min(1, frames / expectedFrames)));

        public void Done(double cost)
        {
            _done += cost;
            Show(_done);
        }

        public void Add(double cost)
        {
            _from = _done;
            _shownAtFrom = _shown;
            _work += cost;
        }

        public void Finish() => progress?.Report(new StageProgress("master", 1));

        private void Show(double done)
        {
            _shown = Math.Max(_shown, Math.Min(1, _shownAtFrom + ((1 - _shownAtFrom) * (done - _from) / Math.Max(1e-9, _work - _from))));
            progress?.Report(new StageProgress("master", _shown));
        }
    }
}
