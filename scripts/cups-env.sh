#!/usr/bin/env bash
# Sourced by scripts/cups-test.sh and scripts/e2e.sh: `cups_up` starts cupsd (unless one is already
# running) and adds the cups-pdf queue $TIEPDAN_CUPS_PRINTER (default TiepDanTest), exporting
# TIEPDAN_CUPS_PRINTER and TIEPDAN_CUPS_PDF_DIR (where cups-pdf writes what it prints); `cups_down`
# removes the queue and stops the cupsd that cups_up started (a cupsd found running is left running).
# Needs root and the Debian packages `cups printer-driver-cups-pdf`.

cups_pid=""
cups_queue_added=0

cups_down() {
  if [[ "$cups_queue_added" == 1 ]]; then
    lpadmin -x "$TIEPDAN_CUPS_PRINTER" 2>/dev/null || true
    cups_queue_added=0
  fi
  if [[ -n "$cups_pid" ]]; then
    kill "$cups_pid" 2>/dev/null || true
    wait "$cups_pid" 2>/dev/null || true
    echo "cups: stopped cupsd ($cups_pid)"
    cups_pid=""
  fi
  return 0
}

cups_up() {
  export TIEPDAN_CUPS_PRINTER="${TIEPDAN_CUPS_PRINTER:-TiepDanTest}"
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "cups: must run as root (cupsd and lpadmin need it)" >&2
    return 2
  fi
  local tool
  for tool in cupsd lpadmin lpinfo lpstat lp; do
    command -v "$tool" >/dev/null || { echo "cups: $tool missing: apt-get install -y cups printer-driver-cups-pdf" >&2; return 2; }
  done
  if lpstat -r 2>/dev/null | grep -q "is running"; then
    echo "cups: using the cupsd already running (it is left running)"
  else
    cupsd -f &
    cups_pid=$!
    echo "cups: started cupsd ($cups_pid)"
    local _
    for _ in $(seq 1 100); do
      lpstat -r 2>/dev/null | grep -q "is running" && break
      kill -0 "$cups_pid" 2>/dev/null || { echo "cups: cupsd exited" >&2; cups_pid=""; return 1; }
      sleep 0.1
    done
    lpstat -r | grep -q "is running" || { echo "cups: cupsd did not come up" >&2; return 1; }
  fi
  local ppd
  ppd="$(lpinfo -m | awk 'tolower($0) ~ /cups-pdf_opt\.ppd/ { print $1; exit }')"
  [[ -n "$ppd" ]] || { echo "cups: no cups-pdf PPD (lpinfo -m | grep -i pdf)" >&2; return 1; }
  lpadmin -p "$TIEPDAN_CUPS_PRINTER" -v cups-pdf:/ -E -m "$ppd"
  cups_queue_added=1
  echo "cups: queue $TIEPDAN_CUPS_PRINTER uses $ppd"
  # Where cups-pdf writes: its `Out` directory, ${HOME} being the submitting user's home (root here).
  local out
  out="$(awk '$1 == "Out" { print $2 }' /etc/cups/cups-pdf.conf 2>/dev/null | tail -n 1)"
  out="${out:-/var/spool/cups-pdf/\${USER\}}"
  out="${out//\$\{HOME\}/$HOME}"
  out="${out//\$\{USER\}/$(id -un)}"
  mkdir -p "$out"
  export TIEPDAN_CUPS_PDF_DIR="$out"
  echo "cups: cups-pdf output in $out"
}
