namespace Podcast;

/// <summary>How far a long stage has got. <paramref name="Fraction"/> is 0..1; <paramref name="Remaining"/> is an estimate.</summary>
public sealed record StageProgress(string Stage, double Fraction, TimeSpan? Remaining = null);
