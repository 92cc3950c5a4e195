using System.Text.Json;
using Podcast.Publishing;

namespace Podcast.Tests.Support;

/// <summary>
/// The Deeply Talks fixture call published once, in process, into a scratch copy of the show: the real pipeline
/// with the fixture transcript, and <see cref="EditorHighlights"/> standing in for the highlight picker so the feed
/// carries soundbites and a chapters file.
/// </summary>
public sealed class PublishedFixtureShow : IAsyncLifetime
{
    public const string Title = "Deeply Talks: The Battle Against ISIS in Deir Ezzor";

    private TempShow? _show;

    public TempShow Show => _show ?? throw new InvalidOperationException("not initialised");

    public PublishResult Result { get; private set; } = null!;

    public EditorHighlights Highlights { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Fixtures.RepositoryRoot, "..", "shared", "fixtures", "deeply-talks-deir-ezzor", "call.mp3")))
            return;
        _show = new TempShow();
        Highlights = new EditorHighlights();
        using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(Fixtures.CallTruth));
        var request = new PublishRequest(Fixtures.CallMp3, _show.Root)
        {
            TranscriptPath = Fixtures.CallTranscript,
            Title = Title,
            Summary = truth.RootElement.GetProperty("episode").GetProperty("summary").GetString(),
            Guests = ["Hassan Hassan"],
            Season = 1,
            Number = 1,
        };
        var stages = PipelineStages.Default() with { Highlights = Highlights };
        Result = await new PublishPipeline(stages).PublishAsync(request, null, null, CancellationToken.None);
    }

    /// <summary>Skips the test when ../shared (and so the fixture call) is absent.</summary>
    public TempShow Require()
    {
        _ = Fixtures.CallMp3;
        return Show;
    }

    public ValueTask DisposeAsync()
    {
        _show?.Dispose();
        return ValueTask.CompletedTask;
    }
}
