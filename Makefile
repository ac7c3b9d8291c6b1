# Dealmodel: make run | build | test | bench. Every target installs what it needs:
# Debian/Ubuntu packages (with apt-get when run as root, otherwise it prints the sudo
# command), the Wails CLI at the version go.mod pins, and the frontend's npm packages.

SHELL := /bin/bash
.DEFAULT_GOAL := build

GO          ?= go
NPM         ?= npm
GOBIN       := $(shell $(GO) env GOBIN)
ifeq ($(GOBIN),)
GOBIN       := $(shell $(GO) env GOPATH)/bin
endif
WAILS       := $(GOBIN)/wails
WAILS_VERSION = $(shell $(GO) list -m -f '{{.Version}}' github.com/wailsapp/wails/v2)
# staticcheck, pinned; installed through the Go module proxy
STATICCHECK_VERSION := v0.8.2
STATICCHECK := $(GOBIN)/staticcheck
BIN         := build/bin/dealmodel
ARTIFACTS   ?= artifacts

# System packages: to build the desktop app (cgo, GTK 3, WebKitGTK 4.1) and to test
# it (a virtual display, screenshots, fonts; chromium and poppler for the end-to-end
# and PDF tests).
BUILD_PACKAGES := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
TEST_PACKAGES  := xvfb xauth imagemagick fonts-dejavu-core chromium poppler-utils
PACKAGES       := $(BUILD_PACKAGES) $(TEST_PACKAGES)

FRONTEND_STAMP := frontend/node_modules/.package-lock.json

.PHONY: run build test test-go lint staticcheck test-frontend smoke e2e bench bindings system-deps packages wails-cli frontend-deps frontend clean

## run: build the app and open it; without a display, serve it to a browser
run: build
	@if [[ -n "$$DISPLAY" || -n "$$WAYLAND_DISPLAY" ]]; then \
		exec ./$(BIN); \
	else \
		echo "No display (DISPLAY and WAYLAND_DISPLAY are unset): the desktop window cannot open here."; \
		echo "Serving the same app to a browser instead: open the address printed below. Ctrl+C stops it."; \
		exec ./$(BIN) serve --open; \
	fi

## build: build/bin/dealmodel, the desktop app with its command line
build: system-deps wails-cli frontend-deps
	$(WAILS) build -m -nosyncgomod

## test: go vet, staticcheck, Go tests with the race detector (fuzz seed corpora included),
## the frontend's type check and unit tests, the desktop smoke test, then the
## end-to-end tests in headless Chromium
test: test-go test-frontend smoke e2e

test-go: system-deps lint
	$(GO) test -race ./...

## lint: go vet and staticcheck (at the pinned version), clean
lint: staticcheck
	$(GO) vet ./...
	$(STATICCHECK) ./...

staticcheck:
	@if [[ -x "$(STATICCHECK)" ]] && "$(STATICCHECK)" -version 2>/dev/null | grep -qF "($(STATICCHECK_VERSION:v%=%))"; then exit 0; fi; \
	echo "Installing staticcheck $(STATICCHECK_VERSION)"; \
	$(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

test-frontend: frontend-deps bindings
	cd frontend && $(NPM) run check
	cd frontend && $(NPM) test

## smoke: start the built app under Xvfb, wait for its first charts, keep a screenshot
smoke: build
	ARTIFACTS=$(ARTIFACTS) tools/desktop-smoke.sh $(BIN)

## e2e: the end-to-end tests (frontend/e2e) against the built app's browser mode in
## Debian's headless Chromium; screenshots and perf figures in $(ARTIFACTS)/e2e
e2e: build
	cd frontend && ARTIFACTS=$(abspath $(ARTIFACTS))/e2e DEALMODEL_BIN=$(abspath $(BIN)) $(NPM) run e2e

## bench: the backend benchmarks
bench:
	$(GO) test -bench . -benchmem -run '^$$' ./backend/...

## bindings: regenerate frontend/wailsjs from the bound Go services (make build does too)
bindings: system-deps wails-cli
	$(WAILS) generate module -tags webkit2_41

## frontend: build frontend/dist alone (enough for go build without Wails)
frontend: frontend-deps
	cd frontend && $(NPM) run build

frontend-deps: $(FRONTEND_STAMP)

$(FRONTEND_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && $(NPM) ci
	@touch $@

wails-cli:
	@want="$(WAILS_VERSION)"; \
	if [[ -x "$(WAILS)" ]] && "$(WAILS)" version 2>/dev/null | grep -qx "$$want"; then exit 0; fi; \
	echo "Installing the Wails CLI $$want (the version go.mod pins)"; \
	$(GO) install github.com/wailsapp/wails/v2/cmd/wails@$$want

## packages: the system packages the targets need (for CI's installer)
packages:
	@echo $(PACKAGES)

system-deps:
	@if ! command -v dpkg-query >/dev/null; then \
		echo "Not a Debian/Ubuntu system: install gcc, pkg-config, GTK 3 and WebKitGTK 4.1 development files, Xvfb and ImageMagick yourself."; \
		exit 0; \
	fi; \
	missing=$$(for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed$$' || echo "$$p"; \
	done); \
	if [[ -z "$$missing" ]]; then exit 0; fi; \
	missing=$$(echo $$missing); \
	if [[ $$(id -u) -eq 0 ]]; then \
		echo "Installing system packages: $$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get update -q && apt-get install -y -q --no-install-recommends $$missing; \
	else \
		echo "Missing system packages. Install them with:"; \
		echo "  sudo apt-get update && sudo apt-get install -y $$missing"; \
		exit 1; \
	fi

clean:
	rm -rf build/bin $(ARTIFACTS) frontend/node_modules frontend/package.json.md5
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true
