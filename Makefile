# Tiếp Dân — the two commands a newcomer needs are `make run` and `make test` (see README.md).
# Every target installs what is missing first (scripts/setup.sh), so a fresh Debian/Ubuntu machine works.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo

.PHONY: run test setup ui app fmt-check clippy rust-test ui-test print-test e2e bench

run: setup ui app
	./target/debug/tiepdan-desk

test: setup ui fmt-check clippy rust-test ui-test print-test e2e
	@echo "make test: all suites passed"

setup:
	./scripts/setup.sh

# The desk app embeds the built UI, so the UI is built before anything compiles src-tauri.
ui:
	if [ -f ui/package.json ]; then cd ui && npm run build; fi

app:
	if [ -d src-tauri ]; then $(CARGO) build -p tiepdan-desk; fi

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	$(CARGO) test --workspace

ui-test:
	if [ -f ui/package.json ]; then cd ui && npm test && npm run check:bindings; fi

# A real CUPS queue (cups-pdf) receives a slip printed through the app's own code path.
print-test:
	if [ -x scripts/cups-test.sh ]; then ./scripts/cups-test.sh; fi

# The built app in a real window: Xvfb + tauri-driver + WebKitWebDriver, started and stopped here.
e2e: app
	if [ -x scripts/e2e.sh ]; then ./scripts/e2e.sh; fi

bench:
	$(CARGO) bench --workspace
