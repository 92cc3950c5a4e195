using NAudio.Wave;

namespace Podcast.Mastering;

/// <summary>
/// Stretches of <see cref="Seconds"/> spread evenly over a recording, <paramref name="count"/> of them, or all of it
/// when it is no longer than that. Frames are counted at <paramref name="sampleRate"/>.
/// </summary>
internal sealed class ExcerptPlan
{
    public const double Seconds = 10;

    private readonly long _length;
    private readonly long _spacing;

    public ExcerptPlan(TimeSpan duration, int sampleRate, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _length = (long)(Seconds * sampleRate);
        var total = (long)(duration.TotalSeconds * sampleRate);
        _spacing = total <= count * _length ? _length : total / count;
        Count = _spacing == _length ? (int)Math.Max(1, (total + _length - 1) / _length) : count;
    }

    /// <summary>How many stretches there are.</summary>
    public int Count { get; }

    /// <summary>The part of the block of <paramref name="frames"/> frames starting at <paramref name="start"/> that lies inside a stretch, as offsets into the block.</summary>
    public (int From, int To) Within(long start, int frames)
    {
        // A stretch opens every _spacing frames and lasts _length; a block (a tenth of a second) meets at most one.
        if (_spacing == _length)
            return (0, frames);
        var offset = start % _spacing;
        if (offset >= _length)
        {
            // The frames past the last stretch (what dividing the length by the count leaves) open no further one.
            var next = _spacing - offset;
            return next >= frames || (start + next) / _spacing >= Count ? (0, 0) : ((int)next, (int)Math.Min(frames, next + _length));
        }

        if (start / _spacing >= Count)
            return (0, 0);

        return (0, (int)Math.Min(frames, _length - offset));
    }

    /// <summary>Where in the recording the stretches, read end to end, have got to after <paramref name="sampled"/> frames.</summary>
    public long SourceFrame(long sampled) => _spacing == _length ? sampled : (sampled / _length * _spacing) + (sampled % _length);
}

/// <summary>Passes on only the frames inside a plan's stretches, joined end to end; the rest is decoded and dropped.</summary>
internal sealed class ExcerptSampleProvider(ISampleProvider source, ExcerptPlan plan) : ISampleProvider
{
    private readonly int _channels = source.WaveFormat.Channels;
    private readonly float[] _block = new float[(source.WaveFormat.SampleRate / 10) * source.WaveFormat.Channels];
    private long _position;

    public WaveFormat WaveFormat => source.WaveFormat;

    public int Read(float[] buffer, int offset, int count)
    {
        var written = 0;
        count -= count % _channels;
        while (written < count)
        {
            var read = source.Read(_block, 0, Math.Min(_block.Length, count - written));
            if (read == 0)
                break;
            var frames = read / _channels;
            var (from, to) = plan.Within(_position, frames);
            _position += frames;
            Array.Copy(_block, from * _channels, buffer, offset + written, (to - from) * _channels);
            written += (to - from) * _channels;
        }

        return written;
    }
}
