using System.CommandLine;
using Podcast.Cli.Commands;

namespace Podcast.Cli;

/// <summary>The command line: every command is registered here, and <see cref="CommandRunner"/> is the only place errors become exit codes.</summary>
public static class Program
{
    public static Task<int> Main(string[] args)
    {
        NativeHeap.ReturnLargeBlocksWhenFreed();
        return Build().Parse(args).InvokeAsync();
    }

    public static RootCommand Build()
    {
        var root = new RootCommand("podcast: turn a recorded conversation into a published podcast episode.");
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(InitCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(LoudnessCommand.Create());
        root.Subcommands.Add(FeedCommand.Create());
        root.Subcommands.Add(UnpublishCommand.Create());
        root.Subcommands.Add(DeployCommand.Create());
        root.Subcommands.Add(HighlightsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(SpeakersCommand.Create());
        root.Subcommands.Add(VoicesCommand.Create());
        root.Subcommands.Add(TranscriptCommand.Create());
        root.Subcommands.Add(QueueCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        return root;
    }
}
