using Microsoft.ML.OnnxRuntime;

namespace Podcast.Speakers;

/// <summary>
/// One ONNX Runtime session over a model file, made once and reused for every batch (loading and optimising a graph
/// costs more than running a batch). Sequential execution with a fixed number of intra-op threads: the speaker stage
/// shares a 2-core machine with mastering, and more threads than cores only add synchronisation.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _run = new();
    private readonly string[] _inputs;
    private readonly string[] _outputs;

    public OnnxModel(string path, string input, string output, int threads)
    {
        if (!File.Exists(path))
            throw PodcastException.ModelUnavailable($"{path}: no such speaker model file");
        using var options = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, threads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        try
        {
            _session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            _run.Dispose();
            throw PodcastException.ModelUnavailable($"{path}: not a model ONNX Runtime can load ({e.Message})");
        }

        _inputs = [input];
        _outputs = [output];
    }

    /// <summary>Runs the model on <paramref name="input"/> shaped <paramref name="shape"/>; the output is copied into <paramref name="output"/> (its exact length).</summary>
    public void Run(Memory<float> input, long[] shape, Span<float> output)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, shape);
        using var results = _session.Run(_run, _inputs, [value], _outputs);
        var data = results[0].GetTensorDataAsSpan<float>();
        if (data.Length != output.Length)
            throw new InvalidOperationException($"the model gave {data.Length} values where {output.Length} were expected");
        data.CopyTo(output);
    }

    public void Dispose()
    {
        _session.Dispose();
        _run.Dispose();
    }
}
