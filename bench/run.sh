#!/usr/bin/env bash
# Whole-publish benchmark: builds 10- and 60-minute calls from the public fixture (repeated), publishes each with the
# real Whisper base model, and compares with Whisper.net transcribing the same 16 kHz samples alone.
# Writes bench/results.md. Usage: bench/run.sh [minutes...]   (default: 10 60; add 180 for the long run)
# BASELINE=0 publishes only (for the 3-hour call: memory and the ETA, without the hour and a half of the baseline);
# RESULTS=FILE writes the table there instead.
# Needs ../shared (the fixture call, models/ggml-base.bin and the speaker models), ffmpeg and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=$(cd ../shared && pwd)
model="${PODCAST_WHISPER_MODEL:-$shared/models/ggml-base.bin}"
vad="$shared/fixtures/whisper/ggml-silero-v6.2.0.bin"
segmentation="$shared/models/speaker/pyannote-segmentation-3.0.int8.onnx"
embedding="$shared/models/speaker/dvector-voxceleb2.int8.onnx"
threads="${THREADS:-2}"
# Flash attention (whisper.cpp) for both publish and the baseline: 90 MB less at the peak; FLASH=0 to measure without.
flash="${FLASH:-1}"
baseline="${BASELINE:-1}"
results="${RESULTS:-bench/results.md}"
minutes=("$@"); [ ${#minutes[@]} -gt 0 ] || minutes=(10 60)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/Podcast.Cli -c Release -o "$work/cli" >/dev/null
dotnet build bench/WhisperBaseline -c Release -o "$work/baseline" >/dev/null
fixture="$shared/fixtures/deeply-talks-deir-ezzor/call.mp3"
fixture_seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$fixture")
prompt_title="Deeply Talks: The Battle Against ISIS in Deir Ezzor"

rows=()
for m in "${minutes[@]}"; do
  reps=$(python3 -c "import math;print(math.ceil($m*60/$fixture_seconds))")
  list="$work/list-$m.txt"; : > "$list"
  for _ in $(seq "$reps"); do echo "file '$fixture'" >> "$list"; done
  call="$work/call-$m.mp3"
  ffmpeg -v error -y -f concat -safe 0 -i "$list" -c copy "$call"
  seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$call")

  show="$work/show-$m"; mkdir -p "$show"; cp feeds/deeply-talks/show.yml "$show/"
  [ -f feeds/deeply-talks/cover.png ] && cp feeds/deeply-talks/cover.png "$show/"
  # Progress lines (stderr) are timed as they arrive, to check the transcription ETA against when it really ended.
  { PODCAST_VAD_MODEL="$vad" PODCAST_SEGMENTATION_MODEL="$segmentation" PODCAST_SPEAKER_MODEL="$embedding" PODCAST_FLASH_ATTENTION="$flash" /usr/bin/time -f '%M %e' -o "$work/time-$m.txt" \
    dotnet "$work/cli/podcast.dll" publish "$call" --show "$show" --model "$model" --threads "$threads" \
      --title "$prompt_title" --guest "Hassan Hassan" --json 2>&1 > "$work/publish-$m.json"; } | python3 bench/stamp.py > "$work/publish-$m.log"
  prompt=$(python3 -c "import json;d=json.load(open('$work/publish-$m.json'));print(json.load(open(d['episodeDir']+'/transcription.json'))['prompt'])")

  if [ "$baseline" != 0 ]; then
    PODCAST_FLASH_ATTENTION="$flash" /usr/bin/time -f '%M %e' -o "$work/time-base-$m.txt" \
      dotnet "$work/baseline/WhisperBaseline.dll" "$model" "$call" "$threads" 0 "$prompt" "$work/base-$m.txt" > "$work/base-seconds-$m.txt"
  fi

  rows+=("$(python3 bench/summarize.py "$m" "$seconds" "$work/publish-$m.json" "$work/time-$m.txt" "$work/base-seconds-$m.txt" "$work/time-base-$m.txt" "$work/base-$m.txt" "$show" "$model" "$work/publish-$m.log")")
  echo "${rows[-1]}"
  # Rewritten after every call, so a long run that is stopped still leaves the rows it finished.
  {
    echo "# Whole-publish benchmark"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB;"
    echo "model $(basename "$model") ($(stat -c %s "$model") bytes), $threads threads, greedy decoding; run $(date -u +%Y-%m-%d)."
    echo "Command: \`$([ "$baseline" = 0 ] && echo "BASELINE=0 ")bench/run.sh ${minutes[*]}\`. Baseline: Whisper.net alone on the same 16 kHz samples, cut into the same"
    echo "five-minute pieces on one Whisper state, with the same prompt and decoding. Words are compared with what Whisper"
    echo "heard in publish (transcript.words.json, before the"
    echo "vocabulary corrections); the figure in brackets is the word error rate of publish's words against the baseline's."
    echo
    echo "The ETA column is the transcription time left that publish printed once it had transcribed for a minute, against"
    echo "the time it then really took. Where the time and memory go, and what would close the gaps to the targets:"
    echo "bench/profile.md."
    echo
    echo "| call | audio s | publish s | baseline s | publish/baseline | RTF | peak RSS MB | baseline RSS MB | words equal (WER vs baseline) | ETA after 1 min: said / took | stages (s) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
  } > "$results"
done
cat "$results"
