#!/usr/bin/env bash
# Throughput of `podcast worker`: hours of audio published per hour of wall time, for 1 and 2 workers on this
# machine, on the SQLite queue (or the PostgreSQL that PODCAST_JOBS_DB names). Each run publishes COPIES distinct
# copies of RECORDING (one sample changed in each, so each is its own job and episode) into a fresh show; each worker
# takes both queues (transcribe, then publish).
#   usage: bench/queue-throughput.sh RECORDING [COPIES=4] [WORKERS="1 2"]   (or COPIES=... WORKERS=... in the environment)
# Each worker gets --threads THREADS, by default its share of the cores (nproc / workers, at least 1); THREADS=all
# gives every worker every core.
# Needs ffmpeg and ffprobe; the models are bench/models.sh's (PODCAST_WHISPER_MODEL picks another Whisper model).
# N machines: each worker here shares 2 cores; a machine of its own would run at the 1-worker rate, so N machines
# publish about N times that rate while the show-writing part (a small fraction of each job) is not the bottleneck.
set -euo pipefail
recording=$(realpath "${1:?usage: bench/queue-throughput.sh RECORDING [COPIES] [WORKERS]}")
copies=${2:-${COPIES:-4}}
workers_list=${3:-${WORKERS:-"1 2"}}
cd "$(dirname "$0")/.."
repo=$(pwd)
source bench/models.sh
export PODCAST_WHISPER_MODEL="$model" PODCAST_VAD_MODEL="$vad" PODCAST_SEGMENTATION_MODEL="$segmentation" PODCAST_SPEAKER_MODEL="$embedding"
dotnet build "$repo/src/Podcast.Cli/Podcast.Cli.csproj" -c Release -v q >/dev/null
podcast=(dotnet "$repo/src/Podcast.Cli/bin/Release/net10.0/podcast.dll")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ffmpeg -v error -i "$recording" -ac 1 -ar 16000 "$work/source.wav"
seconds=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$work/source.wav")

for workers in $workers_list; do
  run="$work/run-$workers"
  mkdir -p "$run/feeds/show" "$run/in"
  cp "$repo/feeds/deeply-talks/show.yml" "$run/feeds/show/"
  for i in $(seq 1 "$copies"); do
    cp "$work/source.wav" "$run/in/call-$i.wav"
    printf "\\x$(printf %02x "$((i % 256))")" | dd of="$run/in/call-$i.wav" bs=1 seek=1000 conv=notrunc 2>/dev/null
  done
  "${podcast[@]}" queue add "$run"/in/*.wav --show "$run/feeds/show" 2>/dev/null
  start=$(date +%s.%N)
  pids=()
  share=$(( $(nproc) / workers )); [ "$share" -ge 1 ] || share=1
  threads=${THREADS:-$share}
  thread_args=(); [ "$threads" = all ] || thread_args=(--threads "$threads")
  for _ in $(seq 1 "$workers"); do
    "${podcast[@]}" worker --drain --feeds "$run/feeds" "${thread_args[@]}" 2>>"$run/workers.log" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  end=$(date +%s.%N)
  published=$(grep -c "<item>" "$run/feeds/show/feed.xml" || true)
  if [ "$published" != "$copies" ]; then
    echo "$workers worker(s): published $published of $copies; the workers wrote:" >&2
    tail -n 20 "$run/workers.log" >&2
    exit 1
  fi
  python3 - "$workers" "$copies" "$published" "$seconds" "$start" "$end" "$threads" <<'PY'
import sys
workers, copies, published, seconds, start, end = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
threads = sys.argv[7]
wall = end - start
print(f"{workers} worker(s), Whisper threads {threads} each: {published}/{copies} episodes of {seconds/60:.1f} min in {wall/60:.1f} min: "
      f"{published*seconds/wall:.2f} hours of audio per hour")
PY
done
