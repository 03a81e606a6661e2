#!/usr/bin/env bash
# Regenerates the UI's TypeScript from Rust: the types (ui/src/api/bindings/) and the command table
# with one typed function per command (ui/src/api/commands.ts, from the #[tauri::command] functions).
#   ui/scripts/bindings.sh          write them
#   ui/scripts/bindings.sh --check  regenerate into a temp dir and fail (exit 1) if they drifted
set -euo pipefail
cd "$(dirname "$0")/../.."
api=ui/src/api
# Built by the workspace selection `make test` compiles everything with (`ts` is a default feature of
# the desk), so in `make test` this builds nothing; `cargo run -p` would resolve features for the desk
# alone and recompile shared crates.
cargo test --workspace --no-run --quiet
gen() { "${CARGO_TARGET_DIR:-target}/debug/export-bindings" "$@"; }
if [[ "${1:-}" == "--check" ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  gen "$tmp" >/dev/null
  drift=0
  diff -ru "$api/bindings" "$tmp/bindings" || drift=1
  # The command table has its own check, which names each command and argument that disagree (and
  # holds the capability file against the same commands).
  gen --check "$api" || drift=1
  if ((drift)); then
    echo "bindings drift: ui/src/api differs from the Rust types and commands; run ui/scripts/bindings.sh and commit" >&2
    exit 1
  fi
  echo "bindings: up to date ($(ls "$tmp/bindings" | wc -l) type files, and the command table)"
else
  rm -rf "$api/bindings"
  gen "$api"
  echo "bindings: written to $api/bindings and $api/commands.ts"
fi
