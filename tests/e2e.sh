#!/bin/sh
# Runs every end-to-end suite tests/e2e_*.sh against bin/folio and the real checkers.
# Each suite prints one line per check and exits non-zero when any failed.
# The closing line counts suites: "e2e: N passed, N failed".
set -u
cd "$(dirname "$0")/.."
export FOLIO="${FOLIO:-$PWD/bin/folio}" SHARED="${SHARED:-$PWD/../shared}"
passed=0 failed=0
for t in tests/e2e_*.sh; do
    [ -e "$t" ] || continue
    echo "== $t"
    if sh "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $t"; fi
done
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
