using NAudio.Wave;

namespace Podcast.Mastering;

/// <summary>
/// A streaming loudness meter per ITU-R BS.1770-4 and EBU R128: integrated loudness (K-weighted, 400 ms gating blocks
/// with 75% overlap, absolute gate -70 LUFS, relative gate -10 LU), loudness range per EBU Tech 3342 (3 s short-term
/// blocks every 100 ms, gates -70 LUFS and -20 LU, 10th to 95th percentile) and true peak (4x oversampling per
/// Annex 2). Feed it interleaved float blocks of any size with <see cref="Add"/>; memory stays bounded (one double per
/// 100 ms of programme is kept for the gates).
/// </summary>
public sealed class LoudnessMeter
{
    /// <summary>The absolute gate: blocks quieter than this are silence and count for nothing.</summary>
    public const double AbsoluteGateLufs = -70;

    /// <summary>The true peak reported for digital silence, which has no finite level.</summary>
    public const double SilenceDbtp = -120;

    private const double RelativeGateLu = -10;
    private const double RangeRelativeGateLu = -20;
    private const int SubBlocksPerGatingBlock = 4;
    private const int SubBlocksPerShortTermBlock = 30;

    private readonly int _channels;
    private readonly int _sampleRate;
    private readonly double[] _weights;
    private readonly Biquad _pre;
    private readonly Biquad _highPass;
    private readonly double[] _state; // per channel: x1 x2 y1 y2 z1 z2
    private readonly TruePeak[] _peaks;
    private readonly float[] _channelPeak;

    // Energy and length of the last 30 sub-blocks of 100 ms, a ring.
    private readonly double[] _subEnergy = new double[SubBlocksPerShortTermBlock];
    private readonly long[] _subFrames = new long[SubBlocksPerShortTermBlock];
    private readonly List<double> _gatingBlocks = [];
    private readonly List<double> _shortTermBlocks = [];
    private readonly List<float> _subBlockPeaks = [];
    private float _subBlockPeak;
    private float[] _scratch = [];
    private long _subBlocks;
    private long _frames;
    private long _subBlockEnd;
    private double _energy;

    /// <param name="truePeak">False to measure loudness only: the report's true peak is then the sample peak.</param>
    public LoudnessMeter(int sampleRate, int channels, bool truePeak = true)
    {
        if (sampleRate is < 8000 or > 768000)
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "the sample rate must be 8000..768000 Hz");
        if (channels is < 1 or > 32)
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "the channel count must be 1..32");
        _sampleRate = sampleRate;
        _channels = channels;
        _weights = ChannelWeights(channels);
        _pre = KWeighting.PreFilter(sampleRate);
        _highPass = KWeighting.HighPass(sampleRate);
        _state = new double[channels * 6];
        _peaks = truePeak ? [.. Enumerable.Range(0, channels).Select(_ => new TruePeak())] : [];
        _channelPeak = new float[channels];
        _subBlockEnd = SubBlockBoundary(1);
    }

    public int SampleRate => _sampleRate;

    public int Channels => _channels;

    /// <summary>Frames (samples per channel) measured so far.</summary>
    public long Frames => _frames;

    /// <summary>The peak (linear, over all channels; the true peak unless it is not measured) of each 100 ms sub-block closed so far.</summary>
    public IReadOnlyList<float> SubBlockPeaks => _subBlockPeaks;

    /// <summary>Measures a whole stream, reading it to its end.</summary>
    public static LoudnessReport Measure(ISampleProvider source, Action<long>? onFrames = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var meter = new LoudnessMeter(source.WaveFormat.SampleRate, source.WaveFormat.Channels);
        var buffer = new float[(source.WaveFormat.SampleRate / 10) * source.WaveFormat.Channels];
        int read;
        while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            meter.Add(buffer.AsSpan(0, read));
            onFrames?.Invoke(meter.Frames);
        }

        return meter.Report();
    }

    /// <summary>Adds interleaved samples (whole frames) that follow the ones added before.</summary>
    public void Add(ReadOnlySpan<float> interleaved)
    {
        if (interleaved.Length % _channels != 0)
            throw new ArgumentException($"{interleaved.Length} samples are not whole frames of {_channels} channels", nameof(interleaved));
        var frames = interleaved.Length / _channels;
        if (_scratch.Length < frames)
            _scratch = new float[frames];

        var done = 0;
        while (done < frames)
        {
            // Up to the end of the current 100 ms sub-block, so each block's energy is exact.
            var take = (int)Math.Min(frames - done, _subBlockEnd - _frames);
            var block = interleaved.Slice(done * _channels, take * _channels);
            for (var c = 0; c < _channels; c++)
            {
                var mono = _scratch.AsSpan(0, take);
                for (var i = 0; i < take; i++)
                    mono[i] = block[(i * _channels) + c];
                // True peak is never below the sample peak, whatever the interpolator does next to an impulse.
                var peak = _peaks.Length == 0 ? SamplePeak(mono) : MathF.Max(SamplePeak(mono), _peaks[c].Process(mono));
                _channelPeak[c] = MathF.Max(_channelPeak[c], peak);
                _subBlockPeak = MathF.Max(_subBlockPeak, peak);
                if (_weights[c] != 0)
                    _energy += _weights[c] * FilteredEnergy(mono, c);
            }

            _frames += take;
            done += take;
            if (_frames == _subBlockEnd)
                CloseSubBlock();
        }
    }

    /// <summary>The figures for everything added so far.</summary>
    public LoudnessReport Report()
    {
        var peak = _channelPeak.Length == 0 ? 0f : _channelPeak.Max();
        var truePeak = peak > 0 ? Math.Max(SilenceDbtp, 20 * Math.Log10(peak)) : SilenceDbtp;
        return new LoudnessReport(Integrated(_gatingBlocks), truePeak, LoudnessRange(_shortTermBlocks));
    }

    /// <summary>Loudness (LUFS) of a mean-square K-weighted power, per BS.1770-4 equation 2.</summary>
    internal static double Lufs(double power) => -0.691 + (10 * Math.Log10(power));

    internal static double Power(double lufs) => Math.Pow(10, (lufs + 0.691) / 10);

    /// <summary>Integrated loudness of gating-block powers; <see cref="AbsoluteGateLufs"/> when none passes the gate.</summary>
    internal static double Integrated(IReadOnlyList<double> blockPowers)
    {
        var absoluteGate = Power(AbsoluteGateLufs);
        double sum = 0;
        var count = 0;
        foreach (var p in blockPowers)
        {
            if (p > absoluteGate)
            {
                sum += p;
                count++;
            }
        }

        if (count == 0)
            return AbsoluteGateLufs;
        var relativeGate = sum / count * Math.Pow(10, RelativeGateLu / 10);
        sum = 0;
        count = 0;
        foreach (var p in blockPowers)
        {
            if (p > absoluteGate && p > relativeGate)
            {
                sum += p;
                count++;
            }
        }

        return Lufs(sum / count);
    }

    /// <summary>Loudness range (LU) of short-term block powers per EBU Tech 3342.</summary>
    internal static double LoudnessRange(IReadOnlyList<double> shortTermPowers)
    {
        var absoluteGate = Power(AbsoluteGateLufs);
        var kept = shortTermPowers.Where(p => p > absoluteGate).ToList();
        if (kept.Count == 0)
            return 0;
        var relativeGate = kept.Average() * Math.Pow(10, RangeRelativeGateLu / 10);
        var loudness = kept.Where(p => p > relativeGate).Select(Lufs).Order().ToList();
        if (loudness.Count == 0)
            return 0;
        double Percentile(double p) => loudness[(int)Math.Round((loudness.Count - 1) * p, MidpointRounding.AwayFromZero)];
        return Percentile(0.95) - Percentile(0.10);
    }

    private static float SamplePeak(ReadOnlySpan<float> samples)
    {
        var peak = 0f;
        foreach (var sample in samples)
            peak = MathF.Max(peak, MathF.Abs(sample));
        return peak;
    }

    private double FilteredEnergy(ReadOnlySpan<float> samples, int channel)
    {
        var s = _state.AsSpan(channel * 6, 6);
        double x1 = s[0], x2 = s[1], y1 = s[2], y2 = s[3], z1 = s[4], z2 = s[5];
        var pre = _pre;
        var hp = _highPass;
        double energy = 0;
        foreach (var sample in samples)
        {
            double x = sample;
            var y = (pre.B0 * x) + (pre.B1 * x1) + (pre.B2 * x2) - (pre.A1 * y1) - (pre.A2 * y2);
            var z = (hp.B0 * y) + (hp.B1 * y1) + (hp.B2 * y2) - (hp.A1 * z1) - (hp.A2 * z2);
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            z2 = z1;
            z1 = z;
            energy += z * z;
        }

        s[0] = x1;
        s[1] = x2;
        s[2] = y1;
        s[3] = y2;
        s[4] = z1;
        s[5] = z2;
        return energy;
    }

    private void CloseSubBlock()
    {
        var slot = (int)(_subBlocks % SubBlocksPerShortTermBlock);
        _subEnergy[slot] = _energy;
        _subBlockPeaks.Add(_subBlockPeak);
        _subBlockPeak = 0;
        _subFrames[slot] = _subBlockEnd - SubBlockBoundary(_subBlocks);
        _energy = 0;
        _subBlocks++;
        _subBlockEnd = SubBlockBoundary(_subBlocks + 1);
        if (_subBlocks >= SubBlocksPerGatingBlock)
            _gatingBlocks.Add(MeanPower(SubBlocksPerGatingBlock));
        if (_subBlocks >= SubBlocksPerShortTermBlock)
            _shortTermBlocks.Add(MeanPower(SubBlocksPerShortTermBlock));
    }

    /// <summary>Mean-square power of the last <paramref name="count"/> sub-blocks.</summary>
    private double MeanPower(int count)
    {
        double energy = 0;
        long frames = 0;
        for (var i = 1; i <= count; i++)
        {
            var slot = (int)((_subBlocks - i) % SubBlocksPerShortTermBlock);
            energy += _subEnergy[slot];
            frames += _subFrames[slot];
        }

        return energy / frames;
    }

    /// <summary>Where sub-block <paramref name="index"/> starts, in frames: exact tenths of a second at any rate.</summary>
    private long SubBlockBoundary(long index) => index * _sampleRate / 10;

    /// <summary>BS.1770-4 table 3: surround channels count 1.41 times, the LFE not at all; everything else 1.</summary>
    private static double[] ChannelWeights(int channels) => channels switch
    {
        5 => [1, 1, 1, 1.41, 1.41],
        6 => [1, 1, 1, 0, 1.41, 1.41],
        _ => [.. Enumerable.Repeat(1.0, channels)],
    };
}
