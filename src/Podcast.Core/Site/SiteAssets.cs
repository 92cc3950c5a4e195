using System.Reflection;

namespace Podcast.Site;

/// <summary>
/// The stylesheet and script every page inlines. They are inlined rather than linked so a page is one file that
/// works from file:// and on any static host, and needs no request beyond its audio and cover.
/// </summary>
internal static class SiteAssets
{
    private static readonly Lazy<string> StyleText = new(() => Load("site.css"));
    private static readonly Lazy<string> PlayerText = new(() => Load("player.js"));

    public static string Style => StyleText.Value;

    public static string Player => PlayerText.Value;

    private static string Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Podcast.Site." + name)
            ?? throw new InvalidOperationException($"embedded resource Podcast.Site.{name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
