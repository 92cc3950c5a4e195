using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using NAudio.Wave;

namespace Podcast.Decoding;

/// <summary>
/// A recording's 16 kHz mono samples in a temporary file, written once while decoding and read back by position by
/// every stage that needs them. The file is deleted when this is disposed or the process ends.
/// </summary>
public sealed class SampleFile : ISampleSource, IDisposable
{
    private readonly SafeFileHandle _file;

    private SampleFile(SafeFileHandle file, int length)
    {
        _file = file;
        Length = length;
    }

    public int Length { get; }

    /// <summary>Reads <paramref name="source"/> to its end into a new file in <paramref name="directory"/>.</summary>
    /// <exception cref="ArgumentException">The source is not 16 kHz mono (chain <c>ForSpeech()</c> first).</exception>
    public static SampleFile Write(ISampleProvider source, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.WaveFormat.Channels != 1 || source.WaveFormat.SampleRate != SampleProviderExtensions.WhisperSampleRate)
            throw new ArgumentException($"a sample file holds {SampleProviderExtensions.WhisperSampleRate} Hz mono, not {source.WaveFormat.SampleRate} Hz with {source.WaveFormat.Channels} channels", nameof(source));

        var path = Path.Combine(directory, $".samples-{Guid.NewGuid():N}.f32");
        var file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        try
        {
            // On Unix the name goes at once and the file lives as long as the handle, so a killed process leaves
            // nothing behind; Windows deletes it when the handle closes, however the process ends.
            if (!OperatingSystem.IsWindows())
                File.Delete(path);

            // A second at a time, always at offset 0: the decode -> resample chain is read as NAudio readers expect.
            var block = new float[SampleProviderExtensions.WhisperSampleRate];
            long total = 0;
            int read;
            while ((read = source.Read(block, 0, block.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                RandomAccess.Write(file, MemoryMarshal.AsBytes(block.AsSpan(0, read)), total * sizeof(float));
                total += read;
                if (total > int.MaxValue)
                    throw PodcastException.InvalidArgument($"recordings longer than {int.MaxValue / SampleProviderExtensions.WhisperSampleRate / 3600} hours are not supported");
            }

            return new SampleFile(file, (int)total);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Read(int start, Span<float> destination)
    {
        SampleSourceExtensions.CheckRange(this, start, destination.Length);
        var bytes = MemoryMarshal.AsBytes(destination);
        long offset = (long)start * sizeof(float);
        while (bytes.Length > 0)
        {
            var read = RandomAccess.Read(_file, bytes, offset);
            if (read == 0)
                throw new IOException("the sample file ended early");
            bytes = bytes[read..];
            offset += read;
        }
    }

    public void Dispose() => _file.Dispose();
}
