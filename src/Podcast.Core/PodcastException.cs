namespace Podcast;

/// <summary>
/// Exit codes of the <c>podcast</c> command. Every failure maps to exactly one; the README lists them.
/// </summary>
public enum ExitCode
{
    Ok = 0,
    Failure = 1,
    Usage = 2,
    InputNotFound = 3,
    InvalidInput = 4,
    ModelUnavailable = 5,
    ShowInvalid = 6,
    FeedInvalid = 7,
    Busy = 8,
    WriteFailed = 9,
    DeployFailed = 10,
    Cancelled = 130,
}

/// <summary>
/// The one exception the stages throw for anything a user can fix. Its message is a single line that names the file
/// and the problem; the CLI prints it and exits with <see cref="Code"/>. Anything else escaping a stage is a bug.
/// </summary>
public sealed class PodcastException : Exception
{
    private PodcastException(ExitCode code, string message, Exception? inner = null)
        : base(message, inner) => Code = code;

    public ExitCode Code { get; }

    public static PodcastException InputNotFound(string path) =>
        new(ExitCode.InputNotFound, $"{path}: no such file");

    public static PodcastException InputIsDirectory(string path) =>
        new(ExitCode.InvalidInput, $"{path}: is a directory, not an audio file");

    public static PodcastException EmptyInput(string path) =>
        new(ExitCode.InvalidInput, $"{path}: the file is empty");

    public static PodcastException UnreadableInput(string path, string reason, Exception? inner = null) =>
        new(ExitCode.InvalidInput, $"{path}: cannot be read ({reason})", inner);

    public static PodcastException NotAudio(string path, string reason, Exception? inner = null) =>
        new(ExitCode.InvalidInput, $"{path}: not a supported audio file ({reason})", inner);

    public static PodcastException InvalidAudio(string path, string rule) =>
        new(ExitCode.InvalidInput, $"{path}: {rule}");

    public static PodcastException InvalidTranscript(string path, string reason, Exception? inner = null) =>
        new(ExitCode.InvalidInput, $"{path}: not a readable transcript ({reason})", inner);

    /// <summary>A file in the episode folder that a producer edited (highlights.json, chapters.json) breaks a rule.</summary>
    public static PodcastException InvalidEpisodeFile(string path, string rule, Exception? inner = null) =>
        new(ExitCode.InvalidInput, $"{path}: {rule}", inner);

    public static PodcastException InvalidArgument(string message) =>
        new(ExitCode.Usage, message);

    public static PodcastException ModelUnavailable(string message, Exception? inner = null) =>
        new(ExitCode.ModelUnavailable, message, inner);

    public static PodcastException ShowInvalid(string path, string message, Exception? inner = null) =>
        new(ExitCode.ShowInvalid, $"{path}: {message}", inner);

    public static PodcastException FeedInvalid(string path, string message, Exception? inner = null) =>
        new(ExitCode.FeedInvalid, $"{path}: {message}", inner);

    /// <summary>The feed as rendered breaks rules a podcast app enforces; the old feed.xml is left in place.</summary>
    public static PodcastException FeedRejected(string path, IReadOnlyList<string> problems) =>
        new(ExitCode.FeedInvalid, $"{path}: not written, the new feed fails `podcast feed check` ({problems.Count} error{(problems.Count == 1 ? string.Empty : "s")}): {string.Join("; ", problems)}");

    public static PodcastException EpisodeNotFound(string showPath, string slug) =>
        new(ExitCode.InputNotFound, $"{showPath}: no published episode \"{slug}\" (its folder under episodes/ has no episode.json)");

    public static PodcastException VoiceNotFound(string voicesPath, string name, IReadOnlyList<string> enrolled) =>
        new(ExitCode.InputNotFound, $"{voicesPath}: no voice \"{name}\" is enrolled ({(enrolled.Count == 0 ? "none are" : "enrolled: " + string.Join(", ", enrolled))})");

    public static PodcastException Busy(string path, string message) =>
        new(ExitCode.Busy, $"{path}: {message}");

    public static PodcastException WriteFailed(string path, string reason, Exception? inner = null) =>
        new(ExitCode.WriteFailed, $"{path}: cannot write ({reason})", inner);

    /// <summary>The object store refused or could not be reached; <paramref name="target"/> is the s3:// URL concerned.</summary>
    public static PodcastException DeployFailed(string target, string reason, Exception? inner = null) =>
        new(ExitCode.DeployFailed, $"{target}: {reason}", inner);

    /// <summary>A deploy that stopped part-way: the storage's error, then what state the bucket was left in.</summary>
    public static PodcastException DeployInterrupted(PodcastException cause, string state)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new(cause.Code, $"{cause.Message}; {state}", cause.InnerException);
    }

    public static PodcastException Unsupported(string path, string message) =>
        new(ExitCode.InvalidInput, $"{path}: {message}");
}
