using System.Net;
using System.Text;

namespace Podcast.Transcription.Formats;

/// <summary>WebVTT captions with <c>&lt;v Speaker&gt;</c> voice tags, lines of at most 65 characters, two lines a cue.</summary>
internal static class WebVttWriter
{
    public const int LineLength = 65;

    public static string Write(Transcript transcript)
    {
        var vtt = new StringBuilder("WEBVTT\n");
        foreach (var cue in CueSplitter.Split(transcript, LineLength, maxLines: 2))
        {
            vtt.Append('\n')
                .Append(Timestamps.Format(cue.Start, '.')).Append(" --> ").Append(Timestamps.Format(cue.End, '.')).Append('\n');
            // Cue text is HTML-like: & and < must be escaped; escaping > as well keeps "-->" out of cue text.
            var voice = cue.Speaker is null ? string.Empty : $"<v {Escape(cue.Speaker)}>";
            vtt.Append(voice).Append(string.Join('\n', cue.Lines.Select(Escape))).Append('\n');
        }

        return vtt.ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
