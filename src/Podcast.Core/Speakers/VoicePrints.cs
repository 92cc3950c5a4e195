using Podcast.Decoding;
using Podcast.Transcription;

namespace Podcast.Speakers;

/// <summary>
/// Enrolled voices: how a clip of one person becomes a voice print, and how the voices a recording was split into are
/// matched to the prints the show keeps.
/// </summary>
internal static class VoicePrints
{
    /// <summary>
    /// The cosine at or above which a voice found in a recording is taken to be an enrolled person. Measured with the
    /// LibriSpeech hosts' enrolment clips against the centroids of the voices the neural diarizer found
    /// (VoicePrintsTests): the same person, recorded as in the clip, 0.896 and 0.904 (call.mp3); other people at most
    /// 0.390 there, 0.450 in the phone-band copy, 0.536 in the AMI meeting and 0.651 among the espeak voices. Over a
    /// phone line the hosts themselves scored only 0.607 and 0.660, inside the range strangers reach, so no threshold
    /// names them there safely; 0.7 (the models' reference's, which named all 23 turns of the call right) leaves them
    /// unnamed rather than risk naming a stranger.
    /// </summary>
    public const double Threshold = 0.7;

    /// <summary>Less speech than this makes a print too noisy to trust (a few windows of d-vectors).</summary>
    public static readonly TimeSpan MinimumSpeech = TimeSpan.FromSeconds(3);

    /// <summary>
    /// One person's print from a clip of them alone, made as the d-vector model's reference makes a clip's
    /// (<see cref="DVectorEmbedder.EmbedClip"/>, the whole clip), and how much of the clip the VAD hears as speech.
    /// The whole clip, as the reference does, not its speech joined end to end: on the LibriSpeech hosts a print of
    /// the VAD's speech alone matched the same person lower (0.831 against 0.896 for the 6.6 s clip; 0.597 against
    /// 0.660 on the phone-band call).
    /// </summary>
    public static (float[] Vector, TimeSpan Speech) Embed(ISampleSource clip, ISpeechDetector speech, DVectorEmbedder embedder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentNullException.ThrowIfNull(embedder);
        var heard = speech.Detect(clip, cancellationToken).Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Duration);
        return (heard <= TimeSpan.Zero ? new float[DVectorEmbedder.Dimensions] : embedder.EmbedClip(clip, cancellationToken), heard);
    }

    /// <summary>
    /// Which found voice is which enrolled person: pairs taken greedily by highest cosine, each voice and each person
    /// at most once, only at or above <paramref name="threshold"/>. Keys are indices into <paramref name="centroids"/>.
    /// </summary>
    public static IReadOnlyDictionary<int, EnrolledVoice> Match(IReadOnlyList<float[]> centroids, IReadOnlyList<EnrolledVoice> enrolled, double threshold = Threshold)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        ArgumentNullException.ThrowIfNull(enrolled);
        var pairs = new List<(double Cosine, int Voice, int Person)>();
        for (var v = 0; v < centroids.Count; v++)
        {
            for (var p = 0; p < enrolled.Count; p++)
            {
                if (centroids[v].Length != enrolled[p].Vector.Length)
                    continue;
                var cosine = Vectors.Cosine(centroids[v], enrolled[p].Vector);
                if (cosine >= threshold)
                    pairs.Add((cosine, v, p));
            }
        }

        var matched = new Dictionary<int, EnrolledVoice>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, voice, person) in pairs.OrderByDescending(p => p.Cosine).ThenBy(p => p.Voice).ThenBy(p => p.Person))
        {
            if (matched.ContainsKey(voice) || !taken.Add(enrolled[person].Name))
                continue;
            matched[voice] = enrolled[person];
        }

        return matched;
    }

    /// <summary>
    /// The hints as the count of people sees them: enrolled hosts are hosts (by name, with show.yml's), since a host
    /// is on every episode; enrolled guests are not counted, since a recurring guest is not.
    /// </summary>
    public static SpeakerHints Counting(SpeakerHints hints)
    {
        ArgumentNullException.ThrowIfNull(hints);
        var enrolledHosts = hints.Voices.Where(v => v.Role == SpeakerNaming.Host).Select(v => v.Name).ToList();
        return enrolledHosts.Count == 0 ? hints : hints with { Hosts = [.. hints.Hosts.Concat(enrolledHosts).DistinctBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase)] };
    }

    /// <summary>The diarization's spans, those of a voice matching an enrolled person marked <see cref="VoiceSpan.Recognised"/>.</summary>
    public static IReadOnlyList<VoiceSpan> Recognise(Diarization diarization, IReadOnlyList<EnrolledVoice> enrolled)
    {
        ArgumentNullException.ThrowIfNull(diarization);
        ArgumentNullException.ThrowIfNull(enrolled);
        if (enrolled.Count == 0)
            return diarization.Spans;
        var matched = Match(diarization.Centroids, enrolled);
        return [.. diarization.Spans.Select(s => matched.TryGetValue(s.Voice, out var person) ? s with { Recognised = person } : s)];
    }
}
