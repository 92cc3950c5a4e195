namespace Podcast.Speakers;

/// <summary>The producer's <c>--speaker "S1=Alessandria Masi"</c> options: the voice label (S1, Speaker 1, or 1) and the name it gets.</summary>
public static class SpeakerOverrides
{
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string>? options)
    {
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in options ?? [])
        {
            var at = option.IndexOf('=', StringComparison.Ordinal);
            var key = at > 0 ? option[..at].Trim() : string.Empty;
            var name = at > 0 ? option[(at + 1)..].Trim() : string.Empty;
            if (!SpeakerNaming.IsVoiceLabel(key) || name.Length == 0)
                throw PodcastException.InvalidArgument($"--speaker \"{option}\" must be LABEL=NAME with a label like S1 or \"Speaker 1\", e.g. --speaker \"S1=Alessandria Masi\"");
            overrides[key] = name;
        }

        return overrides;
    }
}
