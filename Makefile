# Dealmodel: make run | build | test | bench | dist. Every target installs what it needs:
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
FULL_BIN    := build/bin/dealmodel-full
DESKTOP_BIN := build/bin/dealmodel-desktop
ARTIFACTS   ?= artifacts

# What `dealmodel version` reports: the release (wails.json's productVersion, the one
# place it is kept), the commit, and when the binary was built (SOURCE_DATE_EPOCH,
# when set, for a reproducible build).
VERSION     := $(shell sed -n 's/^ *"productVersion": *"\([^"]*\)".*/\1/p' wails.json)
COMMIT      := $(shell git rev-parse --short=12 HEAD 2>/dev/null)$(shell git diff --quiet HEAD -- 2>/dev/null || echo -dirty)
BUILD_DATE  := $(shell date -u $(if $(SOURCE_DATE_EPOCH),-d @$(SOURCE_DATE_EPOCH)) +%Y-%m-%dT%H:%M:%SZ)
DIST        := dist
DEB_ARCH    := $(shell dpkg --print-architecture 2>/dev/null || $(GO) env GOARCH)
DEB         := $(DIST)/dealmodel_$(VERSION)_$(DEB_ARCH).deb
LDFLAGS     := -X dealmodel/internal/version.version=$(VERSION) -X dealmodel/internal/version.commit=$(COMMIT) -X dealmodel/internal/version.date=$(BUILD_DATE)

# System packages: to build the desktop app (cgo, GTK 3, WebKitGTK 4.1) and to test
# it (a virtual display, screenshots, fonts; chromium and poppler for the end-to-end
# and PDF tests; LibreOffice to open the CSV exports as a spreadsheet does).
BUILD_PACKAGES := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
TEST_PACKAGES  := xvfb xauth imagemagick fonts-dejavu-core chromium poppler-utils libreoffice-calc-nogui
# To package it and check the packages: the .deb (dpkg-deb, dpkg-shlibdeps, lintian,
# desktop-file-validate), the Windows installer (makensis) and its listing (7z).
DIST_PACKAGES  := dpkg-dev lintian desktop-file-utils nsis p7zip-full
PACKAGES       := $(BUILD_PACKAGES) $(TEST_PACKAGES) $(DIST_PACKAGES)

FRONTEND_STAMP := frontend/node_modules/.package-lock.json

.PHONY: run build cli test package-check deb windows dist test-go lint staticcheck test-frontend smoke e2e bench bindings system-deps packages wails-cli frontend-deps frontend clean

## run: build the app and open it; without a display, serve it to a browser
run: build
	@if [[ -n "$$DISPLAY" || -n "$$WAYLAND_DISPLAY" ]]; then \
		exec ./$(BIN); \
	else \
		echo "No display (DISPLAY and WAYLAND_DISPLAY are unset): the desktop window cannot open here."; \
		echo "Serving the same app to a browser instead: open the address printed below. Ctrl+C stops it."; \
		exec ./$(BIN) serve --open; \
	fi

## build: build/bin/dealmodel-desktop, the desktop app (Wails, cgo, GTK/WebKit), and
## build/bin/dealmodel, the command line (pure Go, no cgo), which opens the app
build: system-deps wails-cli frontend-deps
	GOFLAGS=-buildmode=pie $(WAILS) build -m -nosyncgomod -ldflags "$(LDFLAGS)"
	$(MAKE) --no-print-directory cli COMMIT=$(COMMIT) BUILD_DATE=$(BUILD_DATE)

## cli: the command line alone (needs frontend/dist for serve: make frontend):
## build/bin/dealmodel-full, all of it, and build/bin/dealmodel, its lean build,
## which runs built-ins and files itself and dealmodel-full for the rest
cli:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w $(LDFLAGS)" -o $(FULL_BIN) ./cmd/dealmodel
	CGO_ENABLED=0 $(GO) build -tags lean -trimpath -ldflags "-s -w $(LDFLAGS)" -o $(BIN) ./cmd/dealmodel

## test: go vet, staticcheck, Go tests with the race detector (fuzz seed corpora
## included), the frontend's type check and unit tests, the desktop smoke test, the
## end-to-end tests in headless Chromium, then the packaging check
test: test-go test-frontend smoke e2e package-check

test-go: system-deps lint
	$(GO) run ./tools/licences -check
	$(GO) test -race ./...
	$(GO) test -tags libreoffice -run TestCSVInLibreOffice ./backend/report/

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

## deb: the Debian package, $(DEB), from the built app and command line
deb: build
	tools/package-deb.sh $(VERSION) $(DIST)

## package-check: build the .deb, install it into a scratch root, check its files
## and desktop entry, run the installed command line, open the installed app's
## window under Xvfb, and run lintian
package-check: deb
	ARTIFACTS=$(ARTIFACTS) tools/package-check.sh $(DEB)

## windows: the app for windows/amd64 (no cgo needed) with its icon and version
## resource, and its NSIS installer, in build/bin
windows: system-deps wails-cli frontend-deps
	$(WAILS) build -platform windows/amd64 -nsis -o dealmodel.exe -m -nosyncgomod -skipbindings -ldflags "$(LDFLAGS)"

## dist: every artefact this machine can build, in dist/: the .deb, the Windows app
## and installer (checked by their structure), and SHA256SUMS
dist: deb windows
	cp build/bin/dealmodel.exe $(DIST)/dealmodel_$(VERSION)_windows_amd64.exe
	cp build/bin/Dealmodel-amd64-installer.exe $(DIST)/dealmodel_$(VERSION)_windows_amd64_setup.exe
	$(GO) run ./tools/checkwin -version $(VERSION) $(DIST)/dealmodel_$(VERSION)_windows_amd64.exe $(DIST)/dealmodel_$(VERSION)_windows_amd64_setup.exe
	lintian --fail-on error $(DEB)
	cd $(DIST) && rm -f SHA256SUMS && sha256sum -- *.deb *.exe > SHA256SUMS && cat SHA256SUMS

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
	rm -rf build/bin $(ARTIFACTS) $(DIST) frontend/node_modules frontend/package.json.md5
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete 2>/dev/null || true
