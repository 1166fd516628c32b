#!/usr/bin/env bash
# Builds the platform-specific .vsix, as rust-analyzer ships: the release
# binaries reglement-lsp (the language server) and reglement (the CLI behind
# the commands) are copied into server/ with their executable bit, and
# `vsce package --target` writes reglement-TARGET.vsix. One file to install,
# no Rust toolchain needed on the drafter's machine.
#
#   lsp/vscode/package-platform.sh                 # linux-x64, built on this machine
#   lsp/vscode/package-platform.sh win32-x64 x86_64-pc-windows-gnu
#   lsp/vscode/package-platform.sh darwin-arm64 aarch64-apple-darwin   # on a Mac
#
# The first argument is the VS Code target (linux-x64, linux-arm64,
# darwin-x64, darwin-arm64, win32-x64, …); the second the Rust target to
# build for (default: this machine's), which needs `rustup target add` and,
# for another operating system, its linker.
set -euo pipefail
cd "$(dirname "$0")"
target="${1:-linux-x64}"
rust_target="${2:-}"
root="$(cd ../.. && pwd)"

build=(cargo build --release --locked --manifest-path "$root/Cargo.toml" -p reglement -p reglement-lsp)
bin="$root/target/release"
if [ -n "$rust_target" ]; then
    build+=(--target "$rust_target")
    bin="$root/target/$rust_target/release"
fi
"${build[@]}"

exe=""
case "$target" in win32-*) exe=".exe" ;; esac
rm -rf server
mkdir server
for program in reglement-lsp reglement; do
    cp "$bin/$program$exe" "server/$program$exe"
    # the release profile keeps line tables for the benchmarks' profiles;
    # the drafter's copy does not need them
    if [ -z "$rust_target" ] && command -v strip >/dev/null 2>&1; then
        strip "server/$program$exe"
    fi
    chmod 755 "server/$program$exe"
done

[ -d node_modules ] || npm ci --no-audit --no-fund
npx vsce package --no-dependencies --target "$target" --out "reglement-$target.vsix"
ls -l "reglement-$target.vsix"
