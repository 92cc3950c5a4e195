using System.Globalization;
using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Tests.Support;
using Podcast.Transcription;
using static Podcast.Tests.Support.Some;

namespace Podcast.Tests.Speakers;

/// <summary>Stereo with the neural diarizer: which lines are diarized, on what samples, and how their voices come back.</summary>
public sealed class LineVoicesTests
{
    private const int Rate = 16000;

    private static float[] Unit(params float[] values)
    {
        var v = new float[DVectorEmbedder.Dimensions];
        values.CopyTo(v, 0);
        Vectors.Normalise(v);
        return v;
    }

    /// <summary>20 s on two lines: line 0 talks (0.5) at 0-4 s and 10-14 s, line 1 (-0.5) at 5-9 s, and each line's echo (0.05) is on the other.</summary>
    private static (ISampleSource[] Channels, VoiceSpan[] ByChannel) TwoLines()
    {
        var left = new float[20 * Rate];
        var right = new float[20 * Rate];
        void Talk(float[] line, float[] other, double from, double to, float level)
        {
            for (var i = (int)(from * Rate); i < (int)(to * Rate); i++)
                (line[i], other[i]) = (level, level / 10);
        }

        Talk(left, right, 0, 4, 0.5f);
        Talk(left, right, 10, 14, 0.5f);
        Talk(right, left, 5, 9, -0.5f);
        return ([new SampleArray(left), new SampleArray(right)], [new(S(0), S(4), 0), new(S(5), S(9), 1), new(S(10), S(14), 0)]);
    }

    /// <summary>
    /// A stand-in diarizer: on line 0 (positive samples) two people, one per half of what it hears; on line 1 a third
    /// person it was asked to split in two, whose halves sound alike (cosine 0.95). It keeps what it was given.
    /// </summary>
    private sealed class TwoPeopleOnTheLeft
    {
        public List<(float[] Samples, int? People)> Calls { get; } = [];

        public Diarization Diarize(ISampleSource samples, int? people)
        {
            var heard = samples.Read(0, samples.Length);
            Calls.Add((heard, people));
            var half = samples.Duration() / 2;
            VoiceSpan[] spans = [new(TimeSpan.Zero, half, 0), new(half, samples.Duration(), 1)];
            return heard[0] > 0
                ? new Diarization(spans, [Unit(1, 0), Unit(0, 1)])
                : new Diarization(spans, [Unit(0, 0, 1), Unit(0, MathF.Sqrt(1 - (0.95f * 0.95f)), 0.95f)]);
        }
    }

    [Fact]
    public void ALineIsDiarizedOnItsOwnSpeechAloneAndItsVoicesComeBackInTheRecordingsTime()
    {
        var (channels, byChannel) = TwoLines();
        var diarizer = new TwoPeopleOnTheLeft();

        var spans = LineVoices.Find(channels, byChannel, 3, [], diarizer.Diarize, TestContext.Current.CancellationToken);

        // Each line was heard alone: 8 s of line 0's own speech, 4 s of line 1's; never the other line or its echo.
        Assert.Equal([(8.0, (int?)2), (4.0, 2)], diarizer.Calls.Select(c => (c.Samples.Length / (double)Rate, c.People)));
        Assert.All(diarizer.Calls[0].Samples, s => Assert.Equal(0.5f, s));
        Assert.All(diarizer.Calls[1].Samples, s => Assert.Equal(-0.5f, s));

        // Line 0 holds two people (one per stretch); line 1's two halves are one person, kept whole.
        Assert.Equal(
            [(0.0, 4.0, 0, (int?)0), (5.0, 9.0, 2, 1), (10.0, 14.0, 1, 0)],
            spans.Select(s => (Math.Round(s.Start.TotalSeconds, 3), Math.Round(s.End.TotalSeconds, 3), s.Voice, s.Line)));
    }

    [Fact]
    public void WithNoMorePeopleThanLinesNoLineIsDiarized()
    {
        var (channels, byChannel) = TwoLines();
        var spans = LineVoices.Find(channels, byChannel, 2, [], (_, _) => throw new InvalidOperationException("no line needs the diarizer"), TestContext.Current.CancellationToken);

        Assert.Equal([(0, (int?)0), (1, 1), (0, 0)], spans.Select(s => (s.Voice, s.Line)));
    }

    [Fact]
    public void WhenNobodyCountedThePeopleEachLineKeepsTheVoicesTheDiarizerCounts()
    {
        var (channels, byChannel) = TwoLines();
        var diarizer = new TwoPeopleOnTheLeft();

        var spans = LineVoices.Find(channels, byChannel, null, [], diarizer.Diarize, TestContext.Current.CancellationToken);

        Assert.All(diarizer.Calls, c => Assert.Null(c.People));
        Assert.Equal(4, spans.Select(s => s.Voice).Distinct().Count());
    }

    [Fact]
    public void EnrolledPeopleAreRecognisedOnTheLineThatCarriesThem()
    {
        var (channels, byChannel) = TwoLines();
        var ann = new EnrolledVoice("Ann Host", "host", Unit(1, 0.1f));
        var bob = new EnrolledVoice("Bob Host", "host", Unit(0.1f, 1));

        var spans = LineVoices.Find(channels, byChannel, 3, [ann, bob], new TwoPeopleOnTheLeft().Diarize, TestContext.Current.CancellationToken);

        Assert.Equal(["Ann Host", null, "Bob Host"], spans.Select(s => s.Recognised?.Name));
    }

    [Fact]
    public void JoinedSpeechReadsAcrossTheJoinsAndCutsSpansBackAtThem()
    {
        var samples = Enumerable.Range(0, 10 * Rate).Select(i => (float)i).ToArray();
        var joined = new JoinedSpeech(new SampleArray(samples), [new(S(1), S(2), 0), new(S(5), S(6), 0)]);

        Assert.Equal(2 * Rate, joined.Length);
        Assert.Equal([(2 * Rate) - 1, 5 * Rate], joined.Read(Rate - 1, 2));
        var back = joined.ToOriginal([new VoiceSpan(S(0.5), S(1.5), 3) { Confidence = 0.7 }]);
        Assert.Equal([(1.5, 2.0), (5.0, 5.5)], back.Select(s => (s.Start.TotalSeconds, s.End.TotalSeconds)));
        Assert.All(back, s => Assert.Equal((3, 0.7), (s.Voice, s.Confidence)));
    }

    /// <summary>
    /// The measurement <see cref="LineVoices.SameVoice"/> rests on: each line of the stereo fixtures split in two by
    /// the diarizer. The hosts' line holds two people, the guest's one, in real voices and in espeak's.
    /// </summary>
    [Theory]
    [InlineData("fixtures/real-voices/librispeech-call/call-stereo.mp3")]
    [InlineData("fixtures/deeply-talks-deir-ezzor/call-stereo.mp3")]
    public void TwoPeopleOnALineSplitFarApartAndOnePersonSplitStaysClose(string recording)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var path = Fixtures.Require(recording);
        var models = new SpeakerModelFiles(Fixtures.Require("models/speaker/pyannote-segmentation-3.0.int8.onnx"), Fixtures.Require("models/speaker/dvector-voxceleb2.int8.onnx"));
        var decoder = new ManagedAudioDecoder(others: new FfmpegAudioDecoder());
        using var mono = VoicePrintsTests.Decode(path);
        var regions = new SileroSpeechDetector(Fixtures.SileroVad).Detect(mono, cancellationToken);
        var channels = new List<SampleFile>();
        try
        {
            for (var c = 0; c < 2; c++)
            {
                using var audio = decoder.Open(path);
                channels.Add(SampleFile.Write(audio.Samples.Channel(c).ResampleTo(Rate), Path.GetTempPath(), cancellationToken));
            }

            var byChannel = ChannelAttribution.Attribute(channels, regions);
            var cosines = Enumerable.Range(0, 2).Select(c =>
            {
                var centroids = new NeuralDiarizer(models).Diarize(new JoinedSpeech(channels[c], [.. byChannel.Where(s => s.Voice == c)]), 2, cancellationToken).Centroids;
                Assert.Equal(2, centroids.Count);
                return Vectors.Cosine(centroids[0], centroids[1]);
            }).ToList();
            TestContext.Current.SendDiagnosticMessage(string.Create(CultureInfo.InvariantCulture, $"{recording}: hosts' line split at cosine {cosines[0]:0.000}, guest's at {cosines[1]:0.000}"));

            Assert.True(cosines[0] < LineVoices.SameVoice, $"the hosts' line split in two at cosine {cosines[0]:0.000}");
            Assert.True(cosines[1] >= LineVoices.SameVoice, $"the guest's line split in two at cosine {cosines[1]:0.000}");
        }
        finally
        {
            foreach (var channel in channels)
                channel.Dispose();
        }
    }
}
