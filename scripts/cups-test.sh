#!/usr/bin/env bash
# Real-print tests: starts cupsd (unless one is already running) with a cups-pdf queue, runs the
# tests of tiepdan-spool and of the print workflow (tiepdan-print-jobs) with TIEPDAN_CUPS_PRINTER
# set, so slips are printed through the same functions the app uses (a slip after a registration,
# its reprint, a stopped queue and the retry), then removes the queue and stops the cupsd it started.
#
# Needs root and the Debian packages `cups printer-driver-cups-pdf poppler-utils`.
# Usage: scripts/cups-test.sh [extra cargo test args]
set -euo pipefail

QUEUE="${TIEPDAN_CUPS_PRINTER:-TiepDanTest}"
CONF=/etc/cups/cups-pdf.conf
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "cups-test: must run as root (cupsd and lpadmin need it)" >&2
    exit 2
fi
for tool in cupsd lpadmin lpinfo lpstat lp; do
    command -v "$tool" >/dev/null || { echo "cups-test: $tool missing: apt-get install -y cups printer-driver-cups-pdf" >&2; exit 2; }
done

cupsd_pid=""
queue_added=0
cleanup() {
    if [ "$queue_added" = 1 ]; then
        lpadmin -x "$QUEUE" 2>/dev/null || true
    fi
    if [ -n "$cupsd_pid" ]; then
        kill "$cupsd_pid" 2>/dev/null || true
        wait "$cupsd_pid" 2>/dev/null || true
        echo "cups-test: stopped cupsd ($cupsd_pid)"
    fi
}
trap cleanup EXIT

if lpstat -r 2>/dev/null | grep -q "is running"; then
    echo "cups-test: using the cupsd already running (it is left running)"
else
    cupsd -f &
    cupsd_pid=$!
    echo "cups-test: started cupsd ($cupsd_pid)"
    for _ in $(seq 1 100); do
        lpstat -r 2>/dev/null | grep -q "is running" && break
        kill -0 "$cupsd_pid" 2>/dev/null || { echo "cups-test: cupsd exited" >&2; exit 1; }
        sleep 0.1
    done
    lpstat -r | grep -q "is running" || { echo "cups-test: cupsd did not come up" >&2; exit 1; }
fi

PPD="$(lpinfo -m | awk 'tolower($0) ~ /cups-pdf_opt\.ppd/ { print $1; exit }')"
[ -n "$PPD" ] || { echo "cups-test: no cups-pdf PPD (lpinfo -m | grep -i pdf)" >&2; exit 1; }
lpadmin -p "$QUEUE" -v cups-pdf:/ -E -m "$PPD"
queue_added=1
echo "cups-test: queue $QUEUE uses $PPD"

# Where cups-pdf writes: its `Out` directory, ${HOME} being the submitting user's home (root here).
OUT="$(awk '$1 == "Out" { print $2 }' "$CONF" 2>/dev/null | tail -n 1)"
OUT="${OUT:-/var/spool/cups-pdf/\${USER\}}"
OUT="${OUT//\$\{HOME\}/$HOME}"
OUT="${OUT//\$\{USER\}/$(id -un)}"
mkdir -p "$OUT"
echo "cups-test: cups-pdf output in $OUT"

TIEPDAN_CUPS_PRINTER="$QUEUE" TIEPDAN_CUPS_PDF_DIR="$OUT" cargo test -p tiepdan-spool -p tiepdan-print-jobs "$@" -- --nocapture
