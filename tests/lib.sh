# lib.sh — sourced by the end-to-end suites: one line per check ("ok   NAME" / "FAIL NAME"),
# counted in pass and fail for the suite's closing "NAME: N passed, N failed" line.
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
ko() { fail=$((fail + 1)); echo "FAIL $1"; }
check() { if eval "$2"; then ok "$1"; else ko "$1"; fi; }
