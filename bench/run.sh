#!/usr/bin/env bash
# Whole-publish benchmark against whisper.cpp's own CLI: builds calls by looping the public fixture call, publishes
# each as a producer would (the Silero VAD model, the speaker models, mastering), and times whisper.cpp's `whisper-cli`
# on the same MP3 in the same run: its defaults, greedy (-bs 1 -bo 1), the same threads, -l en. Reports wall time,
# CPU time, peak RSS (GNU time) and WER against the fixture's exact transcript (repeated as often as the call loops
# it) for both, publish's stage times, and the ratio publish/CLI. Writes bench/results.md.
#
#   WHISPER_CLI=/path/to/whisper-cli bench/run.sh [minutes...]    (default: 10 60)
#   WHISPER_CPP_SRC=/path/to/whisper.cpp bench/run.sh 10 60       (builds whisper-cli into a temporary folder first)
#
# A call of N minutes is the fixture (212 s) looped ceil(N*60/212) times; below the fixture's length (the smoke test,
# `bench/run.sh 1`) it is the fixture cut between two sentences, and its truth the sentences before the cut.
# Options (environment):
#   THREADS=2           threads for publish, the CLI and the baseline
#   FLASH=0|1           PODCAST_FLASH_ATTENTION for publish and the baseline; unset: publish's own default.
#                       The CLI keeps its default (flash attention on); CLI_FLASH=0 adds -nfa.
#   BASELINE=1          also times Whisper.net alone (bench/WhisperBaseline: publish's pieces and prompt), to tell the
#                       runtime's cost from publish's
#   RESULTS=FILE        write the table there instead of bench/results.md
#   BUILD_JOBS=2        parallel jobs for building whisper.cpp
# Needs ../shared (the fixture call, models/ggml-base.bin, the VAD and speaker models), ffmpeg, GNU time, python3;
# cmake and a C++ compiler for WHISPER_CPP_SRC.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/models.sh
threads="${THREADS:-2}"
baseline="${BASELINE:-0}"
results="${RESULTS:-bench/results.md}"
minutes=("$@"); [ ${#minutes[@]} -gt 0 ] || minutes=(10 60)
for f in "$model" "$vad" "$segmentation" "$embedding"; do [ -f "$f" ] || { echo "missing $f" >&2; exit 2; }; done
command -v ffmpeg >/dev/null || { echo "ffmpeg is not installed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is not installed" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${WHISPER_CLI:-}" ]; then
  cli="$WHISPER_CLI"
elif [ -n "${WHISPER_CPP_SRC:-}" ]; then
  echo "building whisper-cli from $WHISPER_CPP_SRC (Release)" >&2
  cmake -S "$WHISPER_CPP_SRC" -B "$work/whisper.cpp" -DCMAKE_BUILD_TYPE=Release -DWHISPER_BUILD_TESTS=OFF >"$work/cmake.log" 2>&1 ||
    { cat "$work/cmake.log" >&2; exit 2; }
  cmake --build "$work/whisper.cpp" --config Release -j "${BUILD_JOBS:-2}" --target whisper-cli >"$work/build.log" 2>&1 ||
    { tail -30 "$work/build.log" >&2; exit 2; }
  cli="$work/whisper.cpp/bin/whisper-cli"
else
  echo "set WHISPER_CLI=/path/to/whisper-cli or WHISPER_CPP_SRC=/path/to/whisper.cpp" >&2
  exit 2
fi
[ -x "$cli" ] || { echo "not an executable: $cli" >&2; exit 2; }
# whisper-cli prints no version: it is read from the source tree the binary was built in, when it is found above it.
cli_version="version unknown"
d=$(dirname "$(readlink -f "$cli")")
for _ in 1 2 3 4 5; do
  if [ -f "$d/CMakeLists.txt" ] && grep -q 'project("whisper.cpp" VERSION' "$d/CMakeLists.txt"; then
    cli_version="v$(sed -nE 's/^project\("whisper.cpp" VERSION ([0-9.]+)\).*/\1/p' "$d/CMakeLists.txt")"; break
  fi
  d=$(dirname "$d")
done
[ -n "${WHISPER_CPP_SRC:-}" ] && cli_version="v$(sed -nE 's/^project\("whisper.cpp" VERSION ([0-9.]+)\).*/\1/p' "$WHISPER_CPP_SRC/CMakeLists.txt")"
cli_flags=(-t "$threads" -l en -bs 1 -bo 1)
[ "${CLI_FLASH:-1}" = 0 ] && cli_flags+=(-nfa)
flash_env=()
[ -n "${FLASH:-}" ] && flash_env=(PODCAST_FLASH_ATTENTION="$FLASH")

dotnet build src/Podcast.Cli -c Release -o "$work/cli" >/dev/null
[ "$baseline" != 0 ] && dotnet build bench/WhisperBaseline -c Release -o "$work/baseline" >/dev/null
fixture_dir="$shared/fixtures/deeply-talks-deir-ezzor"
fixture="$fixture_dir/call.mp3"
fixture_seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$fixture")
title="Deeply Talks: The Battle Against ISIS in Deir Ezzor"
guest="Hassan Hassan"
{ echo "$guest"; PYTHONPATH=bench python3 -c "import wer; print('\n'.join(wer.show_terms('feeds/deeply-talks/show.yml')))"; } > "$work/terms.txt"
timed() { local out=$1; shift; /usr/bin/time -f '%M %e %U %S' -o "$out" "$@"; }

rows=()
system_info=""
for m in "${minutes[@]}"; do
  call="$work/call-$m.mp3"
  # The call and its truth: whole loops of the fixture, or the fixture cut in the pause after the last sentence that
  # ends by the asked length.
  read -r reps cut < <(PYTHONPATH=bench python3 - "$m" "$fixture_seconds" "$fixture_dir/transcript.json" "$work/truth-$m.txt" <<'EOF'
import json, math, sys, wer
minutes, length, transcript, out = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], sys.argv[4]
if minutes * 60 >= length:
    reps = math.ceil(minutes * 60 / length)
    open(out, "w").write(" ".join([wer.fixture_truth(transcript)] * reps))
    print(reps, "-")
else:
    s = json.load(open(transcript))["segments"]
    last = max(i for i, x in enumerate(s) if x["endTime"] <= minutes * 60)
    cut = (s[last]["endTime"] + s[last + 1]["startTime"]) / 2
    open(out, "w").write(wer.fixture_truth(transcript, cut))
    print(1, f"{cut:.3f}")
EOF
  )
  if [ "$cut" = - ]; then
    list="$work/list-$m.txt"; : > "$list"
    for _ in $(seq "$reps"); do echo "file '$fixture'" >> "$list"; done
    ffmpeg -v error -y -f concat -safe 0 -i "$list" -c copy "$call"
  else
    ffmpeg -v error -y -i "$fixture" -t "$cut" -c copy "$call"
  fi
  seconds=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$call")

  show="$work/show-$m"; mkdir -p "$show"; cp feeds/deeply-talks/show.yml "$show/"
  [ -f feeds/deeply-talks/cover.png ] && cp feeds/deeply-talks/cover.png "$show/"
  # Progress lines (stderr) are timed as they arrive, to check the transcription ETA against when it really ended.
  { env PODCAST_VAD_MODEL="$vad" PODCAST_SEGMENTATION_MODEL="$segmentation" PODCAST_SPEAKER_MODEL="$embedding" "${flash_env[@]}" \
      /usr/bin/time -f '%M %e %U %S' -o "$work/time-$m.txt" \
      dotnet "$work/cli/podcast.dll" publish "$call" --show "$show" --model "$model" --threads "$threads" \
        --title "$title" --guest "$guest" --json 2>&1 > "$work/publish-$m.json"; } | python3 bench/stamp.py > "$work/publish-$m.log"
  prompt=$(python3 -c "import json;d=json.load(open('$work/publish-$m.json'));print(json.load(open(d['episodeDir']+'/transcription.json'))['prompt'])")

  # The CLI on the same MP3 (it decodes and resamples it itself, as publish does), writing plain text.
  timed "$work/time-cli-$m.txt" "$cli" -m "$model" -f "$call" "${cli_flags[@]}" -otxt -of "$work/cli-$m" >/dev/null 2>"$work/cli-$m.log" ||
    { tail -20 "$work/cli-$m.log" >&2; exit 1; }
  system_info=$(grep -m1 '^system_info' "$work/cli-$m.log" || true)
  extra=()
  if [ "$baseline" != 0 ]; then
    env "${flash_env[@]}" /usr/bin/time -f '%M %e %U %S' -o "$work/time-base-$m.txt" \
      dotnet "$work/baseline/WhisperBaseline.dll" "$model" "$call" "$threads" 0 "$prompt" "$work/base-$m.txt" > "$work/base-seconds-$m.txt"
    extra+=(--baseline-time "$work/time-base-$m.txt" --baseline-seconds "$work/base-seconds-$m.txt" --baseline-txt "$work/base-$m.txt")
  fi

  label=$([ "$cut" = - ] && echo "$m min ($reps loops)" || echo "$m min (cut)")
  before=${#rows[@]}
  while IFS= read -r line; do rows+=("$line"); done < <(PYTHONPATH=bench python3 bench/summarize.py --label "$label" --seconds "$seconds" \
    --truth "$work/truth-$m.txt" --terms "$work/terms.txt" --publish-json "$work/publish-$m.json" --publish-time "$work/time-$m.txt" \
    --publish-log "$work/publish-$m.log" --cli-time "$work/time-cli-$m.txt" --cli-txt "$work/cli-$m.txt" "${extra[@]}")
  printf '%s\n' "${rows[@]:$before}"
  # Rewritten after every call, so a long run that is stopped still leaves the rows it finished.
  {
    echo "# Whole-publish benchmark against whisper.cpp's CLI"
    echo
    echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GB;"
    echo "model $(basename "$model") ($(stat -c %s "$model") bytes), $threads threads, greedy decoding; run $(date -u +%Y-%m-%d)."
    echo "Command: \`$([ -n "${FLASH:-}" ] && echo "FLASH=$FLASH ")$([ "${CLI_FLASH:-1}" = 0 ] && echo "CLI_FLASH=0 ")$([ "$baseline" != 0 ] && echo "BASELINE=1 ")bench/run.sh ${minutes[*]}\`."
    echo "CLI: whisper.cpp $cli_version (Release), \`whisper-cli ${cli_flags[*]}\`,"
    echo "its defaults otherwise (flash attention $([ "${CLI_FLASH:-1}" = 0 ] && echo off || echo on), temperature fallback), on the same MP3;"
    echo "\`$system_info\`."
    echo "Publish as a producer runs it: the Silero VAD model, the speaker models (segmentation + d-vectors), mastering,"
    echo "\`--title \"$title\" --guest \"$guest\"\`."
    echo
    echo "Each run is one process under GNU time: wall and CPU (user + sys) seconds, peak RSS. x CLI is wall time over the"
    echo "CLI's in the same run of the script. WER is against the fixture's exact transcript (repeated as often as the call"
    echo "loops the fixture), normalised as the tests' \`Wer\` (bench/wer.py): publish's published transcript, and in the"
    echo "next column what Whisper heard before the vocabulary pass. Names: occurrences of the hosts, the guest and the"
    echo "show's vocabulary written where the truth has them, of all the truth has. Where the time goes: bench/profile.md."
    echo
    echo "| call | audio s | run | wall s | x CLI | CPU s | peak RSS MB | RSS - CLI MB | WER | WER before vocabulary | names | notes |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${rows[@]}"
  } > "$results"
done
cat "$results"
