using System.Security.Cryptography;

namespace Podcast.Models;

/// <summary>
/// The digest a model's publisher documents for it: SHA-256, or SHA-1 where that is all the publisher lists
/// (whisper.cpp's models README). A downloaded file is used only when its digest equals this one.
/// </summary>
public sealed record ModelChecksum
{
    private ModelChecksum(HashAlgorithmName algorithm, string hex)
    {
        Algorithm = algorithm;
        Hex = hex;
    }

    public HashAlgorithmName Algorithm { get; }

    /// <summary>Lower-case hexadecimal.</summary>
    public string Hex { get; }

    public static ModelChecksum Sha256(string hex) => new(HashAlgorithmName.SHA256, Checked(hex, 64));

    public static ModelChecksum Sha1(string hex) => new(HashAlgorithmName.SHA1, Checked(hex, 40));

    public IncrementalHash CreateHash() => IncrementalHash.CreateHash(Algorithm);

    public override string ToString() => $"{Algorithm.Name}:{Hex}";

    private static string Checked(string hex, int length)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != length || !hex.All(Uri.IsHexDigit))
            throw new ArgumentException($"a checksum here is {length} hexadecimal digits, not \"{hex}\"", nameof(hex));
        return hex.ToLowerInvariant();
    }
}

/// <summary>
/// A model a stage loads, as the catalogue knows it. <see cref="Source"/> is where its publisher serves it; when the
/// publisher ships it inside a Python wheel, <see cref="Wheel"/> says which wheel and which member, and
/// <see cref="Source"/> is the package's page on the index's simple API (PEP 503), which lists the wheel's address and
/// SHA-256. In the cache, and on a mirror (<c>PODCAST_MODELS_URL</c>), the model is always <see cref="FileName"/>.
/// </summary>
/// <param name="Name">What the producer types: <c>podcast models download NAME</c>.</param>
/// <param name="UsedBy">The stage that loads it, as <c>podcast models</c> shows it.</param>
/// <param name="EnvironmentVariable">Names a local file that is used instead of the cache (tests, benchmarks).</param>
public sealed record KnownModel(
    string Name,
    string FileName,
    long Bytes,
    ModelChecksum Checksum,
    string UsedBy,
    Uri Source,
    string? EnvironmentVariable = null,
    WheelMember? Wheel = null)
{
    public string Size => Bytes >= 1_000_000 ? $"{Bytes / 1_000_000.0:0} MB" : $"{Bytes / 1_000.0:0} kB";
}

/// <summary>A model that its publisher ships as a member of a wheel (a zip archive) on a Python package index.</summary>
/// <param name="ArchiveName">The wheel's file name, as the index lists it.</param>
/// <param name="Member">The model's path inside the wheel.</param>
public sealed record WheelMember(string ArchiveName, long ArchiveBytes, ModelChecksum ArchiveChecksum, string Member);
