using System.CommandLine;
using System.Globalization;
using Podcast.Models;
using Podcast.Publishing;
using Podcast.Shows;

namespace Podcast.Cli.Commands;

/// <summary>
/// <c>podcast models</c> lists every model publish can load, cached or not; <c>podcast models download NAME...</c>
/// fetches some, and <c>--needed [--show DIR]</c> fetches what publish will load for that show.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var json = GlobalOptions.Json();
        var list = new Command("models", "List the models publish uses (Whisper, speech detection, speakers): where each comes from and whether it is cached") { json };
        list.SetRunner((parse, _) =>
        {
            var cache = ModelCache.ForCurrentUser();
            var rows = cache.Catalogue.All.Select(m => (Model: m, Path: cache.Locate(m))).ToList();
            if (parse.GetValue(json))
            {
                CommandRunner.WriteJson(new
                {
                    Cache = cache.CacheDirectory,
                    Mirror = cache.Mirror?.ToString(),
                    Models = rows.Select(r => new
                    {
                        r.Model.Name,
                        r.Model.FileName,
                        r.Model.Bytes,
                        Checksum = r.Model.Checksum.ToString(),
                        r.Model.UsedBy,
                        Source = cache.DownloadUri(r.Model).ToString(),
                        Wheel = r.Model.Wheel is { } w && cache.Mirror is null ? $"{w.ArchiveName} ({w.ArchiveChecksum}), member {w.Member}" : null,
                        Cached = r.Path is not null,
                        r.Path,
                    }),
                });
                return Task.FromResult(0);
            }

            Console.WriteLine($"cache: {cache.CacheDirectory}{(cache.Mirror is null ? string.Empty : $"  (downloads from {ModelCache.MirrorVariable}={cache.Mirror})")}");
            foreach (var (model, path) in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(path is null ? "-     " : "cached")}  {model.Name,-22} {model.FileName,-36} {model.Size,7}  {model.UsedBy}"));
            }

            Console.WriteLine("`podcast models download NAME...` fetches models; `podcast models download --needed` fetches what publish uses.");
            return Task.FromResult(0);
        });

        var names = new Argument<string[]>("name") { Description = "Model names as `podcast models` lists them, e.g. base.en silero-vad", Arity = ArgumentArity.ZeroOrMore };
        var needed = new Option<bool>("--needed") { Description = "Fetch every model publish will use for the show" };
        var show = new Option<string?>("--show") { Description = "The show folder whose settings (language) pick the Whisper model; with --needed" };
        var modelName = new Option<string?>("--model-name") { Description = "The Whisper model publish will be asked for; with --needed (default: base.en for English, else base)" };
        var download = new Command("download", "Download models into the cache, verifying each against its published checksum") { names, needed, show, modelName };
        download.SetRunner(async (parse, cancellationToken) =>
        {
            var stages = PipelineStages.Default();
            var cache = stages.Models;
            var requested = parse.GetValue(names) ?? [];
            List<KnownModel> models;
            if (parse.GetValue(needed))
            {
                if (requested.Length > 0)
                    throw PodcastException.InvalidArgument("give model names or --needed, not both");
                var language = parse.GetValue(show) is { Length: > 0 } folder ? ShowFile.Load(new ShowFolder(folder)).Language : "en";
                var whisper = cache.Catalogue.Find(parse.GetValue(modelName) ?? ModelCatalogue.WhisperFor(language));
                models = [whisper, cache.Catalogue.Find(ModelCatalogue.SileroVad.Name), .. stages.Speakers?.Models ?? []];
            }
            else if (requested.Length > 0)
            {
                models = [.. requested.Select(cache.Catalogue.Find)];
            }
            else
            {
                throw PodcastException.InvalidArgument("name the models to download (see `podcast models`), or pass --needed");
            }

            var paths = await cache.EnsureAsync(models, new ProgressPrinter(), cancellationToken).ConfigureAwait(false);
            foreach (var model in models.Distinct())
                Console.WriteLine($"{model.Name}  {paths[model]}");
            return 0;
        });
        list.Subcommands.Add(download);
        return list;
    }
}
