using NWaves.Transforms;
using Podcast.Decoding;

namespace Podcast.Speakers;

/// <summary>
/// The d-vector model's input features: 40 log10 mel energies every 10 ms, exactly as the model was trained on
/// (512-sample frames every 160 samples, a 400-sample periodic Hamming window at samples 56..455 of each frame, the
/// power spectrum, 40 Slaney-style mel filters from 0 to 8 kHz, log10(energy + 1e-10)). Any deviation changes the
/// embeddings, so the recipe is fixed here and checked number by number against the model's reference output.
/// Frames are computed from any stretch of the recording, so a long file is never held whole (an hour of frames is
/// 58 MB; 16 kHz samples four times that).
/// </summary>
internal sealed class LogMel
{
    public const int SampleRate = 16000;
    public const int FrameLength = 512;
    public const int Hop = 160;
    public const int Mels = 40;
    private const int Bins = (FrameLength / 2) + 1;
    private const int WindowLength = 400;
    private const int WindowOffset = (FrameLength - WindowLength) / 2;

    private readonly float[] _window = new float[FrameLength];
    private readonly int[] _firstBin = new int[Mels];
    private readonly float[][] _weights = new float[Mels][];
    private readonly RealFft _fft = new(FrameLength);
    private readonly float[] _frame = new float[FrameLength];
    private readonly float[] _power = new float[Bins];

    public LogMel()
    {
        for (var i = 0; i < WindowLength; i++)
            _window[WindowOffset + i] = (float)(0.54 - (0.46 * Math.Cos(2 * Math.PI * i / WindowLength)));

        // librosa.filters.mel(sr=16000, n_fft=512, n_mels=40), norm="slaney": 42 points evenly spaced on the Slaney mel
        // scale, triangles between neighbours, each scaled to equal area. Kept sparse: a filter spans a few bins.
        var top = HzToMel(SampleRate / 2.0);
        var points = Enumerable.Range(0, Mels + 2).Select(i => MelToHz(top * i / (Mels + 1))).ToArray();
        for (var m = 0; m < Mels; m++)
        {
            var weights = new List<float>();
            var first = -1;
            for (var k = 0; k < Bins; k++)
            {
                var f = k * (double)SampleRate / FrameLength;
                var rising = (f - points[m]) / (points[m + 1] - points[m]);
                var falling = (points[m + 2] - f) / (points[m + 2] - points[m + 1]);
                var w = Math.Max(0, Math.Min(rising, falling)) * 2 / (points[m + 2] - points[m]);
                if (w <= 0)
                {
                    if (first >= 0)
                        break;
                    continue;
                }

                if (first < 0)
                    first = k;
                weights.Add((float)w);
            }

            _firstBin[m] = Math.Max(first, 0);
            _weights[m] = [.. weights];
        }
    }

    /// <summary>Frames in <paramref name="samples"/> samples: the first at sample 0, no padding.</summary>
    public static int FrameCount(long samples) => samples < FrameLength ? 0 : (int)(1 + ((samples - FrameLength) / Hop));

    /// <summary>Frames <paramref name="first"/>.. of <paramref name="source"/>, <see cref="Mels"/> values each, into <paramref name="destination"/> (its length / 40 frames).</summary>
    public void Compute(ISampleSource source, int first, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        var count = destination.Length / Mels;
        if (count == 0)
            return;
        var start = first * Hop;
        var samples = source.Read(start, ((count - 1) * Hop) + FrameLength);
        if (samples.Length < ((count - 1) * Hop) + FrameLength)
            throw new ArgumentOutOfRangeException(nameof(destination), $"frames {first}..{first + count} run past the recording's {FrameCount(source.Length)}");
        Compute(samples, destination);
    }

    /// <summary>Every whole frame of <paramref name="samples"/> into <paramref name="destination"/>, which holds exactly that many.</summary>
    public void Compute(ReadOnlySpan<float> samples, Span<float> destination)
    {
        var count = destination.Length / Mels;
        for (var t = 0; t < count; t++)
        {
            var frame = samples.Slice(t * Hop, FrameLength);
            for (var i = 0; i < FrameLength; i++)
                _frame[i] = frame[i] * _window[i];
            _fft.PowerSpectrum(_frame, _power, normalize: false);
            var row = destination.Slice(t * Mels, Mels);
            for (var m = 0; m < Mels; m++)
            {
                var weights = _weights[m];
                var bin = _firstBin[m];
                double energy = 0;
                for (var k = 0; k < weights.Length; k++)
                    energy += weights[k] * _power[bin + k];
                row[m] = (float)Math.Log10(energy + 1e-10);
            }
        }
    }

    /// <summary>Slaney's mel scale: linear below 1 kHz, logarithmic above.</summary>
    private static double HzToMel(double hz) => hz < 1000 ? hz / (200.0 / 3) : 15 + (Math.Log(hz / 1000) / (Math.Log(6.4) / 27));

    private static double MelToHz(double mel) => mel < 15 ? mel * (200.0 / 3) : 1000 * Math.Exp((mel - 15) * (Math.Log(6.4) / 27));
}
