using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Podcast.Shows;

/// <summary>
/// Reads and validates <c>show.yml</c>. Every problem names the field and its line, because producers edit this file
/// by hand. The Apple category list is the one Apple Podcasts accepts (case-sensitive).
/// </summary>
public static partial class ShowFile
{
    public static Show Load(ShowFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = folder.ShowFile;
        if (!Directory.Exists(folder.Root))
            throw PodcastException.ShowInvalid(folder.Root, "no such show folder (create one with `podcast init <slug>`)");
        if (!File.Exists(path))
            throw PodcastException.ShowInvalid(path, "missing (create one with `podcast init <slug>`)");

        YamlMappingNode root;
        try
        {
            var yaml = new YamlStream();
            using (var reader = File.OpenText(path))
                yaml.Load(reader);
            root = yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw PodcastException.ShowInvalid(path, "line 1: expected a mapping of fields (title: ..., description: ...)");
        }
        catch (YamlException e)
        {
            throw PodcastException.ShowInvalid(path, $"line {e.Start.Line}: {FirstLine(e.Message)}", e);
        }
        catch (IOException e)
        {
            throw PodcastException.UnreadableInput(path, e.Message, e);
        }

        var fields = new Fields(path, root);
        var baseUrl = fields.Required("baseUrl");
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            throw fields.Error("baseUrl", "must be an absolute http(s) URL, e.g. https://example.org/my-show/");

        var ownerEmail = fields.Required("owner.email");
        if (!MailAddress.TryCreate(ownerEmail, out _))
            throw fields.Error("owner.email", $"\"{ownerEmail}\" is not an email address");

        var language = fields.Required("language");
        if (!LanguageCode().IsMatch(language))
            throw fields.Error("language", $"\"{language}\" is not an ISO 639 language code such as en or en-us");

        var category = fields.Required("category");
        if (!AppleCategories.Contains(category, null))
            throw fields.Error("category", $"\"{category}\" is not an Apple Podcasts category (e.g. News, Society & Culture)");
        var subcategory = fields.Optional("subcategory");
        if (subcategory is not null && !AppleCategories.Contains(category, subcategory))
            throw fields.Error("subcategory", $"\"{subcategory}\" is not a subcategory of {category} in Apple's list");

        var type = fields.Optional("type") ?? "episodic";
        if (type is not ("episodic" or "serial"))
            throw fields.Error("type", "must be episodic or serial");

        Guid? guid = null;
        if (fields.Optional("podcastGuid") is { } guidText)
            guid = Guid.TryParse(guidText, out var g) ? g : throw fields.Error("podcastGuid", "is not a UUID");

        Uri? link = null;
        if (fields.Optional("link") is { } linkText && !Uri.TryCreate(linkText, UriKind.Absolute, out link))
            throw fields.Error("link", "must be an absolute URL");

        var image = fields.Optional("image");
        if (image is not null && (Path.IsPathRooted(image) || image.Split('/', '\\').Contains("..")))
            throw fields.Error("image", "must be a file inside the show folder, e.g. cover.png");

        return new Show
        {
            Title = fields.Required("title"),
            Description = fields.Required("description"),
            Author = fields.Required("author"),
            OwnerName = fields.Required("owner.name"),
            OwnerEmail = ownerEmail,
            Language = language.ToLowerInvariant(),
            Category = category,
            Subcategory = subcategory,
            Explicit = fields.Boolean("explicit", false),
            BaseUrl = baseUri,
            Image = image,
            Hosts = fields.List("hosts"),
            Type = type,
            Link = link,
            Copyright = fields.Optional("copyright"),
            Locked = fields.Boolean("locked", false),
            PodcastGuid = guid,
            LoudnessTarget = fields.Number("loudness.target", -16, -30, -9),
            TruePeakCeiling = fields.Number("loudness.truePeak", -1, -9, 0),
            Vocabulary = fields.Vocabulary("vocabulary"),
            Deploy = fields.Deploy(),
        };
    }

    /// <summary>Creates a new show folder with a <c>show.yml</c> of sensible defaults; refuses to overwrite one.</summary>
    public static ShowFolder Init(string path, string title)
    {
        var folder = new ShowFolder(path);
        if (File.Exists(folder.ShowFile))
            throw PodcastException.ShowInvalid(folder.ShowFile, "already exists; edit it instead");
        Directory.CreateDirectory(folder.EpisodesDirectory);
        var slug = Path.GetFileName(folder.Root);
        var yaml = $"""
            # The show, as listeners' apps show it. Fields marked FILL IN must be changed before publishing for real.
            title: {Quote(title)}
            description: "FILL IN: one or two sentences on what the show is about."
            author: "FILL IN: the person or organisation that makes the show"
            owner:
              name: "FILL IN: who Apple contacts about the feed"
              email: owner@example.org   # FILL IN
            language: en
            category: News               # one of Apple's categories, exactly as Apple spells it
            # subcategory: Politics
            explicit: false
            baseUrl: https://example.org/{slug}/   # FILL IN: where this folder will be served from
            # image: cover.png           # 1400-3000 px square JPEG or PNG; without one, a cover is generated
            hosts: []
            type: episodic
            loudness:
              target: -16                # LUFS; -19 suits mono shows
              truePeak: -1               # dBTP
            # Names, places and organisations the show uses, with the ways Whisper mishears them.
            vocabulary: []
            # Where `podcast deploy` uploads the show (credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
            # or AWS_PROFILE, never from this file), and whom it tells of a new feed.
            # deploy:
            #   to: s3://my-bucket/{slug}
            #   endpoint: https://s3.example.org   # an S3-compatible service (MinIO, R2, B2); leave out for AWS
            #   region: us-east-1
            #   hubs:
            #     - https://pubsubhubbub.appspot.com/

            """;
        AtomicWrite(folder.ShowFile, yaml);
        return folder;
    }

    private static void AtomicWrite(string path, string text) => Storage.AtomicFile.WriteAllText(path, text);

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,30}$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z]{2,3})?$")]
    private static partial Regex LanguageCode();

    /// <summary>Looks up dotted field names in the YAML tree and reports errors with their line.</summary>
    private sealed class Fields(string path, YamlMappingNode root)
    {
        public string Required(string name) =>
            Optional(name) ?? throw PodcastException.ShowInvalid(path, $"line {LineOf(name)}: field \"{name}\" is missing or empty");

        public string? Optional(string name)
        {
            var node = Find(name);
            return node switch
            {
                null => null,
                YamlScalarNode s when string.IsNullOrWhiteSpace(s.Value) || s.Value == "~" => null,
                YamlScalarNode s => s.Value!.Trim(),
                _ => throw Error(name, "must be a single value"),
            };
        }

        public bool Boolean(string name, bool fallback) => Optional(name)?.ToLowerInvariant() switch
        {
            null => fallback,
            "true" or "yes" => true,
            "false" or "no" => false,
            var other => throw Error(name, $"must be true or false, not \"{other}\""),
        };

        public double Number(string name, double fallback, double min, double max)
        {
            var text = Optional(name);
            if (text is null)
                return fallback;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
                throw Error(name, $"must be a number from {min} to {max}");
            return value;
        }

        public IReadOnlyList<string> List(string name) => Find(name) switch
        {
            null => [],
            YamlScalarNode s when string.IsNullOrWhiteSpace(s.Value) => [],
            YamlSequenceNode seq => [.. seq.Children.Select(c => c is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value) ? s.Value!.Trim() : throw ErrorAt(c, name, "every entry must be a name"))],
            _ => throw Error(name, "must be a list (- Name)"),
        };

        public IReadOnlyList<VocabularyTerm> Vocabulary(string name)
        {
            var node = Find(name);
            if (node is null || node is YamlScalarNode { Value: null or "" })
                return [];
            if (node is not YamlSequenceNode seq)
                throw Error(name, "must be a list of terms");
            var terms = new List<VocabularyTerm>();
            foreach (var child in seq.Children)
            {
                switch (child)
                {
                    case YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value):
                        terms.Add(new VocabularyTerm(s.Value!.Trim(), []));
                        break;
                    case YamlMappingNode m when m.Children.TryGetValue(new YamlScalarNode("term"), out var t) && t is YamlScalarNode ts && !string.IsNullOrWhiteSpace(ts.Value):
                        var heard = m.Children.TryGetValue(new YamlScalarNode("heardAs"), out var h) && h is YamlSequenceNode hs
                            ? hs.Children.OfType<YamlScalarNode>().Select(x => x.Value ?? string.Empty).Where(x => x.Length > 0).ToList()
                            : [];
                        terms.Add(new VocabularyTerm(ts.Value!.Trim(), heard));
                        break;
                    default:
                        throw ErrorAt(child, name, "every entry is a term, or {term: ..., heardAs: [...]}");
                }
            }

            return terms;
        }

        /// <summary>
        /// The <c>deploy:</c> block. Unknown keys are refused rather than ignored, so a misspelt key is not silently
        /// lost, and keys that look like credentials are refused with where credentials belong instead.
        /// </summary>
        public ShowDeploy Deploy()
        {
            switch (Find("deploy"))
            {
                case null:
                case YamlScalarNode { Value: null or "" or "~" }:
                    return ShowDeploy.None;
                case YamlMappingNode block:
                    foreach (var key in block.Children.Keys)
                    {
                        var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                        if (name.Contains("key", StringComparison.OrdinalIgnoreCase) || name.Contains("secret", StringComparison.OrdinalIgnoreCase) || name.Contains("token", StringComparison.OrdinalIgnoreCase) || name.Contains("password", StringComparison.OrdinalIgnoreCase))
                            throw ErrorAt(key, "deploy." + name, "credentials never go in show.yml: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the environment");
                        if (name is not ("to" or "endpoint" or "region" or "hubs" or "podping"))
                            throw ErrorAt(key, "deploy." + name, "is not a deploy key (to, endpoint, region, hubs, podping)");
                    }

                    break;
                default:
                    throw Error("deploy", "must be a block of keys (to:, endpoint:, region:, hubs:, podping:)");
            }

            var to = Optional("deploy.to");
            var location = to is null ? null : S3Location.TryParse(to) ?? throw Error("deploy.to", $"\"{to}\" is not s3://bucket or s3://bucket/prefix");
            var region = Optional("deploy.region");
            if (region is not null && !RegionName().IsMatch(region))
                throw Error("deploy.region", $"\"{region}\" is not a region name such as us-east-1 or auto");
            return new ShowDeploy
            {
                To = location,
                Endpoint = HttpUrl("deploy.endpoint"),
                Region = region,
                Hubs = [.. List("deploy.hubs").Select(h => AbsoluteHttp(h) ?? throw Error("deploy.hubs", $"\"{h}\" must be an absolute http(s) URL"))],
                Podping = HttpUrl("deploy.podping"),
            };
        }

        private Uri? HttpUrl(string name) => Optional(name) is { } text
            ? AbsoluteHttp(text) ?? throw Error(name, $"\"{text}\" must be an absolute http(s) URL")
            : null;

        private static Uri? AbsoluteHttp(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

        public PodcastException Error(string name, string message) =>
            PodcastException.ShowInvalid(path, $"line {LineOf(name)}: field \"{name}\" {message}");

        private PodcastException ErrorAt(YamlNode node, string name, string message) =>
            PodcastException.ShowInvalid(path, $"line {node.Start.Line}: field \"{name}\": {message}");

        private YamlNode? Find(string name)
        {
            YamlNode? node = root;
            foreach (var part in name.Split('.'))
            {
                if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(part), out node))
                    return null;
            }

            return node;
        }

        /// <summary>The line of the field if present, else of its parent, else the end of the file.</summary>
        private long LineOf(string name)
        {
            var parts = name.Split('.');
            for (var n = parts.Length; n > 0; n--)
            {
                YamlNode? node = root;
                YamlNode? key = null;
                foreach (var part in parts.Take(n))
                {
                    if (node is not YamlMappingNode map)
                    {
                        node = null;
                        break;
                    }

                    key = map.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == part);
                    node = key is null ? null : map.Children[key];
                }

                if (key is not null)
                    return key.Start.Line;
            }

            return root.End.Line;
        }
    }
}
