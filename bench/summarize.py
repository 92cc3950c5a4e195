"""The results rows of one call for bench/run.sh: publish against whisper.cpp's CLI (and, when run, Whisper.net alone
on publish's pieces), each against the fixture's exact transcript.

Every run is one process timed by GNU time into a file holding "peak-RSS-KB wall-s user-s sys-s". Ratios are process
wall time over the CLI's process wall time, both measured in the same run of the script."""
import argparse
import json
import os
import re

import wer

p = argparse.ArgumentParser()
p.add_argument("--label", required=True)
p.add_argument("--seconds", type=float, required=True)
p.add_argument("--truth", required=True, help="the exact transcript of the call, as text")
p.add_argument("--terms", required=True, help="names and vocabulary, one a line")
p.add_argument("--publish-json", required=True)
p.add_argument("--publish-time", required=True)
p.add_argument("--publish-log", required=True)
p.add_argument("--cli-time", required=True)
p.add_argument("--cli-txt", required=True)
p.add_argument("--baseline-time")
p.add_argument("--baseline-seconds")
p.add_argument("--baseline-txt")
a = p.parse_args()

truth = open(a.truth, encoding="utf-8").read()
terms = [t for t in open(a.terms, encoding="utf-8").read().splitlines() if t.strip()]


def timed(path):
    rss_kb, wall, user, system = open(path).read().split()[:4]
    return float(wall), float(user) + float(system), int(rss_kb) / 1024


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


def names_text(text):
    right, expected, extra = wer.names(truth, text, terms)
    return f"{right}/{expected}" + (f", {extra} invented" if extra else "")


cli_wall, cli_cpu, cli_rss = timed(a.cli_time)


def row(run, wall, cpu, rss, written, heard=None, notes=""):
    heard_text = "-" if heard is None else f"{wer.wer(truth, heard):.3f}"
    print(f"| {a.label} | {a.seconds:.0f} | {run} | {wall:.1f} | {wall / cli_wall:.2f} | {cpu:.1f} | {rss:.0f} | "
          f"{rss - cli_rss:+.0f} | {wer.wer(truth, written):.3f} | {heard_text} | {names_text(written)} | {notes} |")


result = json.load(open(a.publish_json))
episode = result["episodeDir"]
timings = result.get("timings", {})
stages = ", ".join(f"{k} {v:.1f}" for k, v in timings.items() if k != "total")
eta = eta_after_first_minute(a.publish_log)
eta_text = "" if eta is None else f"; ETA a minute into transcription {eta[0]:.0f} s, took {eta[1]:.0f} s ({(eta[0] - eta[1]) / eta[1]:+.0%})"
transcribe = timings.get("transcribe")
transcribe_text = "" if transcribe is None else f"; transcribe/CLI {transcribe / cli_wall:.2f}"
record = json.load(open(os.path.join(episode, "transcription.json")))
flash = record.get("flashAttention")
flash_text = "" if flash is None else f"; flash attention {'on' if flash else 'off'}"
wall, cpu, rss = timed(a.publish_time)
row("`podcast publish`", wall, cpu, rss,
    wer.segments_text(os.path.join(episode, "transcript.json"), "body"),
    wer.segments_text(os.path.join(episode, "transcript.words.json"), "text"),
    f"stages: {stages}{transcribe_text}{flash_text}{eta_text}")
row("`whisper-cli`", cli_wall, cli_cpu, cli_rss, open(a.cli_txt, encoding="utf-8").read(), notes="its defaults, greedy")
if a.baseline_time and os.path.exists(a.baseline_time):
    wall, cpu, rss = timed(a.baseline_time)
    inside = float(open(a.baseline_seconds).read().strip().splitlines()[-1])
    row("Whisper.net alone", wall, cpu, rss, open(a.baseline_txt, encoding="utf-8").read(),
        notes=f"publish's pieces and prompt; {inside:.1f} s in Whisper")
