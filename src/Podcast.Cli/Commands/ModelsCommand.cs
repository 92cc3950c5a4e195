using System.CommandLine;
using Podcast.Transcription;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast models</c> lists the cached Whisper models; <c>podcast models download NAME</c> fetches one.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var list = new Command("models", "List cached Whisper models and the ones that can be downloaded");
        list.SetRunner((_, _) =>
        {
            var models = new WhisperModels(WhisperModels.DefaultCacheDirectory());
            Console.WriteLine($"cache: {models.CacheDirectory}");
            foreach (var file in models.Cached())
                Console.WriteLine($"  cached  {Path.GetFileName(file)}  {new FileInfo(file).Length / 1_000_000} MB");
            Console.WriteLine("downloadable: " + string.Join(", ", WhisperModels.Catalogue.Select(m => m.Name)));
            return Task.FromResult(0);
        });

        var name = new Argument<string>("name") { Description = "Model name, e.g. base.en" };
        var download = new Command("download", "Download a Whisper model into the cache, verifying its SHA-1") { name };
        download.SetRunner(async (parse, cancellationToken) =>
        {
            var models = new WhisperModels(WhisperModels.DefaultCacheDirectory());
            var path = await models.DownloadAsync(WhisperModels.Find(parse.GetValue(name)!), new ProgressPrinter(), cancellationToken).ConfigureAwait(false);
            Console.WriteLine(path);
            return 0;
        });
        list.Subcommands.Add(download);
        return list;
    }
}
