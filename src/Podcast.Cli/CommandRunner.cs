using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Podcast.Cli;

/// <summary>
/// Runs a command's body and maps what it throws to one line on stderr and a documented exit code. A
/// <see cref="PodcastException"/> is the user's to fix; anything else is our bug, shown in full only with --verbose.
/// </summary>
internal static class CommandRunner
{
    public static readonly JsonSerializerOptions Json = Podcast.Storage.JsonFile.Options;

    public static void SetRunner(this Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var verbose = parse.GetValue(GlobalOptions.Verbose);
            try
            {
                return await body(parse, cancellationToken).ConfigureAwait(false);
            }
            catch (PodcastException e)
            {
                await Console.Error.WriteLineAsync($"podcast: error: {e.Message}").ConfigureAwait(false);
                if (verbose && e.InnerException is not null)
                    await Console.Error.WriteLineAsync(e.InnerException.ToString()).ConfigureAwait(false);
                return (int)e.Code;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("podcast: cancelled; nothing was published").ConfigureAwait(false);
                return (int)ExitCode.Cancelled;
            }
#pragma warning disable CA1031 // The CLI boundary is where unexpected errors are caught and reported.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync($"podcast: internal error: {e.Message.Split('\n')[0]}{(verbose ? "\n" + e : " (run with --verbose for details)")}").ConfigureAwait(false);
                return (int)ExitCode.Failure;
            }
        });

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));
}
