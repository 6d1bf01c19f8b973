#!/usr/bin/env bash
# Builds the web package of another commit into target/base/ (its own checkout, served beside
# ours), for `make bench BASE=<commit>`: this build against that one in one page. The checkout
# is a detached git worktree using our node_modules and tools; its cargo target folders start
# as copies of ours, so only the crate itself compiles again. The Makefile maps the checkout's
# path away, so both builds are the same bytes wherever they are built.
set -euo pipefail
base="${1:?usage: scripts/base-build.sh <commit>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/target/base"
commit="$(git -C "$root" rev-parse --verify "$base^{commit}")"
if [[ -d "$dir" && "$(git -C "$dir" rev-parse HEAD 2>/dev/null)" != "$commit" ]]; then
  git -C "$root" worktree remove --force "$dir"
fi
if [[ ! -d "$dir" ]]; then
  git -C "$root" worktree add --detach "$dir" "$commit" >/dev/null
  mkdir -p "$dir/target"
  for t in release wasm32-unknown-unknown tools; do
    [[ -d "$root/target/$t" ]] && cp -a "$root/target/$t" "$dir/target/"
  done
fi
[[ -e "$dir/node_modules" ]] || ln -s "$root/node_modules" "$dir/node_modules"
# This checkout's tools are ours: its `setup` (npm, cargo install) is not run again.
make -C "$dir" -o setup build >/dev/null
echo "base build: $(git -C "$dir" log -1 --format='%h %s' | cut -c1-80)"
