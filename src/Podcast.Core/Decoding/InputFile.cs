namespace Podcast.Decoding;

/// <summary>The checks every input file passes before a decoder touches it, each with its own message.</summary>
internal static class InputFile
{
    public static AudioContainer Check(string path)
    {
        if (Directory.Exists(path))
            throw PodcastException.InputIsDirectory(path);
        if (!File.Exists(path))
            throw PodcastException.InputNotFound(path);

        var head = new byte[16];
        int read;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length == 0)
                throw PodcastException.EmptyInput(path);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (UnauthorizedAccessException e)
        {
            throw PodcastException.UnreadableInput(path, "permission denied", e);
        }
        catch (IOException e)
        {
            throw PodcastException.UnreadableInput(path, e.Message, e);
        }

        return AudioSniffer.Sniff(head.AsSpan(0, read))
            ?? throw PodcastException.NotAudio(path, "not WAV, MP3, Ogg Vorbis, FLAC or M4A by its content");
    }
}
