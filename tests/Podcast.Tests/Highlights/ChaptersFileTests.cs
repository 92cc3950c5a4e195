using System.Text.Json;
using Podcast.Highlights;

namespace Podcast.Tests.Highlights;

public sealed class ChaptersFileTests
{
    [Fact]
    public void WrittenChaptersAreVersionOneTwoWithAscendingStartTimesAndReadBack()
    {
        var chapters = new[]
        {
            new Chapter(TimeSpan.Zero, TimeSpan.FromSeconds(59.3), "Intro"),
            new Chapter(TimeSpan.FromSeconds(59.3), TimeSpan.FromSeconds(120), "Key stakeholders"),
        };
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, ChaptersFile.Write(chapters, "Title"));
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal("1.2.0", json.RootElement.GetProperty("version").GetString());
            Assert.Equal([0, 59.3], json.RootElement.GetProperty("chapters").EnumerateArray().Select(c => c.GetProperty("startTime").GetDouble()));

            Assert.Equal(chapters, ChaptersFile.Read(path, TimeSpan.FromSeconds(120)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AnEditedFileWhoseStartTimesDoNotAscendIsRefusedNamingTheChapter()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"version":"1.2.0","chapters":[{"startTime":10,"title":"B"},{"startTime":5,"title":"A"}]}""");
            var e = Assert.Throws<PodcastException>(() => ChaptersFile.Read(path, TimeSpan.FromSeconds(60)));
            Assert.Contains("chapter 2", e.Message, StringComparison.Ordinal);
            Assert.Equal(ExitCode.InvalidInput, e.Code);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
