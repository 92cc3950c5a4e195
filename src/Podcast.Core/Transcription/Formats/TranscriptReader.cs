using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Podcast.Transcription.Formats;

/// <summary>
/// Reads a transcript a producer already has: WebVTT, SRT or Podcasting 2.0 JSON, told apart by content.
/// Speakers come from VTT voice tags and SRT <c>Name:</c> prefixes.
/// </summary>
public static partial class TranscriptReader
{
    public static Transcript ReadFile(string path, string language)
    {
        if (!File.Exists(path))
            throw PodcastException.InputNotFound(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.UnreadableInput(path, e.Message, e);
        }

        try
        {
            return Parse(text, language);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw PodcastException.InvalidTranscript(path, e.Message, e);
        }
    }

    /// <summary>Parses any supported format; throws <see cref="FormatException"/> or <see cref="JsonException"/> on bad input.</summary>
    public static Transcript Parse(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.Length == 0)
            throw new FormatException("the file is empty");
        if (trimmed.StartsWith('{'))
            return JsonTranscript.Read(trimmed, language);
        if (trimmed.StartsWith("WEBVTT", StringComparison.Ordinal))
            return new Transcript(ReadCues(trimmed, vtt: true), language);
        return new Transcript(ReadCues(trimmed, vtt: false), language);
    }

    private static List<TranscriptSegment> ReadCues(string text, bool vtt)
    {
        var segments = new List<TranscriptSegment>();
        var labelled = false;
        var blocks = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var block in blocks)
        {
            var lines = block.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var timing = Array.FindIndex(lines, l => l.Contains("-->", StringComparison.Ordinal));
            if (timing < 0)
            {
                if (vtt || segments.Count > 0 || block.Trim().Length == 0)
                    continue; // WEBVTT header, NOTE and STYLE blocks
                throw new FormatException("no cue timings (\"00:00:01,000 --> 00:00:02,000\") found");
            }

            var times = lines[timing].Split("-->", 2);
            var endText = times[1].Trim().Split(' ', 2)[0]; // VTT cue settings follow the end time
            if (!Timestamps.TryParse(times[0], out var start) || !Timestamps.TryParse(endText, out var end))
                throw new FormatException($"bad cue timing \"{lines[timing].Trim()}\"");
            if (end < start)
                throw new FormatException($"cue \"{lines[timing].Trim()}\" ends before it starts");

            var body = string.Join(' ', lines.Skip(timing + 1).Select(l => l.Trim()));
            string? speaker = null;
            if (vtt)
            {
                var voice = VoiceTag().Match(body);
                if (voice.Success)
                    speaker = WebUtility.HtmlDecode(voice.Groups[1].Value.Trim());
                body = WebUtility.HtmlDecode(AnyTag().Replace(body, string.Empty));
            }
            else
            {
                // A file names speakers from its first cue on, or not at all.
                var prefix = SpeakerPrefix().Match(body);
                if (segments.Count == 0)
                    labelled = prefix.Success;
                if (labelled && prefix.Success)
                {
                    speaker = prefix.Groups[1].Value;
                    body = body[prefix.Length..];
                }
                else if (segments.Count > 0)
                {
                    speaker = segments[^1].Speaker; // SRT names a speaker only where the voice changes
                }
            }

            body = body.Trim();
            if (body.Length > 0)
                segments.Add(new TranscriptSegment(start, end, body, speaker));
        }

        return segments;
    }

    internal static bool LooksLikeSpeakerPrefix(string line) => SpeakerPrefix().IsMatch(line);

    [GeneratedRegex(@"<v(?:\.[^ >]+)*\s+([^>]+)>")]
    private static partial Regex VoiceTag();

    [GeneratedRegex(@"</?[a-zA-Z][^>]*>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"^((?:[\p{Lu}][\p{L}'.\-]*)(?: [\p{Lu}][\p{L}'.\-]*){0,3}|Speaker \d+):\s+")]
    private static partial Regex SpeakerPrefix();
}
