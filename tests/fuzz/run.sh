#!/bin/sh
# run.sh SECONDS NAME... — runs each libFuzzer harness build-fuzz/fuzz_NAME for SECONDS on a
# corpus seeded from the project's own inputs; a crash leaves its input in build-fuzz/crash-*.
set -eu
cd "$(dirname "$0")/../.."
secs=$1; shift
for name in "$@"; do
    corpus=build-fuzz/corpus-$name
    mkdir -p "$corpus"
    case $name in
    import) cp tests/variants/* tests/spec/import-*.txt "$corpus"/ 2>/dev/null || true
            head -c 20000 xml/thesis.txt > "$corpus"/thesis-head.txt ;;
    tei)    cp tests/data/*.xml "$corpus"/ 2>/dev/null || true ;;
    fo)     cp tests/spec/fo-*.fo "$corpus"/ 2>/dev/null || true ;;
    epub)   cp tests/data/epub-*.xml "$corpus"/ 2>/dev/null || true ;;
    esac
    echo "== fuzz_$name for ${secs}s"
    ./build-fuzz/fuzz_"$name" -max_total_time="$secs" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix=build-fuzz/crash-"$name"- "$corpus" 2>&1 | tail -3
done
