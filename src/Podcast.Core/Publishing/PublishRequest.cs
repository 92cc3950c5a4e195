namespace Podcast.Publishing;

/// <summary>What the producer asked for on the command line, validated once here.</summary>
public sealed record PublishRequest
{
    public PublishRequest(string audioPath, string showPath)
    {
        if (string.IsNullOrWhiteSpace(audioPath))
            throw PodcastException.InvalidArgument("an audio file to publish is required");
        if (string.IsNullOrWhiteSpace(showPath))
            throw PodcastException.InvalidArgument("--show needs a show folder, e.g. feeds/my-show");
        AudioPath = audioPath;
        ShowPath = showPath;
    }

    public string AudioPath { get; }

    public string ShowPath { get; }

    public string? Title { get; init; }

    public string? Summary { get; init; }

    public IReadOnlyList<string> Guests { get; init; } = [];

    /// <summary>Names the producer gave voices (<c>--speaker "S1=Name"</c>); they win over everything the speaker stage infers.</summary>
    public IReadOnlyDictionary<string, string> Speakers { get; init; } = new Dictionary<string, string>();

    /// <summary>An explicit model file (<c>--model</c>); otherwise the environment, the cache, or a download.</summary>
    public string? ModelPath { get; init; }

    /// <summary>The Whisper model to fetch when none is on this machine; null picks one for the spoken language (<see cref="Models.ModelCatalogue.WhisperFor"/>).</summary>
    public string? ModelName { get; init; }

    /// <summary>
    /// The producer's choice to let Whisper hear everything, silences and noise included (<c>--no-vad</c>): no speech
    /// gate, so the Silero VAD model is not needed for transcription. Never a fallback when the model is missing.
    /// </summary>
    public bool NoVad { get; init; }

    /// <summary>An existing VTT, SRT or JSON transcript to use instead of transcribing.</summary>
    public string? TranscriptPath { get; init; }

    public bool Retranscribe { get; init; }

    /// <summary>
    /// A folder where <see cref="PublishPipeline.HearAsync"/> left what Whisper heard in this recording (a queued
    /// publish: the transcribe queue runs Whisper, the publish queue the rest). It is taken as Whisper's own, so the
    /// vocabulary pass runs and the episode caches it. With this set, publish never runs Whisper: when the folder
    /// holds nothing and no earlier publish cached a transcript, it fails.
    /// </summary>
    public string? HeardPath { get; init; }

    public string? Language { get; init; }

    public int Threads { get; init; } = Transcription.TranscriptionRequest.DefaultThreads;

    public int BeamSize { get; init; }

    /// <summary>
    /// Whisper's initial prompt, only when the producer gives one: publish sends none of its own. With a text prompt
    /// Whisper's base model writes a window without timestamps, whisper.cpp rejects it and decodes it again at
    /// higher temperatures, dropping the prompt from 0.5 up: four extra decodes at the start of every piece for words
    /// no better (bench/profile.md). Show names are spelled by the vocabulary pass instead.
    /// </summary>
    public string? Prompt { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>itunes:season and podcast:season; null keeps what an earlier publish of this recording set.</summary>
    public int? Season
    {
        get;
        init => field = value is null or > 0 ? value : throw PodcastException.InvalidArgument($"--season must be a whole number from 1 up, not {value}");
    }

    /// <summary>itunes:episode and podcast:episode; null keeps what an earlier publish of this recording set.</summary>
    public int? Number
    {
        get;
        init => field = value is null or > 0 ? value : throw PodcastException.InvalidArgument($"--episode must be a whole number from 1 up, not {value}");
    }

    /// <summary>itunes:episodeType: full, trailer or bonus; null keeps the earlier value, else full.</summary>
    public string? EpisodeType
    {
        get;
        init => field = value is null or "full" or "trailer" or "bonus" ? value : throw PodcastException.InvalidArgument($"--type must be full, trailer or bonus, not \"{value}\"");
    }
}
