using Podcast.Speakers;

namespace Podcast.Tests.Speakers;

public sealed class SpeakerOverridesTests
{
    [Theory]
    [InlineData("S1=Alessandria Masi", "S1", "Alessandria Masi")]
    [InlineData("Speaker 2 = Hassan Hassan", "Speaker 2", "Hassan Hassan")]
    [InlineData("3=Kim Bode", "3", "Kim Bode")]
    public void ALabelAndANameAreRead(string option, string label, string name) =>
        Assert.Equal(name, SpeakerOverrides.Parse([option])[label]);

    [Theory]
    [InlineData("Alessandria Masi")]
    [InlineData("S1=")]
    [InlineData("host=Alessandria Masi")]
    [InlineData("S0=Nobody")]
    public void AnythingElseIsAUsageError(string option)
    {
        var e = Assert.Throws<PodcastException>(() => SpeakerOverrides.Parse([option]));
        Assert.Equal(ExitCode.Usage, e.Code);
        Assert.Contains("S1=", e.Message, StringComparison.Ordinal);
    }
}
