#!/usr/bin/env bash
# Installs what DriveSync's demo and tests need beyond the .NET SDK, once: Azurite (npm, pinned
# by package-lock.json), and from Debian: Chromium for the status-page tests and poppler-utils
# (pdftotext) for the PDF checks. Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ] && [ "${DRIVESYNC_SKIP_APT:-}" != "1" ]; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
