"""Word error rate and name counts for the bench scripts, normalised as tests/Podcast.Tests/Support/Wer.cs does:
lower case, apostrophes dropped, every other character that is not a letter or digit splits words. The benchmark's
WER is then the same figure the transcription tests assert on."""
import json


def words(text):
    clean = []
    for c in text.lower():
        if c in "'\u2019":
            continue
        clean.append(c if c.isalnum() else " ")
    return "".join(clean).split()


def distance(a, b):
    """Word-level Levenshtein distance."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        previous = current
    return previous[-1]


def wer(reference, hypothesis):
    """WER of hypothesis against reference (texts or word lists), over the reference's word count."""
    r = words(reference) if isinstance(reference, str) else reference
    h = words(hypothesis) if isinstance(hypothesis, str) else hypothesis
    return distance(r, h) / max(1, len(r))


def count(text_words, phrase):
    """How often phrase (normalised) occurs as whole words in a normalised word list."""
    key = words(phrase)
    n = len(key)
    return sum(1 for i in range(len(text_words) - n + 1) if text_words[i:i + n] == key) if n else 0


def names(reference, hypothesis, terms):
    """(right, expected, extra): occurrences of the terms the hypothesis has where the reference has them (the smaller
    of the two counts, per term), how many the reference has, and how many the hypothesis writes beyond the
    reference's (an invented name). The same counts as the tests' name checks."""
    r, h = words(reference), words(hypothesis)
    right = expected = extra = 0
    for term in terms:
        cr, ch = count(r, term), count(h, term)
        right += min(cr, ch)
        expected += cr
        extra += max(0, ch - cr)
    return right, expected, extra


def fixture_truth(transcript_json, cut=None):
    """The fixture's exact transcript (Podcasting 2.0 JSON) as one text; with cut, only the sentences that end by then."""
    segments = json.load(open(transcript_json))["segments"]
    return " ".join(s["body"] for s in segments if cut is None or s["endTime"] <= cut)


def segments_text(path, field):
    """Joined segment texts of a transcript file publish wrote (transcript.json: body, transcript.words.json: text)."""
    return " ".join(s[field] for s in json.load(open(path))["segments"])


def show_terms(show_yml):
    """The hosts and vocabulary listed in a show.yml (the names the vocabulary pass corrects towards). A two-level
    reader for those two lists, so the bench needs no YAML package."""
    terms, current = [], None
    for line in open(show_yml, encoding="utf-8"):
        if line.strip().startswith("#"):
            continue
        if not line.startswith(" "):
            current = line.split(":", 1)[0].strip()
        elif current in ("hosts", "vocabulary") and line.strip().startswith("- "):
            terms.append(line.strip()[2:].strip().strip('"'))
    return terms
