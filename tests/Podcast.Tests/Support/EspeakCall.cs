using System.Diagnostics;
using NAudio.Wave;
using Podcast.Speakers;

namespace Podcast.Tests.Support;

/// <summary>One voice in a synthetic call: an espeak-ng voice+variant, its pitch and speed, and the line it sits on in stereo.</summary>
public sealed record EspeakVoice(string Name, string Role, string Voice, int Pitch, int Speed, int Channel);

/// <summary>
/// Makes a short conversation with espeak-ng voices whose turns are known exactly: each sentence is synthesised on its
/// own and placed on a timeline (0.25 s between sentences, 0.7 s between turns), then written as a mono and a
/// two-channel WAV. Used by the speaker tests and the diarization benchmark; needs espeak-ng on PATH.
/// </summary>
public sealed class EspeakCall
{
    private const int Rate = 22050;

    private EspeakCall(string mono, string stereo, IReadOnlyList<SpeakerTurn> turns, IReadOnlyList<(TimeSpan Start, TimeSpan End, string Speaker, string Text)> sentences)
    {
        MonoPath = mono;
        StereoPath = stereo;
        Turns = turns;
        Sentences = sentences;
    }

    public string MonoPath { get; }

    public string StereoPath { get; }

    public IReadOnlyList<SpeakerTurn> Turns { get; }

    /// <summary>Every sentence with its exact time: a perfect transcript of the call.</summary>
    public IReadOnlyList<(TimeSpan Start, TimeSpan End, string Speaker, string Text)> Sentences { get; }

    /// <summary>A three-person call of about 40 s: two hosts (one introduces herself and the guest), one guest who talks most.</summary>
    public static IReadOnlyList<(int Voice, string[] Sentences)> InterviewScript(string host1, string host2, string guest) =>
    [
        (0, [$"Welcome back to the show.", $"I'm {host1}, and with me today is {host2}.", $"Our guest is {guest}, who studies river towns.", $"{guest.Split(' ')[0]}, thanks for coming on."]),
        (2, ["Thank you, it is a pleasure to be here."]),
        (1, ["What drew you to the river towns in the first place?"]),
        (2, ["I grew up on a barge, so the river was always home.", "Later I noticed that every town along it tells the same story.", "Trade comes first, then the bridges, and the people follow."]),
        (0, ["And what has changed in the last ten years?"]),
        (2, ["The trade moved to the roads, and the towns are learning to live without it.", "Some of them are doing remarkably well."]),
        (1, ["Which one surprised you the most?"]),
        (2, ["A small place with one ferry and a library that never closes."]),
        (0, ["That is a lovely place to stop. Thank you for joining us."]),
    ];

    public static EspeakCall Make(string directory, IReadOnlyList<EspeakVoice> voices, IReadOnlyList<(int Voice, string[] Sentences)> script, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(voices);
        ArgumentNullException.ThrowIfNull(script);
        Directory.CreateDirectory(directory);
        var left = new List<float>();
        var right = new List<float>();
        var turns = new List<SpeakerTurn>();
        var sentences = new List<(TimeSpan, TimeSpan, string, string)>();
        var random = new Random(seed);
        Pad(left, right, 0.5);
        var n = 0;
        foreach (var (index, lines) in script)
        {
            var voice = voices[index];
            var turnStart = Seconds(left);
            for (var s = 0; s < lines.Length; s++)
            {
                if (s > 0)
                    Pad(left, right, 0.25);
                var samples = Speak(directory, voice, lines[s], n++);
                var start = Seconds(left);
                (voice.Channel == 0 ? left : right).AddRange(samples);
                (voice.Channel == 0 ? right : left).AddRange(new float[samples.Length]);
                sentences.Add((TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(Seconds(left)), voice.Name, lines[s]));
            }

            turns.Add(new SpeakerTurn(TimeSpan.FromSeconds(turnStart), TimeSpan.FromSeconds(Seconds(left)), voice.Name, voice.Role));
            Pad(left, right, 0.7);
        }

        // A faint noise floor like a real line's, so silence is not digital zero.
        var noise = left.Select(_ => (float)((random.NextDouble() - 0.5) * 0.002)).ToArray();
        var mono = Path.Combine(directory, "call.wav");
        var stereo = Path.Combine(directory, "call-stereo.wav");
        using (var writer = new WaveFileWriter(mono, WaveFormat.CreateIeeeFloatWaveFormat(Rate, 1)))
            writer.WriteSamples([.. left.Select((l, i) => (0.5f * (l + right[i])) + noise[i])], 0, left.Count);
        using (var writer = new WaveFileWriter(stereo, WaveFormat.CreateIeeeFloatWaveFormat(Rate, 2)))
        {
            var interleaved = new float[left.Count * 2];
            for (var i = 0; i < left.Count; i++)
            {
                interleaved[2 * i] = left[i] + noise[i];
                interleaved[(2 * i) + 1] = right[i] + noise[(i + 7919) % noise.Length];
            }

            writer.WriteSamples(interleaved, 0, interleaved.Length);
        }

        return new EspeakCall(mono, stereo, turns, sentences);
    }

    /// <summary>The call's exact transcript as Podcasting 2.0 JSON without speakers (what Whisper would give).</summary>
    public string WriteTranscript(string path)
    {
        var segments = Sentences.Select(s => new { startTime = s.Start.TotalSeconds, endTime = s.End.TotalSeconds, body = s.Text });
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new { version = "1.0.0", segments }));
        return path;
    }

    private static double Seconds(List<float> samples) => samples.Count / (double)Rate;

    private static void Pad(List<float> left, List<float> right, double seconds)
    {
        var silence = new float[(int)(seconds * Rate)];
        left.AddRange(silence);
        right.AddRange(silence);
    }

    /// <summary>One sentence from espeak-ng, with its leading and trailing silence cut so the sentence's times are exact.</summary>
    private static float[] Speak(string directory, EspeakVoice voice, string text, int n)
    {
        var wav = Path.Combine(directory, $"line-{n}.wav");
        var start = new ProcessStartInfo("espeak-ng") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in new[] { "-v", voice.Voice, "-p", voice.Pitch.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", voice.Speed.ToString(System.Globalization.CultureInfo.InvariantCulture), "-w", wav, text })
            start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"espeak-ng failed: {error}");
        }

        float[] samples;
        using (var reader = new WaveFileReader(wav))
        {
            if (reader.WaveFormat.SampleRate != Rate)
                throw new InvalidOperationException($"espeak-ng wrote {reader.WaveFormat.SampleRate} Hz, expected {Rate}");
            var provider = reader.ToSampleProvider();
            samples = new float[reader.SampleCount];
            var read = provider.Read(samples, 0, samples.Length);
            samples = samples[..read];
        }

        File.Delete(wav);
        var first = Array.FindIndex(samples, x => Math.Abs(x) > 0.01f);
        var last = Array.FindLastIndex(samples, x => Math.Abs(x) > 0.01f);
        return first < 0 ? samples : samples[first..(last + 1)];
    }
}
