using NAudio.Wave;
using Podcast.Decoding;
using Podcast.Tests.Support;

namespace Podcast.Tests.Decoding;

/// <summary>The 16 kHz samples publish keeps on disk instead of in memory.</summary>
public sealed class SampleFileTests
{
    /// <summary>A ramp: sample i is i / 1e6, so any position read back says where it came from.</summary>
    private sealed class Ramp(int length, int rate = 16_000, int channels = 1) : ISampleProvider
    {
        private int _at;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(rate, channels);

        public int Read(float[] buffer, int offset, int count)
        {
            var n = Math.Min(count, length - _at);
            for (var i = 0; i < n; i++)
                buffer[offset + i] = (_at + i) / 1e6f;
            _at += n;
            return n;
        }
    }

    [Fact]
    public void WhatIsWrittenReadsBackFromAnyPosition()
    {
        using var dir = new TempDir();
        using var file = SampleFile.Write(new Ramp(40_500), dir.Path, TestContext.Current.CancellationToken);

        Assert.Equal(40_500, file.Length);
        Assert.Equal(TimeSpan.FromSeconds(40_500 / 16_000.0), file.Duration());
        Assert.Equal([15_999 / 1e6f, 16_000 / 1e6f, 16_001 / 1e6f], file.Read(15_999, 3));
        Assert.Equal([40_499 / 1e6f], file.Read(40_499, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => file.Read(40_000, new float[501]));
    }

    [Fact]
    public void OnlySixteenKilohertzMonoIsTaken()
    {
        using var dir = new TempDir();

        var refused = Assert.Throws<ArgumentException>(() => SampleFile.Write(new Ramp(100, 44_100, 2), dir.Path, TestContext.Current.CancellationToken));

        Assert.Contains("16000 Hz mono, not 44100 Hz with 2 channels", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoFileIsLeftInTheFolderWhileOrAfterItIsRead()
    {
        using var dir = new TempDir();
        using (var file = SampleFile.Write(new Ramp(16_000), dir.Path, TestContext.Current.CancellationToken))
        {
            if (!OperatingSystem.IsWindows())
                Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
            Assert.Equal([15_999 / 1e6f], file.Read(15_999, 1));
        }

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }
}
