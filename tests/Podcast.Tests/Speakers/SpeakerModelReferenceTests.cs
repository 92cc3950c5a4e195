using System.Buffers.Binary;
using System.Text.Json;
using Podcast.Decoding;
using Podcast.Speakers;
using Podcast.Tests.Support;

namespace Podcast.Tests.Speakers;

/// <summary>
/// The speaker models' feature recipe and both ONNX models, checked number by number against the reference outputs
/// published with the models (../shared/models/speaker/reference): a port that drifts here gives voices the model
/// was never trained on.
/// </summary>
public sealed class SpeakerModelReferenceTests
{
    private static string Reference(string name) => Fixtures.Require("models/speaker/reference/" + name);

    private static string Model(string name) => Fixtures.Require("models/speaker/" + name);

    [Fact]
    public void TheLogMelFramesOfTheReferenceClipMatchItsReferenceWithinOneThousandth()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Reference("dvector.json")));
        var clip = new SampleArray(Pcm16Wav.Read(Reference("dvector-clip.wav")));
        Assert.Equal(expected.RootElement.GetProperty("frames").GetInt32(), LogMel.FrameCount(clip.Length));

        var frames = new float[3 * LogMel.Mels];
        new LogMel().Compute(clip, 0, frames);

        var rows = expected.RootElement.GetProperty("logmel_first_3_frames").EnumerateArray().ToList();
        var worst = 0.0;
        for (var t = 0; t < 3; t++)
        {
            var row = rows[t].EnumerateArray().Select(v => v.GetDouble()).ToList();
            Assert.Equal(LogMel.Mels, row.Count);
            for (var m = 0; m < LogMel.Mels; m++)
                worst = Math.Max(worst, Math.Abs(row[m] - frames[(t * LogMel.Mels) + m]));
        }

        Assert.True(worst <= 1e-3, $"largest log-mel difference {worst:G3}");
    }

    [Fact]
    public void TheReferenceClipsDVectorMatchesItsReferenceAtCosineOf0999OrMore()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Reference("dvector.json")));
        var clip = new SampleArray(Pcm16Wav.Read(Reference("dvector-clip.wav")));
        using var embedder = new DVectorEmbedder(Model("dvector-voxceleb2.int8.onnx"));
        Assert.Equal(expected.RootElement.GetProperty("windows").GetInt32(), DVectorEmbedder.WindowCount(clip.Length));

        var embedding = embedder.EmbedClip(clip, CancellationToken.None);

        var reference = expected.RootElement.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle()).ToArray();
        var cosine = Vectors.Cosine(embedding, reference);
        Assert.True(cosine >= 0.999, $"cosine {cosine:0.00000} to the reference d-vector");
    }

    [Fact]
    public void TheSegmentationOfTheFirstTenSecondsOfTheMeetingAgreesWithTheReferenceOn99PercentOfFrames()
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Reference("segmentation.json")));
        var meeting = Pcm16Wav.Read(Fixtures.Require("fixtures/real-voices/ami-sample/sample.wav"));
        using var segmenter = new SpeakerSegmenter(Model("pyannote-segmentation-3.0.int8.onnx"));
        var window = new float[SpeakerSegmenter.WindowSamples];
        SpeakerSegmenter.Read(new SampleArray(meeting), 0, window);
        var classes = new byte[SpeakerSegmenter.Frames];

        segmenter.Classify(window, 1, classes);

        var reference = expected.RootElement.GetProperty("argmax").EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray();
        Assert.Equal(reference.Length, classes.Length);
        var agree = reference.Zip(classes).Count(p => p.First == p.Second) / (double)reference.Length;
        Assert.True(agree >= 0.99, $"{agree:P1} of frames agree");
        Assert.Contains(classes, c => c != 0); // someone speaks in the excerpt, and the model hears it
    }

    [Fact]
    public void WindowsCoverTheRecordingAndTheLastEndsAtItsEnd()
    {
        Assert.Equal([0L], SpeakerSegmenter.WindowStarts(1000, 16000));
        var starts = SpeakerSegmenter.WindowStarts(200_000, 16000);
        Assert.Equal(200_000 - SpeakerSegmenter.WindowSamples, starts[^1]);
        Assert.Equal([0L, 16000, 32000], starts[..3]);
        Assert.Equal(1, DVectorEmbedder.WindowCount(LogMel.FrameLength));
        Assert.Equal(0, DVectorEmbedder.WindowCount(LogMel.FrameLength - 1));
    }

    /// <summary>16-bit PCM WAV as floats (sample / 32768), as the references were made.</summary>
    private static class Pcm16Wav
    {
        public static float[] Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var at = 12;
            while (at + 8 <= bytes.Length)
            {
                var id = System.Text.Encoding.ASCII.GetString(bytes, at, 4);
                var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
                if (id == "data")
                {
                    var count = Math.Min(size, bytes.Length - at - 8) / 2;
                    var samples = new float[count];
                    for (var i = 0; i < count; i++)
                        samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(at + 8 + (2 * i))) / 32768f;
                    return samples;
                }

                at += 8 + size + (size & 1);
            }

            throw new InvalidDataException($"{path}: no data chunk");
        }
    }
}
