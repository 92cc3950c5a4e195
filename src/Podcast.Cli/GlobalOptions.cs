using System.CommandLine;

namespace Podcast.Cli;

internal static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print stage timings, and the stack trace of an unexpected error",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON on stdout" };
}
