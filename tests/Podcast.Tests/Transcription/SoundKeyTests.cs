using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

public sealed class SoundKeyTests
{
    [Theory]
    [InlineData("Raqqa", "Raka")]
    [InlineData("Hassan", "Hasan")]
    [InlineData("Philips", "Filips")]
    [InlineData("Knight", "Nite")]
    [InlineData("Deir", "Their")]
    [InlineData("Mayadin", "Mayatin")]
    public void SpellingsThatSoundAlikeShareAKey(string a, string b) => Assert.Equal(SoundKey.Of(a), SoundKey.Of(b));

    [Theory]
    [InlineData("Raqqa", "Mayadin")]
    [InlineData("Assad", "Osseiran")]
    [InlineData("Deir Ezzor", "the east")]
    public void DifferentSoundsGetDifferentKeys(string a, string b) => Assert.NotEqual(SoundKey.Of(a), SoundKey.Of(b));

    [Fact]
    public void APhraseKeyIsTheKeysOfItsWordsAndIgnoresPunctuationAndAccents() =>
        Assert.Equal(SoundKey.Of("Hassan") + SoundKey.Of("Hassan"), SoundKey.Of("Hassán, Hassan!"));
}
