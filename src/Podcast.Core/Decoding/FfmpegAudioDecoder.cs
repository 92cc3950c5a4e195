using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using NAudio.Wave;

namespace Podcast.Decoding;

/// <summary>
/// Decodes what the managed decoders cannot (FLAC, M4A/AAC) with the ffmpeg on PATH: ffprobe reads the facts, ffmpeg
/// streams 32-bit float samples at the native rate and channel count over a pipe, so memory stays bounded. ffmpeg is
/// started when the first sample is read, not when the file is opened, and is killed when the audio is disposed.
/// </summary>
internal sealed class FfmpegAudioDecoder : IAudioDecoder
{
    public DecodedAudio Open(string path)
    {
        var container = InputFile.Check(path);
        var ffmpeg = FindOnPath("ffmpeg");
        var ffprobe = FindOnPath("ffprobe");
        if (ffmpeg is null || ffprobe is null)
            throw PodcastException.Unsupported(path, $"{container.ToString().ToUpperInvariant()} audio is decoded by ffmpeg, which is not on PATH; install it (Debian/Ubuntu: apt install ffmpeg) or convert the recording to WAV or MP3");

        var (rate, channels, duration) = Probe(ffprobe, path);
        var info = new AudioInfo(path, container, rate, channels, duration, new FileInfo(path).Length);
        var samples = new FfmpegSampleProvider(ffmpeg, path, rate, channels);
        return new DecodedAudio(info, samples, samples);
    }

    /// <summary>The full path of an executable on PATH, or null.</summary>
    internal static string? FindOnPath(string name)
    {
        var file = OperatingSystem.IsWindows() ? name + ".exe" : name;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, file);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    private static (int Rate, int Channels, TimeSpan Duration) Probe(string ffprobe, string path)
    {
        var (code, stdout, stderr) = Run(ffprobe, ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate,channels,duration:format=duration", "-of", "json", path]);
        if (code != 0)
            throw PodcastException.NotAudio(path, "ffprobe cannot read it: " + FirstLine(stderr));
        try
        {
            using var json = JsonDocument.Parse(stdout);
            var streams = json.RootElement.GetProperty("streams");
            if (streams.GetArrayLength() == 0)
                throw PodcastException.NotAudio(path, "it has no audio stream");
            var stream = streams[0];
            var rate = int.Parse(stream.GetProperty("sample_rate").GetString()!, CultureInfo.InvariantCulture);
            var channels = stream.GetProperty("channels").GetInt32();
            var seconds = stream.TryGetProperty("duration", out var d) || json.RootElement.GetProperty("format").TryGetProperty("duration", out d)
                ? double.Parse(d.GetString()!, CultureInfo.InvariantCulture)
                : 0;
            if (rate < 8000 || channels < 1)
                throw PodcastException.Unsupported(path, $"{channels} channels at {rate} Hz is not supported (at least one channel at 8 kHz or more)");
            return (rate, channels, TimeSpan.FromSeconds(seconds));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentNullException)
        {
            throw PodcastException.NotAudio(path, "ffprobe's description of it is unreadable", e);
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new Win32Exception($"{tool} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no reason given";

    /// <summary>ffmpeg's f32le output as float samples; a failed decode surfaces as a <see cref="PodcastException"/>.</summary>
    private sealed class FfmpegSampleProvider(string ffmpeg, string path, int rate, int channels) : ISampleProvider, IDisposable
    {
        private Process? _process;
        private Stream? _stdout;
        private Task<string>? _stderr;
        private byte[] _bytes = [];
        private int _pending; // bytes of an incomplete frame carried over to the next read
        private bool _ended;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(rate, channels);

        public int Read(float[] buffer, int offset, int count)
        {
            if (_ended)
                return 0;
            _stdout ??= Start();
            var frameBytes = channels * sizeof(float);
            var wanted = count / channels * frameBytes;
            if (wanted == 0)
                return 0;
            if (_bytes.Length < wanted)
                Array.Resize(ref _bytes, wanted);

            // Read until at least one whole frame is in, or the stream ends.
            var have = _pending;
            while (have < frameBytes)
            {
                var got = _stdout.Read(_bytes, have, wanted - have);
                if (got == 0)
                    break;
                have += got;
            }

            if (have < frameBytes)
            {
                Finish();
                return 0;
            }

            var whole = have / frameBytes * frameBytes;
            MemoryMarshal.Cast<byte, float>(_bytes.AsSpan(0, whole)).CopyTo(buffer.AsSpan(offset));
            _pending = have - whole;
            _bytes.AsSpan(whole, _pending).CopyTo(_bytes);
            return whole / sizeof(float);
        }

        public void Dispose()
        {
            if (_process is { HasExited: false })
            {
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                }
            }

            _process?.Dispose();
        }

        private Stream Start()
        {
            var start = new ProcessStartInfo(ffmpeg) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var arg in new[] { "-v", "error", "-nostdin", "-i", path, "-map", "0:a:0", "-vn", "-f", "f32le", "-acodec", "pcm_f32le", "-" })
                start.ArgumentList.Add(arg);
            _process = Process.Start(start) ?? throw new Win32Exception("ffmpeg did not start");
            _stderr = _process.StandardError.ReadToEndAsync();
            return _process.StandardOutput.BaseStream;
        }

        private void Finish()
        {
            _ended = true;
            _process!.WaitForExit();
            if (_process.ExitCode != 0)
                throw PodcastException.NotAudio(path, "ffmpeg could not decode it: " + FirstLine(_stderr!.GetAwaiter().GetResult()));
        }
    }
}
