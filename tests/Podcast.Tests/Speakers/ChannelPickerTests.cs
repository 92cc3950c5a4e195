using NAudio.Wave;
using Podcast.Decoding;

namespace Podcast.Tests.Speakers;

public sealed class ChannelPickerTests
{
    private sealed class Interleaved(float[] samples, int channels) : ISampleProvider
    {
        private int _at;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(16000, channels);

        public int Read(float[] buffer, int offset, int count)
        {
            var n = Math.Min(count, samples.Length - _at);
            Array.Copy(samples, _at, buffer, offset, n);
            _at += n;
            return n;
        }
    }

    [Fact]
    public void EachChannelComesOutAloneAsMono()
    {
        float[] stereo = [1, -1, 2, -2, 3, -3];
        Assert.Equal([1f, 2f, 3f], new Interleaved(stereo, 2).Channel(0).ReadAll(null, TestContext.Current.CancellationToken));
        Assert.Equal([-1f, -2f, -3f], new Interleaved(stereo, 2).Channel(1).ReadAll(null, TestContext.Current.CancellationToken));
        Assert.Equal(1, new Interleaved(stereo, 2).Channel(1).WaveFormat.Channels);
    }

    [Fact]
    public void AChannelTheStreamDoesNotHaveIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Interleaved([0, 0], 2).Channel(2));
}
