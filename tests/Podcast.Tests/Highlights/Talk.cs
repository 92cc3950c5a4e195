using Podcast.Transcription;

namespace Podcast.Tests.Highlights;

/// <summary>Builds a transcript one sentence at a time, each timed by its length as a reader would say it.</summary>
internal sealed class Talk
{
    private readonly List<TranscriptSegment> _segments = [];
    private double _at = 0.5;

    public Talk Says(string speaker, params string[] sentences)
    {
        if (_segments.Count > 0)
            _at += _segments[^1].Speaker == speaker ? 0.25 : 0.7;
        foreach (var sentence in sentences)
        {
            var seconds = (sentence.Length / 14.5) + 0.4;
            _segments.Add(new TranscriptSegment(TimeSpan.FromSeconds(_at), TimeSpan.FromSeconds(_at + seconds), sentence, speaker));
            _at += seconds + 0.25;
        }

        _at -= 0.25;
        return this;
    }

    public Transcript Build() => new([.. _segments], "en");
}
