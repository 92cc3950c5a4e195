using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml;
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
/// -> feed -> site. Everything is checked before the show folder is touched; the episode's files are written first
/// (episode.json last among them) and feed.xml is replaced last, each file atomically, under the show's lock.
/// Mastering needs only the recording: it measures it while the recording is resampled for Whisper, and encodes once
/// Whisper is done, beside the speaker and highlight stages; its MP3 is moved into the episode folder only after the
/// new feed has passed its check.
/// </summary>
public sealed class PublishPipeline(PipelineStages stages)
{
    /// <summary>Shortest recording worth publishing; anything shorter is almost certainly a wrong file.</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);

    public async Task<PublishResult> PublishAsync(PublishRequest request, IProgress<StageProgress>? progress, Action<string>? warn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timings = new StageTimings();
        var warnings = new List<string>();
        void Warn(string message)
        {
            warnings.Add(message);
            warn?.Invoke(message);
        }

        // Check everything a producer could have got wrong before any slow work.
        var folder = new ShowFolder(request.ShowPath);
        var show = ShowFile.Load(folder);
        FeedGuard.EnsureReplaceable(folder);
        var language = request.Language ?? show.Language.Split('-')[0];

        // Decode: open the recording and check it is worth publishing.
        using var audio = timings.Measure("decode", () => stages.Decoder.Open(request.AudioPath));
        if (audio.Info.Duration < MinimumDuration)
            throw PodcastException.InvalidAudio(request.AudioPath, $"is {audio.Info.Duration.TotalSeconds:0.##} s long; a recording must be at least {MinimumDuration.TotalSeconds:0} s");
        stages.Mastering.EnsureCanMaster(audio.Info);
        var sourceHash = await Sha256Async(request.AudioPath, cancellationToken).ConfigureAwait(false);
        var existing = EpisodeStore.LoadAll(folder).FirstOrDefault(e => e.SourceSha256 == sourceHash);
        var title = request.Title ?? existing?.Title ?? Path.GetFileNameWithoutExtension(request.AudioPath);

        // A republish keeps the episode's guests unless the producer names them again: they are in the vocabulary,
        // the credits and the feed, and a rerun to apply a review must not drop them.
        var named = request.Guests.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct().ToList();
        var guests = named.Count > 0 || existing is null ? named : [.. existing.People.Where(p => p.Role == "guest").Select(p => p.Name)];
        var slug = existing?.Slug ?? UniqueSlug(folder, title);
        var episodeDir = folder.EpisodeDirectory(slug);

        // The transcript publish starts from: the producer's, else the one an earlier run cached for this recording,
        // else Whisper's.
        var cached = Path.Combine(episodeDir, TranscriptCache.FileName);
        var given = request.TranscriptPath is null ? null : TranscriptReader.ReadFile(request.TranscriptPath, language);
        var previous = given is null && !request.Retranscribe && existing is not null ? TranscriptCache.TryRead(cached) : null;
        var transcribing = given is null && previous is null;
        var findSpeakers = stages.Speakers is not null && (transcribing || (given ?? previous)!.Segments.All(s => s.Speaker is null));
        IReadOnlyList<EnrolledVoice> voices = findSpeakers ? VoiceStore.Enrolled(folder, ModelCatalogue.SpeakerEmbedding) : [];

        // Every model a stage will load is on this machine before anything is written: one missing and not
        // downloadable stops publish here, naming each such model.
        if (request.ModelPath is not null && !File.Exists(request.ModelPath))
            throw PodcastException.ModelUnavailable($"{request.ModelPath}: no such Whisper model file (from --model)");
        var whisperModel = transcribing && request.ModelPath is null ? stages.Models.Catalogue.Find(request.ModelName ?? ModelCatalogue.WhisperFor(language)) : null;
        var speechModel = transcribing && !request.NoVad ? stages.Models.Catalogue.Find(ModelCatalogue.SileroVad.Name) : null;
        IEnumerable<KnownModel> needed = [.. new[] { whisperModel, speechModel }.OfType<KnownModel>(), .. findSpeakers ? stages.Speakers!.Models : []];
        var models = await timings.MeasureAsync("models", () => stages.Models.EnsureAsync(needed, progress, cancellationToken)).ConfigureAwait(false);

        // Mastering's first pass, measuring the recording, needs one core and the recording only: it runs while the
        // recording is resampled and its speech found, before Whisper takes both cores. Should it fail, mastering
        // measures again and reports why.
        var measuring = timings.MeasureAsync("measure", () => stages.Mastering.MeasureAsync(stages.Decoder, audio.Info, cancellationToken))
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        // Transcribe, unless the producer brought a transcript or an earlier run left one for this recording.
        Transcript transcript;
        // The 16 kHz samples Whisper and the speaker stage share, in a temp file in the show folder (on disk: a
        // RAM-backed /tmp would hold the 230 MB an hour that this keeps out of memory).
        SampleFile? speech = null;
        TranscriptionRecord? record = null;
        var reused = previous is not null;
        if (given is not null)
        {
            transcript = given;
        }
        else if (previous is not null)
        {
            transcript = previous;
        }
        else
        {
            var model = request.ModelPath ?? models[whisperModel!];
            var prompt = WhisperPrompt.Build(show, guests, title, request.ExtraPrompt);
            var whisper = new TranscriptionRequest(model, language, prompt, request.Threads, request.BeamSize, speechModel is null ? null : models[speechModel]);
            speech = timings.Measure("resample", () =>
            {
                using var decoded = stages.Decoder.Open(request.AudioPath);
                return SampleFile.Write(decoded.Samples.ForSpeech(), folder.Root, cancellationToken);
            });
            try
            {
                transcript = await timings.MeasureAsync("transcribe", () => stages.Transcriber.TranscribeAsync(speech, whisper, progress, cancellationToken)).ConfigureAwait(false);
            }
            catch
            {
                speech.Dispose();
                throw;
            }

            record = TranscriptionRecord.For(whisper, VocabularyCorrector.DefaultThreshold);
            if (transcript.IsEmpty)
                Warn("the transcript is empty: no speech was recognised");
        }

        // The quotes whose speaker the producer confirmed (`podcast transcript review --confirm N`), read before the
        // slow work so a damaged file stops publish here.
        var confirmed = ConfirmedSpeakers.Read(Path.Combine(episodeDir, ConfirmedSpeakers.FileName));

        // Vocabulary: names, places and organisations spelled as the show spells them; the producer's own
        // transcript is taken as written. The cache keeps what Whisper heard, so a rejected correction can be undone.
        var heard = transcript;
        IReadOnlyList<CorrectionEntry> corrections = [];
        var correctionsFile = Path.Combine(episodeDir, CorrectionsFile.FileName);
        if (request.TranscriptPath is null)
        {
            var rejected = CorrectionsFile.Read(correctionsFile).Where(c => c.Rejected).Select(c => c.ToCorrection()).ToList();
            var corrected = timings.Measure("correct", () => new VocabularyCorrector(EpisodeVocabulary.For(show, guests, title)).Correct(transcript, rejected));
            transcript = corrected.Transcript;
            corrections = CorrectionsFile.Entries(corrected.Corrections, rejected);
        }

        // Master: the episode's MP3. It needs only the recording, so it starts here and runs beside the speaker and
        // highlight stages (one core each; Whisper, which takes every core, is done). It is staged under a temp name in
        // the show folder: the feed on the web still lists the old file with its length, so the new one replaces it
        // only once the new feed has passed its check.
        var audioFile = Path.Combine(episodeDir, slug + ".mp3");
        using var staged = new StagedFile(audioFile, folder.Root);
        var mastering = new MasteringOptions(show.LoudnessTarget, show.TruePeakCeiling);
        using var stopMastering = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var masteringRun = timings.MeasureAsync("master", () => Task.Run(async () => await stages.Mastering.MasterAsync(stages.Decoder, audio.Info, await measuring.ConfigureAwait(false), staged.Path, mastering, progress, stopMastering.Token).ConfigureAwait(false), stopMastering.Token));
        try
        {
            // Speakers: name who said what, so quotes are attributed and the guest's words can be found. What the
            // producer confirmed is theirs whatever the stage found. Attribution cuts a segment where the voice changes between its words, and does so after the vocabulary pass: the
            // pass then always sees Whisper's own segments (as cached), so which corrections it makes, their numbers
            // in corrections.json and a rejection's match by time and text do not depend on where the speaker stage
            // cut; and the speaker stage reads names in the corrected text. The cache keeps the uncut heard
            // transcript, so a republish corrects and cuts it again the same way.
            IReadOnlyList<SpeakerTurn> turns = [];
            if (findSpeakers && stages.Speakers is { } speakers)
            {
                var hints = new SpeakerHints(show.Hosts, guests, request.Speakers) { Voices = voices };
                turns = await timings.MeasureAsync("speakers", () => speakers.FindAsync(audio.Info, speech, transcript, hints, cancellationToken)).ConfigureAwait(false);
                turns = ConfirmedSpeakers.Apply(turns, confirmed, hints);
                transcript = SpeakerAttribution.Apply(transcript, turns);
            }

            speech?.Dispose();
            speech = null;

            // Highlights and chapters, from the transcript alone.
            var picked = stages.Highlights is null || transcript.IsEmpty
                ? EpisodeHighlights.None
                : timings.Measure("highlights", () => stages.Highlights.Pick(transcript, new HighlightRequest(guests), cancellationToken));
            var rated = picked.Highlights.Select(h => h.Rated(SpeakerCertainty.OfWords(h.Start, h.End, h.Speaker, transcript, turns))).ToList();

            // From here on the show folder changes: one writer at a time.
            using var showLock = await ShowLock.AcquireAsync(folder.LockFile, LockTimeout, warn, cancellationToken).ConfigureAwait(false);
            AtomicFile.SweepStale(folder.Root);
            using var draft = EpisodeDraft.Begin(episodeDir);

            // The producer's edits to highlights.json and chapters.json in the episode folder win over the picks.
            var extras = new EpisodeExtras(episodeDir);
            var highlights = extras.Highlights(rated).Select(h => Settled(h, confirmed)).ToList();
            for (var i = 0; i < highlights.Count; i++)
            {
                if (highlights[i].NeedsReview)
                    Warn(Unconfirmed(i + 1, highlights[i], slug));
            }
            var chapters = extras.Chapters(picked.Chapters, audio.Info.Duration);

            // The MP3, once mastering (started before the speakers) is done.
            var mastered = await masteringRun.ConfigureAwait(false);
            if (mastered.Note is not null)
                Warn(mastered.Note);
            LoudnessFile.Write(episodeDir, mastered, mastering);

            // Tag it, with the show's cover (generated when show.yml names none, so Apple accepts the feed).
            ShowFeed.EnsureCover(folder, show);
            var guid = existing?.Guid ?? PodcastGuidFor(show, sourceHash);
            var people = show.Hosts.Select(h => new Person(h, "host")).Concat(guests.Select(g => new Person(g, "guest"))).ToList();
            var summary = request.Summary ?? existing?.Summary ?? string.Empty;
            var published = request.PublishedAt ?? existing?.Published ?? DateTimeOffset.UtcNow;
            timings.Measure("tag", () => stages.Tagger.Tag(mastered.Path, new EpisodeTags
            {
                Title = title,
                Artists = [.. people.Select(p => p.Name)],
                Album = show.Title,
                Year = published.Year,
                Comment = summary,
                Lyrics = transcript.PlainText,
                Guid = guid,
                FeedUrl = show.FeedUrl,
                Cover = CoverFile.Read(folder, show),
                Chapters = [.. chapters.Select(c => new TagChapter(c.Start, c.End, c.Title))],
            }));

            // The episode's files; episode.json last, since its presence is what makes the episode part of the feed.
            var transcripts = new List<EpisodeFile>();
            foreach (var format in TranscriptFormats.All)
            {
                var path = Path.Combine(episodeDir, format.FileName());
                AtomicFile.WriteAllText(path, format.Write(transcript));
                transcripts.Add(new EpisodeFile(format.FileName(), format.MimeType(), new FileInfo(path).Length));
            }

            if (request.TranscriptPath is null && !reused)
                TranscriptCache.Write(cached, heard);
            if (record is not null)
                AtomicFile.WriteAllText(Path.Combine(episodeDir, TranscriptionRecord.FileName), record.ToJson());
            if (request.TranscriptPath is null)
                CorrectionsFile.Write(correctionsFile, corrections);
            var notes = new NotesRequest
            {
                Title = title,
                ShowTitle = show.Title,
                Summary = summary,
                Hosts = show.Hosts,
                Guests = guests,
                AudioUrl = ShowFolder.PublicUrl(show, "episodes", slug, Path.GetFileName(audioFile)),
                FeedUrl = show.FeedUrl,
                PageUrl = stages.Site is null ? null : ShowFolder.PublicUrl(show, "episodes", slug, "index.html"),
            };
            var (chaptersFile, notesHtml) = extras.Write(highlights, chapters, title, notes, transcript);
            var episode = new Episode
            {
                Slug = slug,
                Guid = guid,
                Title = title,
                Summary = summary,
                Published = published,
                Audio = new EpisodeFile(Path.GetFileName(audioFile), mastered.MimeType, new FileInfo(mastered.Path).Length),
                DurationSeconds = mastered.Duration.TotalSeconds,
                People = people,
                Transcripts = [.. transcripts.Where(t => t.MimeType != "text/plain")],
                NotesHtml = notesHtml,
                Chapters = chaptersFile,
                Soundbites = [.. SoundbiteClips.For(highlights, transcript).Select(b => new Soundbite(b.Start.TotalSeconds, b.Duration.TotalSeconds, b.Title, b.Speaker.Length > 0 ? b.Speaker : null))],
                Season = request.Season ?? existing?.Season,
                Number = request.Number ?? existing?.Number,
                EpisodeType = request.EpisodeType ?? existing?.EpisodeType ?? "full",
                SourceSha256 = sourceHash,
            };

            // The feed is rendered with the new episode and must pass `podcast feed check` before episode.json makes the
            // episode part of the show; feed.xml is replaced last.
            var episodes = EpisodeStore.Ordered([.. EpisodeStore.LoadAll(folder).Where(e => e.Slug != slug), episode]);
            var feed = timings.Measure("feed", () => ShowFeed.Prepare(folder, show, episodes, stages.Feed, staged.AsMap()));
            staged.MoveIntoPlace();
            EpisodeStore.Save(folder, episode);
            draft.Keep();
            AtomicFile.WriteAllText(folder.FeedFile, feed.Xml);
            foreach (var problem in feed.Warnings)
                Warn($"feed: {problem.Element}: {problem.Message}");
            if (stages.Site is not null)
                timings.Measure("site", () => stages.Site.Write(folder, show, episodes, cancellationToken));

            return new PublishResult(guid, slug, folder.FeedFile, episodeDir, audioFile, mastered.Duration.TotalSeconds,
                transcript.Segments.Count, reused, mastered.Before, mastered.After, timings.Finish(), warnings, corrections.Count(c => !c.Rejected));
        }
        finally
        {
            speech?.Dispose();

            // Whatever happened, mastering is over before its staged file is removed.
            await stopMastering.CancelAsync().ConfigureAwait(false);
            await masteringRun.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        }
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

    /// <summary>Stable across machines and reruns: the same recording in the same show always gets the same guid.</summary>
    private static string PodcastGuidFor(Show show, string sourceHash) =>
        Feed.PodcastGuid.Create(show.PodcastGuid ?? Feed.PodcastGuid.ForFeedUrl(show.FeedUrl), sourceHash).ToString();

    /// <summary>
    /// A folder for a new episode. A folder without episode.json is the remains of a publish that was killed; it is
    /// not part of the feed, so it is reused rather than left behind.
    /// </summary>
    private static string UniqueSlug(ShowFolder folder, string title)
    {
        var slug = EpisodeSlug.From(title);
        var candidate = slug;
        for (var n = 2; File.Exists(folder.EpisodeFile(candidate)); n++)
            candidate = $"{slug}-{n}";
        return candidate;
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Wall-clock seconds per stage, for <c>--json</c> and <c>-v</c>.</summary>
    private sealed class StageTimings
    {
        private readonly Stopwatch _total = Stopwatch.StartNew();
        private readonly Dictionary<string, double> _seconds = [];

        public T Measure<T>(string stage, Func<T> work)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                return work();
            }
            finally
            {
                Add(stage, clock.Elapsed.TotalSeconds);
            }
        }

        public void Measure(string stage, Action work) => Measure(stage, () =>
        {
            work();
            return 0;
        });

        public async Task<T> MeasureAsync<T>(string stage, Func<Task<T>> work)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                return await work().ConfigureAwait(false);
            }
            finally
            {
                Add(stage, clock.Elapsed.TotalSeconds);
            }
        }

        public IReadOnlyDictionary<string, double> Finish()
        {
            Add("total", _total.Elapsed.TotalSeconds);
            return _seconds;
        }

        /// <summary>Stages may run side by side (mastering beside the speakers), so adding is locked.</summary>
        private void Add(string stage, double seconds)
        {
            lock (_seconds)
                _seconds[stage] = Math.Round(_seconds.GetValueOrDefault(stage) + seconds, 3);
        }
    }
}

/// <summary>A feed.xml that no longer parses was edited by hand; overwriting it would hide the problem.</summary>
internal static class FeedGuard
{
    public static void EnsureReplaceable(ShowFolder folder)
    {
        if (!File.Exists(folder.FeedFile))
            return;
        try
        {
            using var reader = XmlReader.Create(folder.FeedFile, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            throw PodcastException.FeedInvalid(folder.FeedFile,
                $"does not parse (line {e.LineNumber}: {e.Message.Split('\n')[0].Trim()}); it is generated from show.yml and the episodes' episode.json, so move it aside and publish again to rebuild it", e);
        }
    }
}

/// <summary>The raw transcript with word times, kept in the episode folder so a republish need not transcribe again.</summary>
internal static class TranscriptCache
{
    public const string FileName = "transcript.words.json";

    public static Transcript? TryRead(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<Transcript>(File.ReadAllText(path), EpisodeStore.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Write(string path, Transcript transcript) =>
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(transcript, EpisodeStore.Json));
}

/// <summary>The show's cover from show.yml, to embed in the MP3; null when the show has none yet.</summary>
internal static class CoverFile
{
    public static CoverArt? Read(ShowFolder folder, Show show)
    {
        var path = Path.Combine(folder.Root, show.Image ?? "cover.png");
        if (!File.Exists(path))
            return null;
        var bytes = File.ReadAllBytes(path);
        var mime = bytes.AsSpan().StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }) ? "image/png" : "image/jpeg";
        return new CoverArt(bytes, mime);
    }
}
