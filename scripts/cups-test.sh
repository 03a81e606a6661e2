#!/usr/bin/env bash
# Real-print tests: starts cupsd (unless one is already running) with a cups-pdf queue, runs the
# tests of tiepdan-spool and of the print workflow (tiepdan-print-jobs) with TIEPDAN_CUPS_PRINTER
# and TIEPDAN_CUPS_PDF_DIR set, so slips are printed through the same functions the app uses (a slip
# after a registration, its reprint, a stopped queue and the retry), then removes the queue and
# stops the cupsd it started (scripts/cups-env.sh).
#
# Needs root and the Debian packages `cups printer-driver-cups-pdf poppler-utils`.
# Usage: scripts/cups-test.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/cups-env.sh
trap cups_down EXIT
cups_up

# `--workspace` with test filters reuses what `make test` already compiled (`-p` would resolve
# features per package and rebuild dependencies).
cargo test --workspace --test spool --test print_jobs "$@" -- --nocapture
