using System.Text;

namespace Podcast.Transcription.Formats;

/// <summary>Readable prose: one paragraph per speaker turn, the speaker's name first when known.</summary>
internal static class PlainTextWriter
{
    public static string Write(Transcript transcript)
    {
        var text = new StringBuilder();
        string? speaker = null;
        var open = false;
        foreach (var segment in transcript.Segments)
        {
            if (!open || segment.Speaker != speaker)
            {
                if (open)
                    text.Append("\n\n");
                if (segment.Speaker is not null)
                    text.Append(segment.Speaker).Append(": ");
                speaker = segment.Speaker;
                open = true;
            }
            else
            {
                text.Append(' ');
            }

            text.Append(segment.Text.Trim());
        }

        return open ? text.Append('\n').ToString() : string.Empty;
    }
}
