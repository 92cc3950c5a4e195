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

    public string ModelName { get; init; } = Transcription.WhisperModels.DefaultModel;

    /// <summary>An existing VTT, SRT or JSON transcript to use instead of transcribing.</summary>
    public string? TranscriptPath { get; init; }

    public bool Retranscribe { get; init; }

    public string? Language { get; init; }

    public int Threads { get; init; } = Transcription.TranscriptionRequest.DefaultThreads;

    public int BeamSize { get; init; }

    public string? ExtraPrompt { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }
}
