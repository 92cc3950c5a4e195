using System.CommandLine;
using System.Globalization;
using Podcast.Mastering;
using Podcast.Publishing;

namespace Podcast.Cli.Commands;

/// <summary><c>podcast loudness &lt;audio&gt;</c>: integrated loudness, true peak and loudness range per EBU R128.</summary>
internal static class LoudnessCommand
{
    public static Command Create()
    {
        var audio = new Argument<string>("audio") { Description = "The recording: WAV, MP3, Ogg Vorbis, or FLAC/M4A with ffmpeg on PATH" };
        var json = GlobalOptions.Json();
        var command = new Command("loudness", "Measure a recording's loudness (ITU-R BS.1770-4 / EBU R128)") { audio, json };
        command.SetRunner((parse, cancellationToken) =>
        {
            using var decoded = PipelineStages.DefaultDecoder().Open(parse.GetValue(audio)!);
            var report = LoudnessMeter.Measure(decoded.Samples, cancellationToken: cancellationToken);
            var rounded = new LoudnessReport(Math.Round(report.IntegratedLufs, 1), Math.Round(report.TruePeakDbtp, 1), Math.Round(report.LoudnessRangeLu, 1));
            if (parse.GetValue(json))
            {
                CommandRunner.WriteJson(rounded);
            }
            else
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"integrated loudness  {rounded.IntegratedLufs,6:0.0} LUFS"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"true peak            {rounded.TruePeakDbtp,6:0.0} dBTP"));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loudness range       {rounded.LoudnessRangeLu,6:0.0} LU"));
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
