namespace Podcast.Transcription.Formats;

/// <summary>The transcript files an episode carries, with the MIME types the podcast:transcript tag names them by.</summary>
public enum TranscriptFormat
{
    WebVtt,
    Srt,
    Json,
    Text,
}

public static class TranscriptFormats
{
    public static IReadOnlyList<TranscriptFormat> All { get; } = [TranscriptFormat.WebVtt, TranscriptFormat.Srt, TranscriptFormat.Json, TranscriptFormat.Text];

    public static string FileName(this TranscriptFormat format) => format switch
    {
        TranscriptFormat.WebVtt => "transcript.vtt",
        TranscriptFormat.Srt => "transcript.srt",
        TranscriptFormat.Json => "transcript.json",
        TranscriptFormat.Text => "transcript.txt",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string MimeType(this TranscriptFormat format) => format switch
    {
        TranscriptFormat.WebVtt => "text/vtt",
        TranscriptFormat.Srt => "application/x-subrip",
        TranscriptFormat.Json => "application/json",
        TranscriptFormat.Text => "text/plain",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Write(this TranscriptFormat format, Transcript transcript) => format switch
    {
        TranscriptFormat.WebVtt => WebVttWriter.Write(transcript),
        TranscriptFormat.Srt => SrtWriter.Write(transcript),
        TranscriptFormat.Json => JsonTranscript.Write(transcript),
        TranscriptFormat.Text => PlainTextWriter.Write(transcript),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
