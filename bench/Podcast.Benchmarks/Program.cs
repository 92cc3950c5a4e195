using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Podcast.Benchmarks;

// "kernels [BenchmarkDotNet args]" runs the in-process kernel benchmarks; "task NAME FILE [OUT]" runs one stage once
// over a whole file, for bench/mastering.sh to time as a process beside ffmpeg doing the same work.
if (args.Length >= 1 && args[0] == "kernels")
{
    BenchmarkSwitcher.FromAssembly(typeof(Kernels).Assembly).Run(args[1..]);
    return 0;
}

if (args.Length >= 3 && args[0] == "task")
{
    var clock = Stopwatch.StartNew();
    var frames = Tasks.Run(args[1], args[2], args.Length > 3 ? args[3] : null);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[1]}: {frames} frames in {clock.Elapsed.TotalSeconds:0.000} s"));
    return 0;
}

Console.Error.WriteLine("usage: Podcast.Benchmarks kernels [--filter *] | task decode|loudness|encode|master FILE [OUT.mp3]");
return 2;
