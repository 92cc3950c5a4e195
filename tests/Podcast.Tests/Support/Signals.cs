using NAudio.Wave;

namespace Podcast.Tests.Support;

/// <summary>Test signals built in code, and a way to hand them to tools as a float WAV file.</summary>
public static class Signals
{
    /// <summary>A sine on every channel, interleaved. <paramref name="phase"/> is in radians.</summary>
    public static float[] Sine(int sampleRate, int channels, double seconds, double frequency, double amplitude, double phase = 0)
    {
        var frames = (int)Math.Round(seconds * sampleRate);
        var samples = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            var value = (float)(amplitude * Math.Sin((2 * Math.PI * frequency * i / sampleRate) + phase));
            for (var c = 0; c < channels; c++)
                samples[(i * channels) + c] = value;
        }

        return samples;
    }

    public static float[] Silence(int sampleRate, int channels, double seconds) =>
        new float[(int)Math.Round(seconds * sampleRate) * channels];

    /// <summary>Pink noise (Paul Kellet's refined filter over white noise), the same for the same seed.</summary>
    public static float[] PinkNoise(int sampleRate, int channels, double seconds, double amplitude, int seed = 1)
    {
        var random = new Random(seed);
        var frames = (int)Math.Round(seconds * sampleRate);
        var samples = new float[frames * channels];
        for (var c = 0; c < channels; c++)
        {
            double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
            for (var i = 0; i < frames; i++)
            {
                var white = (random.NextDouble() * 2) - 1;
                b0 = (0.99886 * b0) + (white * 0.0555179);
                b1 = (0.99332 * b1) + (white * 0.0750759);
                b2 = (0.96900 * b2) + (white * 0.1538520);
                b3 = (0.86650 * b3) + (white * 0.3104856);
                b4 = (0.55000 * b4) + (white * 0.5329522);
                b5 = (-0.7616 * b5) - (white * 0.0168980);
                var pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + (white * 0.5362);
                b6 = white * 0.115926;
                samples[(i * channels) + c] = (float)(pink * 0.11 * amplitude);
            }
        }

        return samples;
    }

    /// <summary>Two channels from two mono signals of the same length.</summary>
    public static float[] Stereo(float[] left, float[] right)
    {
        var samples = new float[left.Length * 2];
        for (var i = 0; i < left.Length; i++)
        {
            samples[2 * i] = left[i];
            samples[(2 * i) + 1] = right[i];
        }

        return samples;
    }

    public static float[] Concat(params float[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Writes a 32-bit float WAV that ffmpeg, sox and the managed decoder all read.</summary>
    public static string WriteWav(string path, int sampleRate, int channels, float[] samples)
    {
        using var writer = new WaveFileWriter(path, WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels));
        writer.WriteSamples(samples, 0, samples.Length);
        return path;
    }

    /// <summary>A scratch folder for one test, deleted when disposed.</summary>
    public sealed class Scratch : IDisposable
    {
        public string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "podcast-tests", Guid.NewGuid().ToString("N")[..12])).FullName;

        public string File(string name) => Path.Combine(Root, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
