"""One results row for bench/run.sh: publish vs the Whisper.net baseline on the same call."""
import json, re, sys, os

minutes, seconds, publish_json, time_pub, base_secs, time_base, base_txt, show, model, progress_log = sys.argv[1:11]
seconds = float(seconds)
result = json.load(open(publish_json))
rss_pub, wall_pub = open(time_pub).read().split()
# BASELINE=0 (long calls) publishes only: no baseline figures to compare with.
has_baseline = os.path.exists(base_secs)
rss_base = open(time_base).read().split()[0] if has_baseline else None
baseline = float(open(base_secs).read().strip().splitlines()[-1]) if has_baseline else None
timings = result.get("timings", {})
total = float(timings.get("total", wall_pub))

def words(text):
    return re.sub(r"[^\w\s']", " ", text.lower()).split()

# What Whisper heard in publish, before the vocabulary corrections and speaker names.
heard = json.load(open(os.path.join(result["episodeDir"], "transcript.words.json")))
ours = " ".join(segment["text"] for segment in heard["segments"])
ours_words = words(ours)
base_words = words(open(base_txt).read()) if has_baseline else None
equal = ours_words == base_words


def wer(reference, hypothesis):
    """Word-level Levenshtein distance over the reference length (the baseline is the reference)."""
    previous = list(range(len(hypothesis) + 1))
    for i, r in enumerate(reference, 1):
        current = [i] + [0] * len(hypothesis)
        for j, h in enumerate(hypothesis, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / max(1, len(reference))


difference = wer(base_words, ours_words) if has_baseline else None


def eta_after_first_minute(path):
    """(said, took): the seconds left publish printed a minute into transcription, and how long it then took."""
    lines = []
    for line in open(path):
        m = re.match(r"([\d.]+) transcribe\s+(\d+)%(?:, (?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)? left)?", line)
        if m:
            h, mins, secs = (int(g) if g else 0 for g in m.group(3, 4, 5))
            left = None if "left" not in line else h * 3600 + mins * 60 + secs
            lines.append((float(m.group(1)), int(m.group(2)), left))
    if not lines:
        return None
    start = lines[0][0]
    end = next((t for t, percent, _ in lines if percent == 100), None)
    said = next(((t, left) for t, _, left in lines if left is not None and t - start >= 60), None)
    if end is None or said is None or end <= said[0]:
        return None
    return said[1], end - said[0]


eta = eta_after_first_minute(progress_log)
eta_text = "-" if eta is None else f"{eta[0]:.0f} s / {eta[1]:.0f} s ({(eta[0] - eta[1]) / eta[1]:+.0%})"
model_mb = os.path.getsize(model) / 1e6
stages = ", ".join(f"{k} {v:.1f}" for k, v in timings.items() if k != "total")
if has_baseline:
    compared = f"{baseline:.1f} | {total / baseline:.2f}"
    base_rss = f"{int(rss_base) / 1024:.0f}"
    words_text = f"{'yes' if equal else 'no'} ({difference:.3f})"
else:
    compared, base_rss, words_text = "not run | -", "-", "-"
print(f"| {minutes} min | {seconds:.0f} | {total:.1f} | {compared} | {total / seconds:.3f} | "
      f"{int(rss_pub) / 1024:.0f} | {base_rss} | {words_text} | {eta_text} | {stages} |")
