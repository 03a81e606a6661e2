# Tiếp Dân — the two commands a newcomer needs are `make run` and `make test` (see README.md).
# Every target installs what is missing first (scripts/setup.sh), so a fresh Debian/Ubuntu machine works.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo

# Runs a stage's commands and prints its wall time, whether it passed or failed, so a run's output
# (and CI's) shows where the minutes go. The stage's own exit status is kept.
timed = @start=$$(date +%s); rc=0; { $(1); } || rc=$$?; \
	echo "[time] $@: $$(( $$(date +%s) - start )) s"; exit $$rc

.PHONY: run test setup ui app fmt-check clippy rust-test postgres-test ui-test print-test e2e bench

run: setup ui
	$(CARGO) run -p tiepdan-desk

test: setup ui fmt-check clippy rust-test postgres-test ui-test print-test e2e
	@echo "make test: all suites passed"

setup:
	$(call timed,bash scripts/setup.sh)

# The desk app embeds the built UI, so the UI is built before anything compiles src-tauri.
ui:
	$(call timed,cd ui && npm run build)

# Every crate compiles once per run: the same `cargo test --workspace` selection (one profile, one
# feature resolution) builds the test binaries and the desk and server binaries (their packages
# have integration tests, so cargo builds their bins too). `cargo build -p X` would resolve
# features for X alone and compile shared dependencies a second time.
app:
	$(call timed,$(CARGO) test --workspace --no-run)

fmt-check:
	$(call timed,$(CARGO) fmt --all -- --check)

clippy:
	$(call timed,$(CARGO) clippy --workspace --all-targets -- -D warnings)

# tests/restore and tests/desk start the built tiepdan-server binary as a real process; cargo builds
# it (and the desk's binary) before running any test, as both packages have integration tests.
rust-test:
	$(call timed,$(CARGO) test --workspace)

# The server's store on a real PostgreSQL: a throwaway cluster in a temporary directory, on a free
# port of 127.0.0.1, runs under the server, sync, restore and CLI tests, then is stopped and removed.
postgres-test:
	$(call timed,bash scripts/postgres-test.sh)

ui-test:
	$(call timed,cd ui && npm test && npm run check:bindings)

# A real CUPS queue (cups-pdf) receives a slip printed through the app's own code path.
print-test:
	$(call timed,bash scripts/cups-test.sh)

# The built app in a real window: Xvfb + tauri-driver + WebKitWebDriver, started and stopped here.
e2e: ui app
	$(call timed,E2E_SKIP_BUILD=1 bash scripts/e2e.sh)

bench:
	$(CARGO) bench --workspace
