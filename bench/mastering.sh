#!/usr/bin/env bash
# Whole-process benchmark of the mastering path against ffmpeg doing the same work on the same input.
# Makes a long input by looping the fixture call (../shared) as a 64 kb/s mono MP3, then times each stage as a
# process (wall seconds, CPU seconds, peak RSS) beside its ffmpeg equivalent and prints podcast/ffmpeg ratios.
#   bash bench/mastering.sh            # 60 minutes
#   MINUTES=180 bash bench/mastering.sh
#   STAGES="loudness master" bash bench/mastering.sh    # some of: decode loudness encode master
# The in-process kernels (BenchmarkDotNet): dotnet run -c Release --project bench/Podcast.Benchmarks -- kernels --filter '*'
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${MINUTES:-60}
stages=" ${STAGES:-decode loudness encode master} "
want() { [[ "$stages" == *" $1 "* ]]; }
source_mp3=${SOURCE:-../shared/fixtures/deeply-talks-deir-ezzor/call.mp3}
[ -f "$source_mp3" ] || { echo "no source recording at $source_mp3 (set SOURCE=)" >&2; exit 2; }
command -v ffmpeg >/dev/null || { echo "ffmpeg is not installed" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is not installed" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build bench/Podcast.Benchmarks -c Release -o "$work/bin" >/dev/null
input="$work/input.mp3"
ffmpeg -v error -stream_loop -1 -i "$source_mp3" -t $((minutes * 60)) -c:a libmp3lame -b:a 64k "$input"
echo "input: $minutes min, $(ffprobe -v error -show_entries stream=codec_name,sample_rate,channels,bit_rate -of csv=p=0 "$input")"

# run NAME CMD...: "wall cpu rss_mb" of one process.
run() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{ printf "%.2f %.2f %.0f", $1, $2 + $3, $4 / 1024 }' "$work/time"
}

bench=(dotnet "$work/bin/Podcast.Benchmarks.dll" task)
printf '%-34s %9s %9s %8s | %9s %9s %8s | %6s %6s\n' stage "wall s" "cpu s" "RSS MB" "ff wall" "ff cpu" "ff RSS" "wall x" "cpu x"
row() {
  local name=$1 ours=$2 theirs=$3
  read -r ow oc om <<<"$ours"
  read -r fw fc fm <<<"$theirs"
  awk -v n="$name" -v ow="$ow" -v oc="$oc" -v om="$om" -v fw="$fw" -v fc="$fc" -v fm="$fm" \
    'BEGIN { printf "%-34s %9.2f %9.2f %8d | %9.2f %9.2f %8d | %6.2f %6.2f\n", n, ow, oc, om, fw, fc, fm, ow / fw, oc / fc }'
}

want decode && row "decode+resample to 16 kHz mono" \
  "$(run "${bench[@]}" decode "$input")" \
  "$(run ffmpeg -v error -i "$input" -ac 1 -ar 16000 -f f32le -y /dev/null)"
want loudness && row "loudness (R128, true peak)" \
  "$(run "${bench[@]}" loudness "$input")" \
  "$(run ffmpeg -v error -nostats -i "$input" -af ebur128=peak=true -f null -)"
want encode && row "encode MP3 64k (decoded input)" \
  "$(run "${bench[@]}" encode "$input" "$work/encoded.mp3")" \
  "$(run ffmpeg -v error -i "$input" -c:a libmp3lame -b:a 64k -y "$work/ff-encoded.mp3")"

# ffmpeg's two-pass loudnorm (measure, then linear gain + its true-peak limiter) into libmp3lame at the input rate.
ff_master() {
  ffmpeg -v info -nostats -i "$input" -af loudnorm=I=-16:TP=-1:print_format=json -f null - 2>"$work/loudnorm.json"
  local m
  m=$(sed -n '/^{/,/^}/p' "$work/loudnorm.json" | tr -d ' \n\t"' )
  get() { sed -E "s/.*$1:([^,}]*).*/\1/" <<<"$m"; }
  ffmpeg -v error -i "$input" -af "loudnorm=I=-16:TP=-1:measured_I=$(get input_i):measured_TP=$(get input_tp):measured_LRA=$(get input_lra):measured_thresh=$(get input_thresh):offset=$(get target_offset):linear=true" \
    -ar 44100 -c:a libmp3lame -b:a 64k -y "$work/ff-master.mp3"
}
export -f ff_master
export input work
want master || exit 0
row "master (measure, gain, limit, MP3)" \
  "$(run "${bench[@]}" master "$input" "$work/master.mp3")" \
  "$(run bash -c ff_master)"
grep -h "encode" "$work/err" || true

for f in master.mp3 ff-master.mp3; do
  ffmpeg -hide_banner -nostats -i "$work/$f" -af ebur128=peak=true -f null - 2>&1 |
    awk -v f="$f" '/Integrated loudness/ { i = 1 } i && /I:/ { I = $2; i = 0 } /Peak:/ { P = $2 } END { printf "%s: %s LUFS, %s dBTP\n", f, I, P }'
done
