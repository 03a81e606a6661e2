# Tiếp Dân — the two commands a newcomer needs are `make run` and `make test` (see README.md).
# Every target installs what is missing first (scripts/setup.sh), so a fresh Debian/Ubuntu machine works.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo

.PHONY: run test setup ui app fmt-check clippy rust-test ui-test print-test e2e bench

run: setup ui
	$(CARGO) run -p tiepdan-desk

test: setup ui fmt-check clippy rust-test ui-test print-test e2e
	@echo "make test: all suites passed"

setup:
	bash scripts/setup.sh

# The desk app embeds the built UI, so the UI is built before anything compiles src-tauri.
ui:
	cd ui && npm run build

app:
	$(CARGO) build -p tiepdan-desk

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# tests/restore and tests/desk start the built tiepdan-server binary as a real process.
rust-test:
	$(CARGO) build -p tiepdan-server
	$(CARGO) test --workspace

ui-test:
	cd ui && npm test && npm run check:bindings

# A real CUPS queue (cups-pdf) receives a slip printed through the app's own code path.
print-test:
	bash scripts/cups-test.sh

# The built app in a real window: Xvfb + tauri-driver + WebKitWebDriver, started and stopped here.
e2e: app
	bash scripts/e2e.sh

bench:
	$(CARGO) bench --workspace
