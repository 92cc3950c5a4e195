#!/usr/bin/env bash
# Accuracy of whisper.cpp's flash attention in publish: publishes each call with PODCAST_FLASH_ATTENTION=0 and =1 and
# scores what Whisper heard (transcript.words.json) and what publish wrote after the vocabulary pass (transcript.json)
# against the exact text: WER and the names (hosts, guest, vocabulary) written where the truth has them.
# Calls: the Deeply Talks fixture, its 10-minute loop (three times the fixture), JFK, and our own espeak calls
# (tests/Podcast.Tests/Transcription/Calls, spoken as the tests' SpokenCall does). Accuracy only: the times it prints
# are not a benchmark (bench/run.sh is).
#   bash bench/flash.sh                 # all calls; writes bench/flash.md
#   CALLS="fixture jfk" bash bench/flash.sh
# Needs ../shared (the fixture, models/ggml-base.bin, the VAD and speaker models), ffmpeg, sox and espeak-ng.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/models.sh
fixture_dir="$shared/fixtures/deeply-talks-deir-ezzor"
calls=(${CALLS:-fixture loop10 jfk harbour-talks garden-hour})
results="${RESULTS:-bench/flash.md}"
threads="${THREADS:-2}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/Podcast.Cli -c Release -o "$work/cli" >/dev/null

# prepare NAME: writes $work/NAME/{call.mp3,show.yml,truth.txt,terms.txt,args} (args: title, then guest).
prepare() {
  local name=$1 dir="$work/$1"
  mkdir -p "$dir"
  case $name in
    fixture | loop10)
      if [ "$name" = fixture ]; then cp "$fixture_dir/call.mp3" "$dir/call.mp3"; reps=1
      else
        reps=3; for _ in 1 2 3; do echo "file '$fixture_dir/call.mp3'"; done > "$dir/list.txt"
        ffmpeg -v error -y -f concat -safe 0 -i "$dir/list.txt" -c copy "$dir/call.mp3"
      fi
      cp feeds/deeply-talks/show.yml "$dir/show.yml"
      printf '%s\n%s\n' "Deeply Talks: The Battle Against ISIS in Deir Ezzor" "Hassan Hassan" > "$dir/args"
      PYTHONPATH=bench python3 -c "import wer; print(' '.join([wer.fixture_truth('$fixture_dir/transcript.json')] * $reps))" > "$dir/truth.txt"
      { echo "Hassan Hassan"; PYTHONPATH=bench python3 -c "import wer; print('\n'.join(wer.show_terms('feeds/deeply-talks/show.yml')))"; } > "$dir/terms.txt"
      ;;
    jfk)
      cp "$shared/fixtures/whisper/jfk.mp3" "$dir/call.mp3"
      cp feeds/deeply-talks/show.yml "$dir/show.yml"
      printf '%s\n%s\n' "Inaugural Address" "John F. Kennedy" > "$dir/args"
      echo "And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country." > "$dir/truth.txt"
      : > "$dir/terms.txt"
      ;;
    *)
      # One of our own calls, as SpokenCall.Speak makes it: each line spoken by its voice at 150 words a minute,
      # joined by sox, then a 16 kHz mono 48 kb/s MP3; the header gives title, hosts, guest and vocabulary.
      local script="tests/Podcast.Tests/Transcription/Calls/$name.txt" i=0 wavs=()
      [ -f "$script" ] || { echo "no call $name" >&2; exit 2; }
      header() { sed -nE "s/^# $1: *(.*)$/\1/p" "$script"; }
      while IFS='|' read -r voice _ text; do
        espeak-ng -v "$voice" -s 150 -w "$dir/line-$i.wav" "$text"
        wavs+=("$dir/line-$i.wav"); i=$((i + 1))
        echo "$text" >> "$dir/truth.txt"
      done < <(grep -v '^#' "$script" | grep -v '^[[:space:]]*$')
      sox "${wavs[@]}" "$dir/joined.wav"
      ffmpeg -v error -y -i "$dir/joined.wav" -ar 16000 -ac 1 -b:a 48k "$dir/call.mp3"
      local title; title=$(header title)
      { echo "title: \"${title%%:*}\""; echo "description: A test show."; echo "author: Tests"; echo "owner:"
        echo "  name: Tests"; echo "  email: tests@example.org"; echo "language: en"; echo "category: News"; echo "explicit: false"
        echo "baseUrl: https://example.org/$name/"; echo "hosts:"; header hosts | tr ';' '\n' | sed -E 's/^ *(.*[^ ]) *$/  - \1/'
        echo "vocabulary:"; header vocabulary | tr ';' '\n' | sed -E 's/^ *(.*[^ ]) *$/  - \1/'; } > "$dir/show.yml"
      printf '%s\n%s\n' "$title" "$(header guest)" > "$dir/args"
      { header guest; header hosts | tr ';' '\n'; header vocabulary | tr ';' '\n'; } | sed -E 's/^ +| +$//g' | grep -v '^$' > "$dir/terms.txt"
      ;;
  esac
}

for name in "${calls[@]}"; do
  prepare "$name"
  { read -r title; read -r guest; } < "$work/$name/args"
  for flash in 0 1; do
    show="$work/$name/show-$flash"; mkdir -p "$show"; cp "$work/$name/show.yml" "$show/"
    start=$(date +%s)
    PODCAST_VAD_MODEL="$vad" PODCAST_SEGMENTATION_MODEL="$segmentation" PODCAST_SPEAKER_MODEL="$embedding" PODCAST_FLASH_ATTENTION="$flash" \
      dotnet "$work/cli/podcast.dll" publish "$work/$name/call.mp3" --show "$show" --model "$model" --threads "$threads" \
        --title "$title" --guest "$guest" --json > "$work/$name/publish-$flash.json" 2> "$work/$name/publish-$flash.log" ||
      { tail -20 "$work/$name/publish-$flash.log" >&2; exit 1; }
    echo "$name, flash attention $flash: published in $(($(date +%s) - start)) s" >&2
  done
done

PYTHONPATH=bench python3 - "$work" "$model" "${calls[@]}" > "$results" <<'EOF'
import json, os, sys, datetime, wer
work, model, calls = sys.argv[1], sys.argv[2], sys.argv[3:]
print("# Flash attention: accuracy in publish\n")
print(f"`bash bench/flash.sh`, model {os.path.basename(model)}, greedy, the VAD and speaker models, run "
      f"{datetime.date.today().isoformat()}. Each call published twice, with `PODCAST_FLASH_ATTENTION=0` and `=1`.")
print("WER against the exact text (normalised as the tests' `Wer`): of what publish wrote after the vocabulary pass, and")
print("of what Whisper heard before it. Names: occurrences of the hosts, the guest and the vocabulary written where the")
print("truth has them, of all the truth has, and how many were written beyond the truth (invented). On/off differ: WER")
print("of the flash-attention run's heard words against the run without it (how much it changes the words at all).\n")
print("| call | words | flash attention | WER written | WER heard | names written | names heard | on/off differ |")
print("|---|---|---|---|---|---|---|---|")
def names(truth, text, terms):
    if not terms:
        return "-"
    right, expected, extra = wer.names(truth, text, terms)
    return f"{right}/{expected}" + (f", {extra} invented" if extra else "")
for name in calls:
    d = os.path.join(work, name)
    truth = open(os.path.join(d, "truth.txt")).read()
    terms = [t for t in open(os.path.join(d, "terms.txt")).read().splitlines() if t.strip()]
    texts = {}
    for flash in ("0", "1"):
        episode = json.load(open(os.path.join(d, f"publish-{flash}.json")))["episodeDir"]
        record = json.load(open(os.path.join(episode, "transcription.json")))
        written = wer.segments_text(os.path.join(episode, "transcript.json"), "body")
        heard = wer.segments_text(os.path.join(episode, "transcript.words.json"), "text")
        texts[flash] = heard
        recorded = record.get("flashAttention")
        mark = "" if recorded is None or recorded == (flash == "1") else " (transcription.json disagrees)"
        differ = "-" if flash == "0" else f"{wer.wer(texts['0'], heard):.3f}"
        print(f"| {name} | {len(wer.words(truth))} | {'on' if flash == '1' else 'off'}{mark} | {wer.wer(truth, written):.3f} | "
              f"{wer.wer(truth, heard):.3f} | {names(truth, written, terms)} | {names(truth, heard, terms)} | {differ} |")
EOF
cat "$results"
