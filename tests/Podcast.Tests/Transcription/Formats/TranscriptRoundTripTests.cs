using System.Text.Json;
using CsCheck;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

namespace Podcast.Tests.Transcription.Formats;

/// <summary>Whatever people say, every transcript we write reads back as the same words, speakers and times.</summary>
public sealed class TranscriptRoundTripTests
{
    private static readonly Gen<string> Word = Gen.OneOf(
        Gen.OneOf("Deir", "Ezzor", "ISIS", "&", "<b>", "-->", "a&b", "x<y", "]]>", "naïve", "Über", "日本", "😀", "\"quoted\"", "it's", "Hassan:", "1,000", "00:01"),
        Gen.String[Gen.Char['a', 'z'], 1, 12]);

    private static readonly Gen<string> Text = Word.Array[1, 40].Select(words => string.Join(' ', words));

    private static readonly Gen<string?> Speaker =
        Gen.OneOf<string?>(null, "Alessandria Masi", "Hassan Hassan", "Speaker 2", "Zoë O'Neil", "Jean-Luc Picard");

    private static readonly Gen<Transcript> Transcripts =
        Gen.Select(Text, Speaker, Gen.Int[1, 30_000]).Array[1, 12].Select(parts =>
        {
            var segments = new List<TranscriptSegment>();
            var t = 0.0;
            foreach (var (text, speaker, millis) in parts)
            {
                var start = TimeSpan.FromMilliseconds(Math.Round(t));
                var end = start + TimeSpan.FromMilliseconds(millis);
                segments.Add(new TranscriptSegment(start, end, text, speaker));
                t = end.TotalMilliseconds + 250;
            }

            return new Transcript(segments, "en");
        });

    [Fact]
    public void JsonTranscriptsReadBackExactly() =>
        Transcripts.Sample(transcript =>
        {
            var back = TranscriptReader.Parse(TranscriptFormat.Json.Write(transcript), "en");
            Assert.Equal(transcript.Segments.Select(s => (s.Start, s.End, s.Text, s.Speaker)), back.Segments.Select(s => (s.Start, s.End, s.Text, s.Speaker)));
        });

    /// <summary>
    /// SRT names a speaker only where the voice changes, so it cannot say "unknown" after a known speaker: its
    /// transcripts have a speaker on every segment or on none, and an unnamed one cannot start with "Name:".
    /// </summary>
    [Theory]
    [InlineData(TranscriptFormat.WebVtt)]
    [InlineData(TranscriptFormat.Srt)]
    public void CaptionsReadBackAsTheSameWordsSpeakersAndSpan(TranscriptFormat format) =>
        Transcripts.Where(t => format != TranscriptFormat.Srt || t.Segments.All(s => s.Speaker is not null) || (t.Segments.All(s => s.Speaker is null) && !TranscriptReader.LooksLikeSpeakerPrefix(t.Segments[0].Text))).Sample(transcript =>
        {
            var back = TranscriptReader.Parse(format.Write(transcript), "en");
            Assert.Equal(transcript.PlainText, back.PlainText);
            Assert.Equal(transcript.Segments[0].Start, back.Segments[0].Start);
            Assert.Equal(transcript.Segments[^1].End, back.Segments[^1].End);
            foreach (var cue in back.Segments)
            {
                var owner = transcript.Segments.Single(s => s.Start <= cue.Start && cue.End <= s.End);
                Assert.Equal(owner.Speaker, cue.Speaker);
            }
        });

    [Fact]
    public void ArbitraryTextIsEitherATranscriptOrAFormatError() =>
        Gen.OneOf(Gen.String, Text.Select(t => "WEBVTT\n\n00:01.000 --> " + t), Text.Select(t => "{\"segments\":[" + t + "]}"), Text.Select(t => "1\n00:00:01,000 --> 00:00:0" + t))
            .Sample(text =>
            {
                try
                {
                    TranscriptReader.Parse(text, "en");
                }
                catch (FormatException)
                {
                }
                catch (JsonException)
                {
                }
            });
}
