# Sourced by the benchmark scripts (from the repository root): where the shared fixtures and models are.
# PODCAST_WHISPER_MODEL picks another Whisper model; the rest are the ones publish's tests and benchmarks use.
shared=$(cd ../shared && pwd)
model="${PODCAST_WHISPER_MODEL:-$shared/models/ggml-base.bin}"
vad="$shared/fixtures/whisper/ggml-silero-v6.2.0.bin"
segmentation="$shared/models/speaker/pyannote-segmentation-3.0.int8.onnx"
embedding="$shared/models/speaker/dvector-voxceleb2.int8.onnx"
