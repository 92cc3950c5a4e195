namespace Podcast.Mastering;

/// <summary>One second-order IIR section in direct form I, run in double precision.</summary>
internal readonly record struct Biquad(double B0, double B1, double B2, double A1, double A2);

/// <summary>
/// The K-weighting of ITU-R BS.1770-4 (a high-shelf "pre-filter" followed by the "RLB" high-pass), derived for any
/// sample rate from the analogue prototypes behind the standard's 48 kHz table: at 48 kHz the coefficients equal the
/// published ones to at least 1e-8, so measuring at the native rate needs no resampling.
/// </summary>
internal static class KWeighting
{
    // The prototypes' centre frequencies, gains and Qs, fitted to the published 48 kHz coefficients (the same
    // values libebur128 uses).
    private const double ShelfFrequency = 1681.974450955533;
    private const double ShelfGainDb = 3.999843853973347;
    private const double ShelfQ = 0.7071752369554196;
    private const double ShelfBandwidthExponent = 0.4996667741545416;
    private const double HighPassFrequency = 38.13547087602444;
    private const double HighPassQ = 0.5003270373238773;

    public static Biquad PreFilter(int sampleRate)
    {
        var k = Math.Tan(Math.PI * ShelfFrequency / sampleRate);
        var vh = Math.Pow(10, ShelfGainDb / 20);
        var vb = Math.Pow(vh, ShelfBandwidthExponent);
        var a0 = 1 + (k / ShelfQ) + (k * k);
        return new Biquad(
            (vh + (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - vh) / a0,
            (vh - (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - 1) / a0,
            (1 - (k / ShelfQ) + (k * k)) / a0);
    }

    /// <summary>The high-pass, with the numerator left at 1, -2, 1 as the standard publishes it.</summary>
    public static Biquad HighPass(int sampleRate)
    {
        var k = Math.Tan(Math.PI * HighPassFrequency / sampleRate);
        var a0 = 1 + (k / HighPassQ) + (k * k);
        return new Biquad(1, -2, 1, 2 * ((k * k) - 1) / a0, (1 - (k / HighPassQ) + (k * k)) / a0);
    }
}
