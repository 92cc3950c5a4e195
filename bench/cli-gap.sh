#!/usr/bin/env bash
# Where Whisper.net's transcription time differs from whisper.cpp's CLI: runs the same whisper-cli binary on a short
# clip of the fixture call with its own libraries and with Whisper.net's native runtime (the NuGet package's
# libwhisper/libggml*.so, same whisper.cpp version, loaded in their place through LD_LIBRARY_PATH), with and without
# flash attention and the prompt publish builds, and Whisper.net itself (bench/WhisperBaseline) on the same clip.
# Reports CPU seconds (user + sys, GNU time), the median of REPS runs taken in turn, and the runtime's system_info.
# One thread by default: ggml's workers spin at their barriers, so on a shared machine the CPU time of two threads
# counts waiting; one thread's CPU time is the work. Indicative, not a benchmark (bench/run.sh is).
#   WHISPER_CLI=/path/to/whisper-cli bash bench/cli-gap.sh
#   SECONDS_OF_AUDIO=60 REPS=3 THREADS=1 VARIANTS="cli-fa wnet-nfa" ...
# Needs ../shared, ffmpeg, GNU time, and the Whisper.net.Runtime package restored (dotnet build does it).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/models.sh
cli="${WHISPER_CLI:?set WHISPER_CLI=/path/to/whisper-cli, built from the whisper.cpp version Whisper.net is built from}"
reps="${REPS:-3}"
threads="${THREADS:-1}"
length="${SECONDS_OF_AUDIO:-60}"
variants=(${VARIANTS:-cli-fa cli-nfa wnet-fa wnet-nfa wnet-nfa-prompt wnet-nfa-prompt-nf net-nfa net-nfa-prompt})
version=$(sed -nE 's/.*Include="Whisper.net.Runtime" Version="([^"]+)".*/\1/p' Directory.Packages.props)
runtime="${NUGET_PACKAGES:-$HOME/.nuget/packages}/whisper.net.runtime/$version/build/linux-x64"
[ -f "$runtime/libwhisper.so" ] || { echo "no Whisper.net runtime at $runtime (dotnet build first)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Whisper.net's libraries under the names whisper-cli asks for (their own sonames end in -whisper).
mkdir "$work/wnet"
ln -s "$runtime/libwhisper.so" "$work/wnet/libwhisper.so.1"
ln -s "$runtime/libggml-whisper.so" "$work/wnet/libggml.so.0"
for lib in ggml-whisper ggml-base-whisper ggml-cpu-whisper; do ln -s "$runtime/lib$lib.so" "$work/wnet/lib$lib.so.0"; done
dotnet build bench/WhisperBaseline -c Release -o "$work/baseline" >/dev/null

clip="$work/clip.wav"
ffmpeg -v error -y -i "$shared/fixtures/deeply-talks-deir-ezzor/call-mono-16k.wav" -t "$length" -ar 16000 -ac 1 -c:a pcm_s16le "$clip"
prompt="Deeply Talks: Deeply Talks: The Battle Against ISIS in Deir Ezzor. Hassan Hassan, Alessandria Masi, Hashem Osseiran, $(PYTHONPATH=bench python3 -c "import wer; print(', '.join(wer.show_terms('feeds/deeply-talks/show.yml')[2:]))")."

run() {
  local variant=$1 out=$2
  local base=("$cli" -m "$model" -f "$clip" -t "$threads" -l en -bs 1 -bo 1)
  case $variant in
    cli-fa) /usr/bin/time -f '%e %U %S %M' -o "$out" "${base[@]}" ;;
    cli-nfa) /usr/bin/time -f '%e %U %S %M' -o "$out" "${base[@]}" -nfa ;;
    wnet-fa) LD_LIBRARY_PATH="$work/wnet" /usr/bin/time -f '%e %U %S %M' -o "$out" "${base[@]}" ;;
    wnet-nfa) LD_LIBRARY_PATH="$work/wnet" /usr/bin/time -f '%e %U %S %M' -o "$out" "${base[@]}" -nfa ;;
    wnet-nfa-prompt) LD_LIBRARY_PATH="$work/wnet" /usr/bin/time -f '%e %U %S %M' -o "$out" "${base[@]}" -nfa --prompt "$prompt" ;;
    wnet-nfa-prompt-nf) LD_LIBRARY_PATH="$work/wnet" /usr/bin/time -f '%e %U %S %M' -o "$out" "${base[@]}" -nfa --prompt "$prompt" -nf ;;
    net-nfa) PODCAST_FLASH_ATTENTION=0 /usr/bin/time -f '%e %U %S %M' -o "$out" dotnet "$work/baseline/WhisperBaseline.dll" "$model" "$clip" "$threads" 0 "" "$work/net.txt" ;;
    net-nfa-prompt) PODCAST_FLASH_ATTENTION=0 /usr/bin/time -f '%e %U %S %M' -o "$out" dotnet "$work/baseline/WhisperBaseline.dll" "$model" "$clip" "$threads" 0 "$prompt" "$work/net.txt" ;;
    net-fa) PODCAST_FLASH_ATTENTION=1 /usr/bin/time -f '%e %U %S %M' -o "$out" dotnet "$work/baseline/WhisperBaseline.dll" "$model" "$clip" "$threads" 0 "" "$work/net.txt" ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
}

for r in $(seq "$reps"); do
  for v in "${variants[@]}"; do
    run "$v" "$work/$v-$r.time" >"$work/$v-$r.out" 2>"$work/$v-$r.log" || { tail "$work/$v-$r.log" >&2; exit 1; }
  done
done

echo "clip: the first $length s of the fixture call (16 kHz WAV), $threads thread(s), greedy (-bs 1 -bo 1), $reps runs each, $(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg)"
for v in cli-fa wnet-fa; do
  [[ " ${variants[*]} " == *" $v "* ]] && echo "$v: $(grep -m1 -o 'CPU : .*' "$work/$v-1.log")"
done
echo
echo "| variant | CPU s (median) | CPU s (all) | wall s (median) | peak RSS MB | fallbacks | words |"
echo "|---|---|---|---|---|---|---|"
for v in "${variants[@]}"; do
  python3 - "$v" "$work" "$reps" <<'EOF'
import re, statistics, sys
v, work, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
cpu, wall, rss = [], [], []
for r in range(1, reps + 1):
    e, u, s, m = open(f"{work}/{v}-{r}.time").read().split()[-4:]
    cpu.append(float(u) + float(s)); wall.append(float(e)); rss.append(int(m) / 1024)
log = open(f"{work}/{v}-1.log").read()
fb = re.search(r"fallbacks =\s*(\d+) p /\s*(\d+) h", log)
text = open(f"{work}/{v}-1.out").read()
words = len(re.findall(r"\]\s+(.*)", text) and " ".join(re.findall(r"\]\s+(.*)", text)).split()) if v.startswith(("cli", "wnet")) else "-"
print(f"| {v} | {statistics.median(cpu):.1f} | {', '.join(f'{c:.1f}' for c in cpu)} | {statistics.median(wall):.1f} | "
      f"{max(rss):.0f} | {fb.group(1) + ' p / ' + fb.group(2) + ' h' if fb else '-'} | {words} |")
EOF
done
