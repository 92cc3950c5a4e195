using System.Globalization;
using Podcast.Decoding;
using Podcast.Feed;
using Podcast.Highlights;
using Podcast.Mastering;
using Podcast.Models;
using Podcast.Shows;
using Podcast.Speakers;
using Podcast.Storage;
using Podcast.Tagging;
using Podcast.Transcription;
using Podcast.Transcription.Formats;

namespace Podcast.Publishing;

/// <summary>
/// From a recorded call to an episode in the feed: decode -> transcribe -> speakers -> highlights -> master -> tag
/// -> feed -> site. Everything is checked before the show folder is touched (<see cref="EpisodePlan"/>); mastering
/// runs beside the other stages (<see cref="MasteringRun"/>); the episode's files are written under the show's lock
/// and the show changes in one <see cref="ShowCommit"/>: episode.json, then feed.xml, each atomically.
/// </summary>
public sealed class PublishPipeline(PipelineStages stages)
{
    /// <summary>Shortest recording worth publishing; anything shorter is almost certainly a wrong file.</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(1);

    public async Task<PublishResult> PublishAsync(PublishRequest request, IProgress<StageProgress>? progress, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var log = new PublishLog(warn);

        // Everything a producer could have got wrong is checked before any slow work: the show and its feed, the
        // recording, the episode it becomes, the transcript it starts from and every model a stage will load.
        var folder = new ShowFolder(request.ShowPath);
        var show = ShowFile.Load(folder);
        FeedGuard.EnsureReplaceable(folder);
        using var audio = log.Measure("decode", () => OpenRecording(request.AudioPath));
        await using var mastering = MasteringRun.Start(stages.Mastering, stages.Decoder, audio.Info, new MasteringOptions(show.LoudnessTarget, show.TruePeakCeiling), log, cancellationToken);
        var plan = await EpisodePlan.ForAsync(folder, show, request, cancellationToken).ConfigureAwait(false);
        var reused = TranscriptOutcome.Reuse(request, plan);
        if (reused is null && request.HeardPath is not null)
            throw PodcastException.InvalidTranscript(request.HeardPath, "the transcribe job's transcript is missing; queue the recording again");
        var speakers = SpeakerStep(reused, plan, request);
        var whisper = await EnsureModelsAsync(request, plan, reused is null, speakers, progress, log, cancellationToken).ConfigureAwait(false);

        // Transcribe, unless the producer brought a transcript or an earlier publish cached one; then the vocabulary.
        using var speech = whisper is null ? null : log.Measure("resample", () => Resample(request.AudioPath, folder.Root, cancellationToken));
        if (whisper is not null)
            await mastering.PlannedAsync().ConfigureAwait(false);
        var transcript = (reused ?? await TranscribeAsync(speech!, whisper!, progress, log, cancellationToken).ConfigureAwait(false)).Corrected(plan, log);

        // Whisper, which takes every core, is done: the encode runs beside the speaker and highlight stages.
        mastering.Encode(plan.AudioFile, folder.Root, progress);
        var spoken = await FindSpeakersAsync(speakers, transcript.Transcript, speech, audio.Info, plan, log, cancellationToken).ConfigureAwait(false);
        var picked = PickHighlights(spoken, plan, log, cancellationToken);

        // From here on the show folder changes: one writer at a time.
        using var commit = await ShowCommit.BeginAsync(folder, show, stages.Feed, log.Warn, stages.ShowGate, cancellationToken).ConfigureAwait(false);
        using var draft = EpisodeDraft.Begin(plan.Directory, untouched: plan.AudioFile);
        var extras = new EpisodeExtras(plan.Directory);
        var (highlights, chapters) = Settle(extras, picked, plan, audio.Info.Duration, log);
        var mastered = await mastering.FinishAsync().ConfigureAwait(false);
        Tag(mastered, plan, spoken.Transcript, chapters, log);
        var content = WriteEpisodeFiles(plan, transcript, spoken.Transcript, extras, highlights, chapters, mastered, mastering.Options);
        var episodes = log.Measure("feed", () => commit.Add(plan.Episode(mastered, content), mastering.Staged!, draft));
        if (stages.Site is not null)
            log.Measure("site", () => stages.Site.Write(folder, show, episodes, cancellationToken));

        return new PublishResult(plan.Guid, plan.Slug, folder.FeedFile, plan.Directory, plan.AudioFile, mastered.Duration.TotalSeconds, spoken.Transcript.Segments.Count,
            transcript.Reused, mastered.Before, mastered.After, log.Timings(), log.Warnings, transcript.Corrections.Count(c => !c.Rejected));
    }

    /// <summary>
    /// Whisper's part of <see cref="PublishAsync"/> alone, for a queue's transcribe job: the recording transcribed as
    /// that publish would transcribe it (model, language, prompt, speech gate), left in <see cref="PublishRequest.HeardPath"/>
    /// for it. The show is checked as publish checks it and not changed. Returns false, running nothing, when that
    /// publish would not run Whisper (a given transcript, one already heard, or an earlier publish's cache).
    /// </summary>
    public async Task<bool> HearAsync(PublishRequest request, IProgress<StageProgress>? progress, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.HeardPath is null)
            throw PodcastException.InvalidArgument("a transcribe job needs a folder to leave what Whisper heard in");
        var log = new PublishLog(warn);
        var folder = new ShowFolder(request.ShowPath);
        var show = ShowFile.Load(folder);
        FeedGuard.EnsureReplaceable(folder);
        using var audio = log.Measure("decode", () => OpenRecording(request.AudioPath));
        var plan = await EpisodePlan.ForAsync(folder, show, request, cancellationToken).ConfigureAwait(false);
        if (TranscriptOutcome.Reuse(request, plan) is not null)
            return false;
        var whisper = await EnsureModelsAsync(request, plan, transcribing: true, speakers: null, progress, log, cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(request.HeardPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw PodcastException.WriteFailed(request.HeardPath, AtomicFile.DescribeIoError(e), e);
        }

        // The samples go beside what Whisper will have heard, not into the show: a transcription leaves the show as it was.
        using var speech = log.Measure("resample", () => Resample(request.AudioPath, request.HeardPath, cancellationToken));
        var heard = await TranscribeAsync(speech, whisper!, progress, log, cancellationToken).ConfigureAwait(false);
        heard.SaveHeard(request.HeardPath);
        return true;
    }

    /// <summary>Decode: the recording, checked to be worth publishing.</summary>
    private DecodedAudio OpenRecording(string path)
    {
        var audio = stages.Decoder.Open(path);
        if (audio.Info.Duration >= MinimumDuration)
            return audio;
        audio.Dispose();
        throw PodcastException.InvalidAudio(path, $"is {audio.Info.Duration.TotalSeconds:0.##} s long; a recording must be at least {MinimumDuration.TotalSeconds:0} s");
    }

    /// <summary>
    /// The speaker stage and what it is told, when it runs: when the transcript does not already say who speaks. The
    /// show's enrolled voices are read here, so a damaged voices.json stops publish before the slow work.
    /// </summary>
    private (ISpeakerFinder Finder, SpeakerHints Hints)? SpeakerStep(TranscriptOutcome? reused, EpisodePlan plan, PublishRequest request) =>
        stages.Speakers is { } finder && reused?.NamesSpeakers != true
            ? (finder, new SpeakerHints(plan.Show.Hosts, plan.Guests, request.Speakers) { Voices = VoiceStore.Enrolled(plan.Folder, ModelCatalogue.SpeakerEmbedding) })
            : null;

    /// <summary>
    /// Every model a stage will load is on this machine before anything is written: one missing and not downloadable
    /// stops publish here, naming each such model. Returns how Whisper is to run, or null when it does not.
    /// </summary>
    private async Task<TranscriptionRequest?> EnsureModelsAsync(PublishRequest request, EpisodePlan plan, bool transcribing, (ISpeakerFinder Finder, SpeakerHints Hints)? speakers, IProgress<StageProgress>? progress, PublishLog log, CancellationToken cancellationToken)
    {
        if (request.ModelPath is not null && !File.Exists(request.ModelPath))
            throw PodcastException.ModelUnavailable($"{request.ModelPath}: no such Whisper model file (from --model)");
        var whisperModel = transcribing && request.ModelPath is null ? stages.Models.Catalogue.Find(request.ModelName ?? ModelCatalogue.WhisperFor(plan.Language)) : null;
        var speechModel = transcribing && !request.NoVad ? stages.Models.Catalogue.Find(ModelCatalogue.SileroVad.Name) : null;
        IEnumerable<KnownModel> needed = [.. new[] { whisperModel, speechModel }.OfType<KnownModel>(), .. speakers?.Finder.Models ?? []];
        var models = await log.MeasureAsync("models", () => stages.Models.EnsureAsync(needed, progress, cancellationToken)).ConfigureAwait(false);
        if (!transcribing)
            return null;
        return new TranscriptionRequest(request.ModelPath ?? models[whisperModel!], plan.Language, request.Prompt?.Trim() ?? "", request.Threads, request.BeamSize, speechModel is null ? null : models[speechModel]);
    }

    /// <summary>
    /// The 16 kHz samples Whisper and the speaker stage share, in a temp file in <paramref name="directory"/> (the show
    /// folder; on disk: a RAM-backed /tmp would hold the 230 MB an hour that this keeps out of memory).
    /// </summary>
    private SampleFile Resample(string audioPath, string directory, CancellationToken cancellationToken)
    {
        using var decoded = stages.Decoder.Open(audioPath);
        return SampleFile.Write(decoded.Samples.ForSpeech(), directory, cancellationToken);
    }

    private async Task<TranscriptOutcome> TranscribeAsync(SampleFile speech, TranscriptionRequest whisper, IProgress<StageProgress>? progress, PublishLog log, CancellationToken cancellationToken)
    {
        var heard = await log.MeasureAsync("transcribe", () => stages.Transcriber.TranscribeAsync(speech, whisper, progress, cancellationToken)).ConfigureAwait(false);
        if (heard.IsEmpty)
            log.Warn("the transcript is empty: no speech was recognised");
        return TranscriptOutcome.Transcribed(heard, TranscriptionRecord.For(whisper, VocabularyCorrector.DefaultThreshold));
    }

    /// <summary>
    /// Speakers: who said what, so quotes are attributed and the guest's words can be found; what the producer
    /// confirmed is theirs whatever the stage found. Attribution cuts a segment where the voice changes between its
    /// words, after the vocabulary pass: the pass then always sees Whisper's own segments (as cached), so its
    /// corrections, their numbers in corrections.json and a rejection's match by time and text do not depend on where
    /// the speaker stage cut; and the speaker stage reads names in the corrected text.
    /// </summary>
    private static async Task<SpokenTranscript> FindSpeakersAsync((ISpeakerFinder Finder, SpeakerHints Hints)? speakers, Transcript transcript, ISampleSource? speech, AudioInfo audio, EpisodePlan plan, PublishLog log, CancellationToken cancellationToken)
    {
        if (speakers is not { } step)
            return new SpokenTranscript(transcript, []);
        var found = await log.MeasureAsync("speakers", () => step.Finder.FindAsync(audio, speech, transcript, step.Hints, cancellationToken)).ConfigureAwait(false);
        var turns = ConfirmedSpeakers.Apply(found, plan.Confirmed, step.Hints);
        return new SpokenTranscript(SpeakerAttribution.Apply(transcript, turns), turns);
    }

    /// <summary>Highlights and chapters, from the transcript alone; each quote rated by how sure its speaker is.</summary>
    private PickedHighlights PickHighlights(SpokenTranscript spoken, EpisodePlan plan, PublishLog log, CancellationToken cancellationToken)
    {
        var picked = stages.Highlights is null || spoken.Transcript.IsEmpty
            ? EpisodeHighlights.None
            : log.Measure("highlights", () => stages.Highlights.Pick(spoken.Transcript, new HighlightRequest(plan.Guests), cancellationToken));
        return new PickedHighlights([.. picked.Highlights.Select(h => h.Rated(SpeakerCertainty.OfWords(h.Start, h.End, h.Speaker, spoken.Transcript, spoken.Turns)))], picked.Chapters);
    }

    /// <summary>The producer's edits to highlights.json and chapters.json in the episode folder win over the picks; a quote credited on a guess is a warning.</summary>
    private static (IReadOnlyList<Highlight> Highlights, IReadOnlyList<Chapter> Chapters) Settle(EpisodeExtras extras, PickedHighlights picked, EpisodePlan plan, TimeSpan duration, PublishLog log)
    {
        var highlights = extras.Highlights(picked.Highlights).Select(h => Settled(h, plan.Confirmed)).ToList();
        for (var i = 0; i < highlights.Count; i++)
        {
            if (highlights[i].NeedsReview)
                log.Warn(Unconfirmed(i + 1, highlights[i], plan.Slug));
        }

        return (highlights, extras.Chapters(picked.Chapters, duration));
    }

    /// <summary>Tag the MP3, with the show's cover (generated when show.yml names none, so Apple accepts the feed).</summary>
    private void Tag(MasteredAudio mastered, EpisodePlan plan, Transcript transcript, IReadOnlyList<Chapter> chapters, PublishLog log)
    {
        ShowFeed.EnsureCover(plan.Folder, plan.Show);
        log.Measure("tag", () => stages.Tagger.Tag(mastered.Path, new EpisodeTags
        {
            Title = plan.Title,
            Artists = [.. plan.People.Select(p => p.Name)],
            Album = plan.Show.Title,
            Year = plan.Published.Year,
            Comment = plan.Summary,
            Lyrics = transcript.PlainText,
            Guid = plan.Guid,
            FeedUrl = plan.Show.FeedUrl,
            Cover = CoverFile.Read(plan.Folder, plan.Show),
            Chapters = [.. chapters.Select(c => new TagChapter(c.Start, c.End, c.Title))],
        }));
    }

    /// <summary>
    /// The episode's own files in its folder, each atomically: loudness, transcripts, what the transcript outcome
    /// keeps, highlights, chapters and notes. Not episode.json: the commit writes it, since its presence is what makes
    /// the episode part of the feed.
    /// </summary>
    private EpisodeContent WriteEpisodeFiles(EpisodePlan plan, TranscriptOutcome outcome, Transcript transcript, EpisodeExtras extras, IReadOnlyList<Highlight> highlights, IReadOnlyList<Chapter> chapters, MasteredAudio mastered, MasteringOptions options)
    {
        LoudnessFile.Write(plan.Directory, mastered, options);
        var transcripts = new List<EpisodeFile>();
        foreach (var format in TranscriptFormats.All)
        {
            var path = Path.Combine(plan.Directory, format.FileName());
            AtomicFile.WriteAllText(path, format.Write(transcript));
            transcripts.Add(new EpisodeFile(format.FileName(), format.MimeType(), new FileInfo(path).Length));
        }

        outcome.Save(plan.Directory);
        var notes = new NotesRequest
        {
            Title = plan.Title,
            ShowTitle = plan.Show.Title,
            Summary = plan.Summary,
            Hosts = plan.Show.Hosts,
            Guests = plan.Guests,
            AudioUrl = ShowFolder.PublicUrl(plan.Show, "episodes", plan.Slug, Path.GetFileName(plan.AudioFile)),
            FeedUrl = plan.Show.FeedUrl,
            PageUrl = stages.Site is null ? null : ShowFolder.PublicUrl(plan.Show, "episodes", plan.Slug, "index.html"),
        };
        var (chaptersFile, notesHtml) = extras.Write(highlights, chapters, plan.Title, notes, transcript);
        var soundbites = SoundbiteClips.For(highlights, transcript).Select(b => new Soundbite(b.Start.TotalSeconds, b.Duration.TotalSeconds, b.Title, b.Speaker.Length > 0 ? b.Speaker : null));
        return new EpisodeContent([.. transcripts.Where(t => t.MimeType != "text/plain")], notesHtml, chaptersFile, [.. soundbites]);
    }

    /// <summary>
    /// A highlight inside a stretch the producer confirmed is theirs. Picked highlights already are (the confirmed turn
    /// rates them 1); this settles the ones in a highlights.json the producer edited, which publish does not rate.
    /// </summary>
    private static Highlight Settled(Highlight highlight, IReadOnlyList<SpeakerConfirmation> confirmed) =>
        confirmed.LastOrDefault(c => c.Covers(highlight.Start, highlight.End)) is { } c
            ? highlight with { Speaker = c.Speaker, SpeakerConfidence = SpeakerCertainty.Fixed, NeedsReview = false }
            : highlight;

    /// <summary>The warning for a quote whose speaker is a guess: where it is, whom it was guessed to be, and how to settle it.</summary>
    internal static string Unconfirmed(int number, Highlight highlight, string slug)
    {
        var words = highlight.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var opening = string.Join(' ', words.Take(8)) + (words.Length > 8 ? "\u2026" : string.Empty);
        var at = highlight.Start.ToString(highlight.Start.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"quote {number} at {at} \"{opening}\" is credited to {highlight.Speaker} on a guess (speaker confidence {Math.Floor(highlight.SpeakerConfidence * 100) / 100:0.00}, below {SpeakerCertainty.Threshold:0.0#}), so the page, notes and soundbites name no one for it; confirm it with `podcast transcript review {slug} --confirm {number}` (add --speaker NAME if it is someone else) and publish again");
    }

    /// <summary>The picked quotes, rated, and the chapters, before the producer's edits are applied.</summary>
    private sealed record PickedHighlights(IReadOnlyList<Highlight> Highlights, IReadOnlyList<Chapter> Chapters);
}

/// <summary>The transcript cut where the voice changes and credited, and the speaker turns it was cut by.</summary>
internal sealed record SpokenTranscript(Transcript Transcript, IReadOnlyList<SpeakerTurn> Turns);
