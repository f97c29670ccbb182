#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need
# (Azurite from npm; Chromium and poppler-utils from Debian when missing), builds, tests,
# and ends with one line of totals: "N passed, N failed[, N skipped]".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh

results=".artifacts/test-results"
rm -rf "$results" && mkdir -p "$results"

dotnet build Functions.sln -c Release --nologo -v minimal

set +e
dotnet test Functions.sln -c Release --nologo --no-build \
  --logger "trx" --results-directory "$results" \
  -- RunConfiguration.TestSessionTimeout=3000000 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e

bash scripts/test-totals.sh "$results"
exit "$status"
