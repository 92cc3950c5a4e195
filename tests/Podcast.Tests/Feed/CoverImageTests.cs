using System.Text.Json;
using Podcast.Feed;
using Podcast.Tests.Support;
using SkiaSharp;

namespace Podcast.Tests.Feed;

/// <summary>The default cover publish makes when show.yml names none, read back by ffprobe and eyeD3.</summary>
public sealed class CoverImageTests
{
    private static string ShowYml => File.ReadAllText(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "show.yml"));

    [Fact]
    public void WithoutAnImageInShowYmlPublishGeneratesASquare3000PxPngCoverAndEmbedsIt()
    {
        using var show = new TempShow(ShowYml);
        Assert.False(File.Exists(Path.Combine(show.Root, "cover.png")));

        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", show.Root, "--transcript", Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt"), "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var cover = Path.Combine(show.Root, "cover.png");
        var probe = PodcastCli.Tool("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,width,height,pix_fmt", "-of", "json", cover);
        using var json = JsonDocument.Parse(probe.Stdout);
        var stream = json.RootElement.GetProperty("streams")[0];
        Assert.Equal("png", stream.GetProperty("codec_name").GetString());
        Assert.Equal(3000, stream.GetProperty("width").GetInt32());
        Assert.Equal(3000, stream.GetProperty("height").GetInt32());
        Assert.Equal("rgb24", stream.GetProperty("pix_fmt").GetString());
        var audio = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("audio").GetString()!;
        var eyed3 = PodcastCli.Tool("eyeD3", "--no-color", audio);
        Assert.Contains($"FRONT_COVER Image: [Size: {new FileInfo(cover).Length} bytes] [Type: image/png]", eyed3.Stdout, StringComparison.Ordinal);
        var check = PodcastCli.Run("feed", "check", show.Root);
        Assert.True(check.ExitCode == 0, check.Stderr);
    }

    [Fact]
    public void ACoverAlreadyInTheShowFolderIsNeverOverwritten()
    {
        using var show = new TempShow(ShowYml);
        var mine = CoverImage.RenderDefault("The producer's own cover", 1400);
        File.WriteAllBytes(Path.Combine(show.Root, "cover.png"), mine);

        var result = PodcastCli.Run("publish", Fixtures.JfkMp3, "--show", show.Root, "--transcript", Path.Combine(Fixtures.RepositoryRoot, "samples", "welcome.vtt"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(mine, File.ReadAllBytes(Path.Combine(show.Root, "cover.png")));
    }

    [Fact]
    public void TheDefaultCoverCarriesTheTitleInWhiteWhenAFontIsInstalled()
    {
        if (!CoverImage.HasFont)
            Assert.Skip("no font installed (tests/run.sh installs fonts-dejavu-core); covers are drawn without their title");

        var white = WhitePixels(CoverImage.RenderDefault("Deeply Talks", 600));
        var longer = WhitePixels(CoverImage.RenderDefault("Deeply Talks About Everything Under The Sun", 600));

        Assert.True(white > 600 * 600 / 100, $"{white} white pixels");
        Assert.NotEqual(white, longer);
    }

    [Fact]
    public void TheCommittedDeeplyTalksCoverIsAcceptedByTheChecksRules()
    {
        var facts = CoverImage.Inspect(Path.Combine(Fixtures.RepositoryRoot, "feeds", "deeply-talks", "cover.png"));

        Assert.NotNull(facts);
        Assert.Equal(new ImageFacts("png", 3000, 3000, true), facts);
    }

    private static int WhitePixels(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                if (bitmap.GetPixel(x, y) == SKColors.White)
                    count++;
            }
        }

        return count;
    }
}
