using System.Globalization;
using System.Text;

namespace Podcast.Transcription.Formats;

/// <summary>SubRip captions: at most two lines of 32 characters, a <c>Name:</c> prefix where the speaker changes.</summary>
internal static class SrtWriter
{
    public const int LineLength = 32;

    public static string Write(Transcript transcript)
    {
        var srt = new StringBuilder();
        var number = 0;
        string? lastSpeaker = null;
        foreach (var cue in CueSplitter.Split(transcript, LineLength, maxLines: 2))
        {
            if (number > 0)
                srt.Append('\n');
            srt.Append((++number).ToString(CultureInfo.InvariantCulture)).Append('\n')
                .Append(Timestamps.Format(cue.Start, ',')).Append(" --> ").Append(Timestamps.Format(cue.End, ',')).Append('\n');
            var lines = cue.Lines.ToList();
            // The name is written where the voice changes, and again where the words themselves start like a
            // "Name:" prefix, so that a reader never takes spoken words for a speaker.
            if (cue.Speaker is not null && (cue.Speaker != lastSpeaker || TranscriptReader.LooksLikeSpeakerPrefix(string.Join(' ', lines))))
                lines[0] = $"{cue.Speaker}: {lines[0]}";
            lastSpeaker = cue.Speaker;
            srt.Append(string.Join('\n', lines)).Append('\n');
        }

        return srt.ToString();
    }
}
