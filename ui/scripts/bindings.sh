#!/usr/bin/env bash
# Regenerates the UI's TypeScript bindings from the Rust types.
#   ui/scripts/bindings.sh          write them into ui/src/api/bindings
#   ui/scripts/bindings.sh --check  regenerate into a temp dir and fail (exit 1) if they drifted
set -euo pipefail
cd "$(dirname "$0")/../.."
out=ui/src/api/bindings
gen() { cargo run -q -p tiepdan-desk --features ts --bin export-bindings -- "$1"; }
if [[ "${1:-}" == "--check" ]]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  gen "$tmp"
  if ! diff -ru "$out" "$tmp"; then
    echo "bindings drift: ui/src/api/bindings differs from the Rust types; run ui/scripts/bindings.sh and commit" >&2
    exit 1
  fi
  echo "bindings: up to date ($(ls "$tmp" | wc -l) files)"
else
  rm -rf "$out"
  gen "$out"
  echo "bindings: written to $out"
fi
