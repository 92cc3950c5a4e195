#!/usr/bin/env bash
# Installs what the tests use (Debian packages, npm packages into tests/conformance) and runs the whole suite.
# Safe to run again: installed pieces are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

# python3 runs the shared RTTM scorer the real-voice speaker tests are judged with; nodejs runs the feed parsers
# and s3rver, the S3 server the deploy tests upload to (both npm packages in tests/conformance, installed below);
# postgresql gives the queue tests a server of their own (initdb/pg_ctl in a temp folder, not the system service).
apt_packages=(ffmpeg eyed3 espeak-ng sox libmp3lame0 chromium fonts-dejavu-core python3 nodejs postgresql)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm comes with NodeSource's nodejs but is a package of its own in Debian's: install it only where it is missing
# (installing Debian's npm beside NodeSource's nodejs would conflict).
if ! command -v npm >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null
fi

if [ -f tests/conformance/package.json ]; then
  (cd tests/conformance && npm ci --no-audit --no-fund --silent)
fi

dotnet test Podcast.sln -c Release "$@"
