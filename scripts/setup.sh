#!/usr/bin/env bash
# Installs what this project needs and a fresh machine lacks; quick when everything is there.
# Usage: scripts/setup.sh WASM_BINDGEN_VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
want_bindgen="${1:-}"
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ -z "$want_bindgen" ]; then
  want_bindgen=$(cargo metadata --format-version 1 2>/dev/null |
    python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="wasm-bindgen"))')
fi
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  echo "setup: installing wasm-bindgen-cli $want_bindgen (about 6 minutes, once)"
  # Not --locked: the registry lacks one of the CLI's locked dependencies.
  cargo install wasm-bindgen-cli --version "$want_bindgen"
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
# A wide font for the browser test of the page's own font (tests/browser/fonts.test.mjs).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# Hugo builds the Hugo recipe (examples/hugo, tests/browser/recipes.test.mjs); Eleventy and
# Astro come from npm with the other dev dependencies.
command -v hugo >/dev/null || missing+=(hugo)
# The other engines of the browser tests: Firefox ESR (driven by Playwright over WebDriver
# BiDi) and WebKitGTK's WebDriver with its MiniBrowser, which needs an X display (Xvfb; xvfb-run
# needs xauth). Without recommends: about 140 MB instead of twice that, and nothing the tests use
# is left out.
engines=()
command -v firefox-esr >/dev/null || engines+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || engines+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null || engines+=(xvfb)
command -v xauth >/dev/null || engines+=(xauth)
if [ $((${#missing[@]} + ${#engines[@]})) -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]} from Debian"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}"
  fi
  if [ ${#engines[@]} -gt 0 ]; then
    echo "setup: installing ${engines[*]} from Debian (the Firefox and WebKit browser tests)"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${engines[@]}"
  fi
fi

# Vite 8 (the consumer test) needs npm 11; a machine whose boot-time upgrade failed has 10.
npm_major=$(npm --version 2>/dev/null | cut -d. -f1)
if [ "${npm_major:-0}" -lt 11 ]; then
  echo "setup: upgrading npm to 11 (found $(npm --version 2>/dev/null || echo none))"
  npm install -g npm@11 --no-audit --no-fund
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dev dependencies"
  npm ci --no-audit --no-fund
fi
