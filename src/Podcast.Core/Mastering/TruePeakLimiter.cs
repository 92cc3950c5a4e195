using NAudio.Wave;

namespace Podcast.Mastering;

/// <summary>
/// Applies a gain and keeps the result's true peak under a ceiling with a look-ahead limiter: the gain reduction for a
/// peak is complete before the peak arrives (no overshoot, no clipping) and released smoothly after it. Peaks are
/// detected on the 4x oversampled signal (BS.1770-4 Annex 2), so inter-sample peaks are caught too. Channels share
/// one gain, keeping the stereo image. The output is exactly as long as the input and aligned with it: the look-ahead
/// delay is removed at the start and the tail is flushed at the end.
/// </summary>
internal sealed class TruePeakLimiter : ISampleProvider
{
    private readonly ISampleProvider _source;
    private readonly int _channels;
    private readonly float _gain;
    private readonly float _ceiling;
    private readonly int _attack;    // B: frames over which the gain ramps down before a peak
    private readonly int _window;    // W: frames a detected peak holds the gain down (B + interpolator reach)
    private readonly int _delay;     // D: frames the audio is delayed so the ramp ends before the peak
    private readonly float _release; // per-frame step of the gain's exponential return to unity
    private readonly TruePeak[] _interpolators;

    // Sliding minimum of the wanted gain over the last W frames: a monotonic queue of (frame, gain).
    private readonly long[] _minFrames;
    private readonly float[] _minGains;
    private int _minHead;
    private int _minCount;

    // The last B held gains, averaged into the applied gain.
    private readonly float[] _ramp;
    private double _rampSum;
    private float _held = 1;
    private int _rampSlot;
    private float _lowest = 1;

    // The delayed audio, a ring of D + 1 frames.
    private readonly float[] _delayLine;
    private int _delaySlot;

    private readonly IReadOnlyList<CeilingDip> _dips;
    private int _dip;

    private float[] _in = [];
    private float[] _mono = [];
    private float[] _interpolated = [];
    private float[] _detected = [];
    private long _frame;
    private long _flushed;
    private bool _sourceDone;

    /// <param name="dips">Stretches where the ceiling is lower still (sorted by start, not overlapping): where an
    /// earlier encode of the same audio rang over the ceiling.</param>
    public TruePeakLimiter(ISampleProvider source, double gainDb, double ceilingDbtp, double lookAheadMs = 5, double releaseMs = 80, IReadOnlyList<CeilingDip>? dips = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (ceilingDbtp > 0)
            throw new ArgumentOutOfRangeException(nameof(ceilingDbtp), ceilingDbtp, "the ceiling must be at or below 0 dBTP");
        if (lookAheadMs is < 0.5 or > 50)
            throw new ArgumentOutOfRangeException(nameof(lookAheadMs), lookAheadMs, "the look-ahead must be 0.5..50 ms");
        if (releaseMs is < 1 or > 5000)
            throw new ArgumentOutOfRangeException(nameof(releaseMs), releaseMs, "the release must be 1..5000 ms");
        _source = source;
        _channels = source.WaveFormat.Channels;
        var rate = source.WaveFormat.SampleRate;
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(rate, _channels);
        _gain = (float)Math.Pow(10, gainDb / 20);
        _ceiling = (float)Math.Pow(10, ceilingDbtp / 20);

        // A gain computed at frame n must cover the output frames whose interpolated neighbourhood frame n's
        // detection saw: [n - TruePeak.Delay, n]. With a box ramp of B frames after a sliding minimum over W frames,
        // the applied gain at n is at most the wanted gain of frames n-W+1 .. n-B+1; choosing D = B + Delay - 1 and
        // W = B + Delay puts the whole neighbourhood of the delayed frame n - D inside that range.
        _attack = Math.Max(1, (int)Math.Round(lookAheadMs / 1000 * rate));
        _window = _attack + TruePeak.Delay;
        _delay = _attack + TruePeak.Delay - 1;
        _release = (float)(1 - Math.Exp(-1000.0 / (releaseMs * rate)));
        _interpolators = [.. Enumerable.Range(0, _channels).Select(_ => new TruePeak())];
        _minFrames = new long[_window + 1];
        _minGains = new float[_window + 1];
        _ramp = new float[_attack];
        Array.Fill(_ramp, 1f);
        _rampSum = _attack;
        _delayLine = new float[(_delay + 1) * _channels];
        _dips = dips ?? [];
        for (var i = 1; i < _dips.Count; i++)
        {
            if (_dips[i].Start < _dips[i - 1].End)
                throw new ArgumentException("ceiling dips must be sorted and must not overlap", nameof(dips));
        }
    }

    public WaveFormat WaveFormat { get; }

    /// <summary>The deepest gain reduction applied so far, in dB (0 or negative).</summary>
    public double MaxReductionDb => 20 * Math.Log10(_lowest);

    public int Read(float[] buffer, int offset, int count)
    {
        var wanted = count / _channels;
        var produced = 0;
        while (produced < wanted)
        {
            var frames = Fill(wanted - produced);
            if (frames == 0)
                break;
            produced += Process(frames, buffer.AsSpan(offset + (produced * _channels)));
        }

        return produced * _channels;
    }

    /// <summary>Reads up to <paramref name="frames"/> gained frames into _in; zeros once the source ends, until the delay is flushed.</summary>
    private int Fill(int frames)
    {
        if (_in.Length < frames * _channels)
        {
            _in = new float[frames * _channels];
            _mono = new float[frames];
            _interpolated = new float[frames];
            _detected = new float[frames];
        }

        var got = 0;
        if (!_sourceDone)
        {
            got = _source.Read(_in, 0, frames * _channels) / _channels;
            if (got == 0)
                _sourceDone = true;
        }

        if (_sourceDone)
        {
            got = (int)Math.Min(frames, _delay - _flushed);
            _in.AsSpan(0, got * _channels).Clear();
            _flushed += got;
            return got;
        }

        var samples = _in.AsSpan(0, got * _channels);
        foreach (ref var s in samples)
            s *= _gain;
        return got;
    }

    private int Process(int frames, Span<float> output)
    {
        var detected = _detected.AsSpan(0, frames);
        detected.Clear();
        for (var c = 0; c < _channels; c++)
        {
            var mono = _mono.AsSpan(0, frames);
            for (var i = 0; i < frames; i++)
                mono[i] = _in[(i * _channels) + c];
            _interpolators[c].Process(mono, _interpolated);
            for (var i = 0; i < frames; i++)
                detected[i] = MathF.Max(detected[i], MathF.Max(MathF.Abs(mono[i]), _interpolated[i]));
        }

        var written = 0;
        var ring = _delay + 1;
        for (var i = 0; i < frames; i++, _frame++)
        {
            var ceiling = CeilingAt(_frame);
            var want = detected[i] > ceiling ? ceiling / detected[i] : 1f;
            var min = SlidingMinimum(_frame, want);

            // Hold what the window demands, otherwise drift back towards unity.
            _held = MathF.Min(min, _held + ((1 - _held) * _release));
            _rampSum += _held - _ramp[_rampSlot];
            _ramp[_rampSlot] = _held;
            if (++_rampSlot == _attack)
                _rampSlot = 0;
            var gain = (float)(_rampSum / _attack);

            // The ring holds D + 1 frames: the slot written now is the one read D frames from now.
            var at = _delaySlot * _channels;
            if (++_delaySlot == ring)
                _delaySlot = 0;
            for (var c = 0; c < _channels; c++)
                _delayLine[at + c] = _in[(i * _channels) + c];
            if (_frame < _delay)
                continue;

            // The frame that entered D frames ago leaves now, with the gain whose ramp ended on it.
            var from = _delaySlot * _channels;
            var applied = MathF.Min(gain, 1f);
            _lowest = MathF.Min(_lowest, applied);
            for (var c = 0; c < _channels; c++)
                output[(written * _channels) + c] = _delayLine[from + c] * applied;
            written++;
        }

        return written;
    }

    /// <summary>The ceiling at input frame <paramref name="frame"/>; frames arrive in order, so the dips are walked once.</summary>
    private float CeilingAt(long frame)
    {
        while (_dip < _dips.Count && _dips[_dip].End <= frame)
            _dip++;
        return _dip < _dips.Count && _dips[_dip].Start <= frame ? _ceiling * _dips[_dip].Factor : _ceiling;
    }

    private float SlidingMinimum(long frame, float value)
    {
        // Unity gains dominate (most frames need no reduction): an empty queue and a unity value need no work.
        if (_minCount == 0 && value >= 1)
            return 1;
        var size = _minFrames.Length;
        while (_minCount > 0 && _minGains[Wrap(_minHead + _minCount - 1, size)] >= value)
            _minCount--;
        var tail = Wrap(_minHead + _minCount, size);
        _minFrames[tail] = frame;
        _minGains[tail] = value;
        _minCount++;
        while (_minFrames[_minHead] <= frame - _window)
        {
            _minHead = Wrap(_minHead + 1, size);
            _minCount--;
        }

        return _minGains[_minHead];
    }

    private static int Wrap(int index, int size) => index >= size ? index - size : index;
}

/// <summary>Frames [<paramref name="Start"/>, <paramref name="End"/>) of the limiter's input where its ceiling is <paramref name="DepthDb"/> lower.</summary>
internal sealed record CeilingDip(long Start, long End, double DepthDb)
{
    public float Factor { get; } = (float)Math.Pow(10, -DepthDb / 20);
}
