"""Prefixes each line of stdin with the seconds since this script started: publish's progress lines, timed."""
import sys
import time

start = time.monotonic()
for line in sys.stdin:
    sys.stdout.write(f"{time.monotonic() - start:.1f} {line}")
    sys.stdout.flush()
