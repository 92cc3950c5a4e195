using Podcast.Decoding;
using Podcast.Tests.Support;
using Podcast.Transcription;

namespace Podcast.Tests.Transcription;

/// <summary>The real Silero VAD model, handed the recording a window at a time.</summary>
public sealed class SileroSpeechDetectorTests
{
    private static SampleArray Call()
    {
        using var audio = new ManagedAudioDecoder().Open(Fixtures.CallMp3);
        return new SampleArray(audio.Samples.ForSpeech().ReadAll(null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void WindowsOfAMinuteFindTheSameSpeechAsTheWholeCallAtOnce()
    {
        var call = Call();
        var whole = new SileroSpeechDetector(Fixtures.SileroVad, window: TimeSpan.FromHours(1)).Detect(call, TestContext.Current.CancellationToken);
        var windowed = new SileroSpeechDetector(Fixtures.SileroVad, window: TimeSpan.FromMinutes(1)).Detect(call, TestContext.Current.CancellationToken);

        Assert.True(whole.Count > 20, $"{whole.Count} regions in the whole call");
        Assert.Equal(whole.Count, windowed.Count);
        Assert.All(whole.Zip(windowed), p =>
        {
            Assert.Equal(p.First.Start.TotalSeconds, p.Second.Start.TotalSeconds, 0.3);
            Assert.Equal(p.First.End.TotalSeconds, p.Second.End.TotalSeconds, 0.3);
        });
    }
}
