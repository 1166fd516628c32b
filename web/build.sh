#!/usr/bin/env bash
# Builds the browser page (README "In de browser") into target/web/:
# the library in WebAssembly (web/, wasm-bindgen), the page bundled with
# esbuild, every file of examples/ embedded. Installs what it needs when it
# is missing: the wasm32 target (rustup), wasm-bindgen-cli of the version in
# Cargo.lock (cargo install), the npm packages of web/package-lock.json.
#
#   bash web/build.sh            # then open target/web/index.html
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/target/web"
work="$root/target/web-build"

say() { echo "web/build.sh: $*" >&2; }

# 1. the toolchain
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi
# the wasm-bindgen-cli must be the version of the wasm-bindgen crate in Cargo.lock
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$want" ]; then
    say "wasm-bindgen staat niet in Cargo.lock"
    exit 2
fi
bindgen="$(command -v wasm-bindgen || true)"
have="$([ -n "$bindgen" ] && "$bindgen" --version | awk '{ print $2 }' || true)"
if [ "$have" != "$want" ]; then
    say "cargo install wasm-bindgen-cli --version $want (was: ${have:-geen})"
    # not --locked: the CLI's own lock file names a yanked webpki-roots
    cargo install wasm-bindgen-cli --version "$want"
    bindgen="${CARGO_HOME:-$HOME/.cargo}/bin/wasm-bindgen"
fi
if [ ! -d web/node_modules/esbuild ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
    say "npm ci in web/"
    (cd web && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

# 2. the library in WebAssembly
say "cargo build -p reglement-web --target wasm32-unknown-unknown --profile wasm"
cargo build --locked -p reglement-web --target wasm32-unknown-unknown --profile wasm
rm -rf "$work" && mkdir -p "$work/pkg"
"$bindgen" --target web --out-dir "$work/pkg" --no-typescript \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/reglement_web.wasm"

# 3. the page: bundle (examples embedded), static files
rm -rf "$out" && mkdir -p "$out"
node web/bundle.mjs "$work/pkg" "$out"
cp web/www/index.html web/www/stijl.css "$out/"
cp "$work/pkg/reglement_web_bg.wasm" "$out/reglement.wasm"
# for a page opened from disk (file://), where a browser does not fetch:
# the same bytes in a script
node -e '
const fs = require("fs");
const b = fs.readFileSync(process.argv[1]).toString("base64");
fs.writeFileSync(process.argv[2], "window.REGLEMENT_WASM=\"" + b + "\";\n");
' "$out/reglement.wasm" "$out/reglement-wasm.js"
size="$(wc -c < "$out/reglement.wasm")"
say "klaar: $out/index.html (reglement.wasm: $size bytes)"
