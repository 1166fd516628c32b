#!/usr/bin/env bash
# The bounded fuzz run of CI (`.ci/run` calls it): every fuzz target for
# FUZZ_SECONDS seconds (default 20), starting from its seeds and from the
# inputs earlier runs found (fuzz/seeds/<target>/, fuzz/regressions/<target>/),
# built with overflow checks and debug assertions (the release profile of
# fuzz/Cargo.toml keeps both on under -O).
# A crash, a timeout or an out-of-memory stops CI; libFuzzer leaves the
# input in fuzz/artifacts/<target>/: fix the bug, then add the input to
# fuzz/regressions/<target>/ so that `cargo test` keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

start=$(date +%s)
cargo +nightly fuzz build -O
built=$(date +%s)
targets=$(cargo +nightly fuzz list)
for target in $targets; do
    work=$(mktemp -d)
    corpora=("$work")
    for dir in "fuzz/seeds/$target" "fuzz/regressions/$target"; do
        if [ -d "$dir" ]; then
            corpora+=("$dir")
        fi
    done
    echo "== fuzz $target (${seconds} s)"
    # the last lines of libFuzzer's report: executions, coverage, and the
    # crash if there is one (then the run fails and CI stops)
    set +e
    cargo +nightly fuzz run -O "$target" "${corpora[@]}" -- \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$work.log" 2>&1
    status=$?
    set -e
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$work.log" || true
    if [ "$status" -ne 0 ]; then
        tail -n 40 "$work.log"
        echo "fuzz/ci.sh: $target failed (exit $status); the input is in fuzz/artifacts/$target/"
        exit 1
    fi
    rm -rf "$work" "$work.log"
done
end=$(date +%s)
echo "== fuzz: $(echo "$targets" | wc -w) targets, build $((built - start)) s, runs $((end - built)) s"
