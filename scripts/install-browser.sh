#!/usr/bin/env bash
# Debian's Chromium, colour emoji and the scripts' fonts for the browser tests, and the PDF reports' font. Never
# `playwright install`: Playwright drives /usr/bin/chromium.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
# The PDF reports embed DejaVu Sans (å, ä, ö and most scripts children write in).
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
# Arabic, Persian and Tigrinya (Ge'ez script) on the answering screens: without these, Chromium draws
# Ge'ez as empty boxes and Arabic in a poor fallback (Noto Sans Ethiopic, Noto Sans/Naskh Arabic).
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing ${missing[*]} ..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
