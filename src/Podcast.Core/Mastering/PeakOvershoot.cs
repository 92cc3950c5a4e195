namespace Podcast.Mastering;

/// <summary>
/// The largest true peak of a whole file predicted from the peaks of some of its stretches: the largest of many
/// stretches' peaks follows a Gumbel distribution, fitted here by its moments to the stretches measured.
/// </summary>
internal static class PeakOvershoot
{
    /// <summary>
    /// The chance, under the fitted distribution, that the file's largest peak stays under the prediction; fitted to
    /// two dozen stretches, the fit's own error makes it about 0.95 in fact (an hour's 360 stretches). A miss costs
    /// a second encode, a prediction too high a little more limiting than needed.
    /// </summary>
    public const double Confidence = 0.99;

    /// <summary>
    /// The peak (dB, relative to anything) that the largest of <paramref name="stretches"/> stretches stays under
    /// with <see cref="Confidence"/>, from the peaks of the stretches measured; never below the largest measured.
    /// </summary>
    public static double OfLargest(IReadOnlyList<double> measured, double stretches)
    {
        ArgumentOutOfRangeException.ThrowIfZero(measured.Count);
        var mean = measured.Average();
        var spread = Math.Sqrt(measured.Sum(p => (p - mean) * (p - mean)) / Math.Max(1, measured.Count - 1));
        var scale = spread * Math.Sqrt(6) / Math.PI;
        var location = mean - (0.5772156649 * scale);
        var largest = location + (scale * (Math.Log(Math.Max(1, stretches)) - Math.Log(-Math.Log(Confidence))));
        return Math.Max(measured.Max(), largest);
    }
}
