#!/usr/bin/env bash
# Rebuilds the sample call (welcome.mp3) and its transcript (welcome.vtt) with espeak-ng, sox and ffmpeg.
# Two voices, one line each, with the exact times written into the VTT.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lines=(
  "en-us+m3|Alessandria Masi|Welcome to Deeply Talks, the call where our editors speak with the people who know Syria best."
  "en-gb+f2|Hassan Hassan|Thank you for having me. The battle for Deir Ezzor will decide who holds the east of the country."
  "en-us+m3|Alessandria Masi|That is where we begin today. Stay with us."
)
t=0.5
vtt="WEBVTT"$'\n'
parts=()
sox -n -r 22050 -c 1 "$work/pad.wav" trim 0 0.5
parts+=("$work/pad.wav")
i=0
for line in "${lines[@]}"; do
  IFS='|' read -r voice speaker text <<<"$line"
  espeak-ng -v "$voice" -s 160 -w "$work/$i.wav" "$text"
  sox "$work/$i.wav" -r 22050 -c 1 "$work/$i-r.wav"
  d=$(soxi -D "$work/$i-r.wav")
  end=$(echo "$t + $d" | bc -l)
  vtt+=$'\n'"$(printf '%02d:%06.3f --> %02d:%06.3f' 0 "$t" 0 "$end" | sed 's/^/00:/;s/--> /--> 00:/')"$'\n'"<v $speaker>$text"$'\n'
  parts+=("$work/$i-r.wav" "$work/pad.wav")
  t=$(echo "$end + 0.5" | bc -l)
  i=$((i + 1))
done
sox "${parts[@]}" "$work/call.wav"
ffmpeg -v error -y -i "$work/call.wav" -ac 1 -ar 22050 -b:a 48k -codec:a libmp3lame welcome.mp3
printf '%s' "$vtt" > welcome.vtt
