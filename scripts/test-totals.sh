#!/usr/bin/env bash
# Adds up the counters of every TRX file under a folder and prints "N passed, N failed[, N skipped]".
set -euo pipefail
dir="${1:?usage: test-totals.sh RESULTS_DIR}"
passed=0 failed=0 skipped=0
while IFS= read -r -d '' trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # xunit v3 leaves a skipped test out of "executed" without counting it as notExecuted.
  not_run=$(( $(get total) - $(get executed) ))
  [ "$(get notExecuted)" -gt "$not_run" ] && not_run=$(get notExecuted)
  skipped=$((skipped + not_run))
done < <(find "$dir" -name '*.trx' -print0)
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
