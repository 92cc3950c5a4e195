using Podcast.Shows;

namespace Podcast.Tests.Shows;

public sealed class EpisodeSlugTests
{
    [Theory]
    [InlineData("Deeply Talks: The Battle Against ISIS in Deir Ezzor", "deeply-talks-the-battle-against-isis-in-deir-ezzor")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("..", "episode")]
    [InlineData("CON", "episode-con")]
    [InlineData("Ça va? Économie & société", "ca-va-economie-societe")]
    [InlineData("<script>alert(1)</script>", "script-alert-1-script")]
    public void TitlesBecomeSafeAsciiFolderNames(string title, string slug)
    {
        Assert.Equal(slug, EpisodeSlug.From(title));
        Assert.True(EpisodeSlug.IsValid(slug));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("nul")]
    [InlineData("UPPER")]
    public void PathsAndReservedNamesAreNotSlugs(string slug)
    {
        var error = Assert.Throws<PodcastException>(() => EpisodeSlug.Require(slug));
        Assert.Equal(ExitCode.Usage, error.Code);
    }
}
