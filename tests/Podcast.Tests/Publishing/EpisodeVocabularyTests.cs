using Podcast.Publishing;

namespace Podcast.Tests.Publishing;

public sealed class EpisodeVocabularyTests
{
    [Theory]
    [InlineData("Deeply Talks: The Battle Against ISIS in Deir Ezzor", "Deir Ezzor")]
    [InlineData("The Garden Hour: Saving Seeds in Oaxaca", "Oaxaca")]
    [InlineData("A talk with Farida Belhadj about ports", "Farida Belhadj")]
    public void TheProperNounsOfATitleAreTheCapitalisedRunsAfterALowerCaseWord(string title, string noun) =>
        Assert.Equal(noun, Assert.Single(EpisodeVocabulary.TitleNouns(title)));

    [Fact]
    public void ATitleInTitleCaseWithoutAPrepositionGivesNoNouns() =>
        Assert.Empty(EpisodeVocabulary.TitleNouns("Shipping Through Thessaloniki"));
}
