using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Podcast.Mastering;

/// <summary>
/// The 4x oversampling interpolator of ITU-R BS.1770-4 Annex 2 (48 taps, 4 phases of 12) for one channel. Each input
/// sample yields the four interpolated values of the interval that ends <see cref="Delay"/> samples earlier; their
/// largest magnitude, together with the sample's own, is the true peak the standard asks for.
/// </summary>
internal sealed class TruePeak
{
    /// <summary>Input samples between a sample and the interpolated values that lie next to it.</summary>
    public const int Delay = 6;

    private const int Taps = 12;

    // Annex 2, table 1, transposed: Coefficients[k] holds tap k of phases 0..3, so one vector multiply-add per tap
    // advances all four phases at once.
    private static readonly Vector128<float>[] Coefficients = Transpose(
    [
        [0.0017089843750f, 0.0109863281250f, -0.0196533203125f, 0.0332031250000f, -0.0594482421875f, 0.1373291015625f,
         0.9721679687500f, -0.1022949218750f, 0.0476074218750f, -0.0266113281250f, 0.0148925781250f, -0.0083007812500f],
        [-0.0291748046875f, 0.0292968750000f, -0.0517578125000f, 0.0891113281250f, -0.1665039062500f, 0.4650878906250f,
         0.7797851562500f, -0.2003173828125f, 0.1015625000000f, -0.0582275390625f, 0.0330810546875f, -0.0189208984375f],
        [-0.0189208984375f, 0.0330810546875f, -0.0582275390625f, 0.1015625000000f, -0.2003173828125f, 0.7797851562500f,
         0.4650878906250f, -0.1665039062500f, 0.0891113281250f, -0.0517578125000f, 0.0292968750000f, -0.0291748046875f],
        [-0.0083007812500f, 0.0148925781250f, -0.0266113281250f, 0.0476074218750f, -0.1022949218750f, 0.9721679687500f,
         0.1373291015625f, -0.0594482421875f, 0.0332031250000f, -0.0196533203125f, 0.0109863281250f, 0.0017089843750f],
    ]);

    // The last Taps-1 samples seen, oldest first, followed by room for the block being measured.
    private float[] _window = new float[Taps - 1];

    /// <summary>
    /// Measures <paramref name="samples"/> (one channel, continuing the previous call's) and writes, for each sample,
    /// the largest magnitude of the four values interpolated <see cref="Delay"/> samples back into
    /// <paramref name="peaks"/>, when given. Returns the largest over the block.
    /// </summary>
    public float Process(ReadOnlySpan<float> samples, Span<float> peaks = default)
    {
        var history = Taps - 1;
        if (_window.Length < history + samples.Length)
            Array.Resize(ref _window, history + samples.Length);
        samples.CopyTo(_window.AsSpan(history));

        var max = Vector128<float>.Zero;
        var keep = !peaks.IsEmpty;
        for (var n = 0; n < samples.Length; n++)
        {
            // _window[n + history] is x[n]; tap k multiplies x[n - k].
            ref var newest = ref _window[n + history];
            var sum = Vector128<float>.Zero;
            for (var k = 0; k < Taps; k++)
                sum += Coefficients[k] * Vector128.Create(Unsafe.Subtract(ref newest, k));
            var magnitude = Vector128.Abs(sum);
            max = Vector128.Max(max, magnitude);
            if (keep)
            {
                var pair = Vector128.Max(magnitude, Vector128.Shuffle(magnitude, Vector128.Create(2, 3, 0, 1)));
                peaks[n] = MathF.Max(pair[0], pair[1]);
            }
        }

        _window.AsSpan(samples.Length, history).CopyTo(_window);
        return MathF.Max(MathF.Max(max[0], max[1]), MathF.Max(max[2], max[3]));
    }

    private static Vector128<float>[] Transpose(float[][] phases)
    {
        var taps = new Vector128<float>[Taps];
        for (var k = 0; k < Taps; k++)
            taps[k] = Vector128.Create(phases[0][k], phases[1][k], phases[2][k], phases[3][k]);
        return taps;
    }
}
