using SkiaSharp;

namespace Podcast.Feed;

/// <summary>What a cover file really is, read from its header (not its name).</summary>
public sealed record ImageFacts(string Format, int Width, int Height, bool Opaque);

/// <summary>
/// The show's cover: inspection for the feed checker, and the default cover publish makes when show.yml names none
/// (Apple refuses a feed without a 1400 to 3000 px square JPEG or PNG).
/// </summary>
public static class CoverImage
{
    public const int DefaultSize = 3000;
    public const int MinSize = 1400;
    public const int MaxSize = 3000;

    /// <summary>Fonts tried in order. The NoDependencies Skia build has no fontconfig, so fonts are opened by file.</summary>
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
        "C:\\Windows\\Fonts\\arialbd.ttf",
    ];

    /// <summary>The image's real format and size, or null when the file is not an image Skia can decode.</summary>
    public static ImageFacts? Inspect(string path)
    {
        using var codec = SKCodec.Create(path);
        if (codec is null)
            return null;
        var format = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => "png",
            SKEncodedImageFormat.Jpeg => "jpeg",
            var other => other.ToString().ToLowerInvariant(),
        };
        return new ImageFacts(format, codec.Info.Width, codec.Info.Height, codec.Info.AlphaType == SKAlphaType.Opaque);
    }

    /// <summary>
    /// Writes a <see cref="DefaultSize"/> px square opaque PNG with the show's title to <paramref name="path"/>,
    /// atomically, unless a file is already there. Returns whether it wrote one. Without any usable font the cover
    /// is drawn without its title, since an untitled cover still lets Apple accept the feed.
    /// </summary>
    public static bool EnsureDefault(string path, string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (File.Exists(path))
            return false;
        var png = RenderDefault(title, DefaultSize);
        Storage.AtomicFile.WriteAllBytes(path, png);
        return true;
    }

    internal static byte[] RenderDefault(string title, int size)
    {
        var info = new SKImageInfo(size, size, SKColorType.Rgb888x, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        var hue = Hue(title);
        canvas.Clear(SKColor.FromHsl(hue, 45, 22));
        using (var band = new SKPaint { Color = SKColor.FromHsl(hue, 55, 42), IsAntialias = true })
            canvas.DrawRect(0, size * 0.72f, size, size * 0.05f, band);

        using var typeface = LoadTypeface();
        if (typeface is not null)
        {
            using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            var margin = size * 0.09f;
            var lines = Layout(title.Trim(), typeface, size - (2 * margin), size * 0.16f, out var fontSize);
            using var font = new SKFont(typeface, fontSize);
            var lineHeight = fontSize * 1.15f;
            var top = (size * 0.72f) - (lineHeight * lines.Count) - (size * 0.05f);
            for (var i = 0; i < lines.Count; i++)
                canvas.DrawText(lines[i], margin, top + (lineHeight * (i + 1)) - (fontSize * 0.2f), SKTextAlign.Left, font, paint);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Whether a font for the title could be found on this machine (covers are untitled otherwise).</summary>
    public static bool HasFont
    {
        get
        {
            using var typeface = LoadTypeface();
            return typeface is not null;
        }
    }

    private static SKTypeface? LoadTypeface()
    {
        foreach (var file in FontFiles)
        {
            if (File.Exists(file) && SKTypeface.FromFile(file) is { } typeface)
                return typeface;
        }

        return null;
    }

    /// <summary>Greedy word wrap at the largest size (down to a third of the start) that fits in four lines.</summary>
    private static List<string> Layout(string title, SKTypeface typeface, float width, float startSize, out float fontSize)
    {
        var words = title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (fontSize = startSize; ; fontSize *= 0.9f)
        {
            using var font = new SKFont(typeface, fontSize);
            var lines = new List<string>();
            var line = string.Empty;
            foreach (var word in words)
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && font.MeasureText(candidate) > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            if (line.Length > 0)
                lines.Add(line);
            var fits = lines.Count <= 4 && lines.All(l => font.MeasureText(l) <= width);
            if (fits || fontSize < startSize / 3)
                return lines.Count <= 4 ? lines : [.. lines.Take(3), string.Join(' ', lines.Skip(3))];
        }
    }

    /// <summary>A hue from the title, so different shows get different colours but a show always the same.</summary>
    private static float Hue(string title)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(title));
        return hash[0] * 360f / 256f;
    }
}
