using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Transcription;

namespace Podcast.Tests.Speakers;

public sealed class ChannelAttributionTests
{
    private const int Rate = 16000;

    /// <summary>A 200 Hz tone at the given amplitude over [from, to) seconds.</summary>
    private static void Tone(float[] channel, double from, double to, double amplitude)
    {
        for (var i = (int)(from * Rate); i < (int)(to * Rate); i++)
            channel[i] += (float)(amplitude * Math.Sin(2 * Math.PI * 200 * i / Rate));
    }

    [Fact]
    public void EachLineGetsItsOwnSpeechAndAnEchoOnTheOtherLineIsIgnored()
    {
        var left = new float[Rate * 10];
        var right = new float[Rate * 10];
        Tone(left, 0.5, 3, 0.3);
        Tone(right, 0.5, 3, 0.3 / 50); // the left speaker's echo, 34 dB down
        Tone(right, 4, 7, 0.2);
        var spans = ChannelAttribution.Attribute([new SampleArray(left), new SampleArray(right)], [new SpeechRegion(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3)), new SpeechRegion(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(7))]);

        Assert.Equal(2, spans.Count);
        Assert.Equal((0, 0.5, 3.0), (spans[0].Voice, spans[0].Start.TotalSeconds, spans[0].End.TotalSeconds));
        Assert.Equal((1, 4.0, 7.0), (spans[1].Voice, spans[1].Start.TotalSeconds, spans[1].End.TotalSeconds));
    }

    [Fact]
    public void TwoLinesTalkingAtOnceAreBothKept()
    {
        var left = new float[Rate * 6];
        var right = new float[Rate * 6];
        Tone(left, 0, 4, 0.3);
        Tone(right, 2, 6, 0.25);
        var spans = ChannelAttribution.Attribute([new SampleArray(left), new SampleArray(right)], [new SpeechRegion(TimeSpan.Zero, TimeSpan.FromSeconds(6))]);

        Assert.Contains(spans, s => s.Voice == 0 && s.Start.TotalSeconds <= 0.05 && s.End.TotalSeconds >= 3.95);
        Assert.Contains(spans, s => s.Voice == 1 && s.Start.TotalSeconds <= 2.05 && s.End.TotalSeconds >= 5.95);
    }
}
