namespace Podcast.Feed;

/// <summary>How bad a problem is: an error makes Apple or a Podcasting 2.0 app reject or misread the feed.</summary>
public enum FeedSeverity
{
    Warning,
    Error,
}

/// <summary>One rule a feed breaks, with the element it is about (e.g. <c>item 2 "Title" / enclosure@length</c>).</summary>
public sealed record FeedProblem(FeedSeverity Severity, string Element, string Message)
{
    public override string ToString() => $"{(Severity == FeedSeverity.Error ? "error" : "warning")}: {Element}: {Message}";
}
