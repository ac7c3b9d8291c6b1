// Package version tells which build of Dealmodel is running: its version, the
// commit it was built from, when it was built and with which Go.
//
// Release builds (make build, make dist) set the values with the linker:
//
//	-ldflags "-X dealmodel/internal/version.version=0.1.0
//	          -X dealmodel/internal/version.commit=0123abcd
//	          -X dealmodel/internal/version.date=2026-12-01T22:00:00Z"
//
// A plain go build or go install fills what it can from the build information Go
// records in every binary (the module's version, the VCS revision and its time).
package version

import (
	_ "embed" // the licence list
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Set by the linker (-X); empty in a plain go build.
var (
	version string
	commit  string
	date    string
)

// Unknown stands for what a build did not record.
const Unknown = "unknown"

// Info describes the running build.
type Info struct {
	// Version is the release, such as 0.1.0, or "devel" for a build from source
	// that was given none.
	Version string `json:"version"`
	// Commit is the source revision (abbreviated), with "-dirty" when the work
	// tree had changes, or Unknown.
	Commit string `json:"commit"`
	// Date is when the binary was built (RFC 3339, UTC); for a plain go build,
	// the time of its commit; else Unknown.
	Date string `json:"date"`
	// GoVersion is the Go release that compiled the binary.
	GoVersion string `json:"goVersion"`
	// Platform is the operating system and architecture it was built for.
	Platform string `json:"platform"`
}

// Get returns the running build's description.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return resolve(version, commit, date, bi)
}

// resolve fills the values the linker did not set from Go's build information.
func resolve(ver, rev, when string, bi *debug.BuildInfo) Info {
	info := Info{Version: ver, Commit: rev, Date: when, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi != nil {
		if bi.GoVersion != "" {
			info.GoVersion = bi.GoVersion
		}
		if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			info.Version = strings.TrimPrefix(bi.Main.Version, "v")
		}
		var vcsRev, vcsTime string
		dirty := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				vcsRev = s.Value
			case "vcs.time":
				vcsTime = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if info.Commit == "" && vcsRev != "" {
			info.Commit = short(vcsRev)
			if dirty {
				info.Commit += "-dirty"
			}
		}
		if info.Date == "" && vcsTime != "" {
			info.Date = vcsTime
		}
	}
	if info.Version == "" {
		info.Version = "devel"
	}
	if info.Commit == "" {
		info.Commit = Unknown
	}
	if info.Date == "" {
		info.Date = Unknown
	}
	return info
}

// short abbreviates a revision to the 12 characters git shows by default here.
func short(rev string) string {
	if len(rev) > 12 {
		return rev[:12]
	}
	return rev
}

// String is what `dealmodel version` prints.
func (i Info) String() string {
	return fmt.Sprintf("Dealmodel %s\ncommit    %s\nbuilt     %s\ngo        %s\nplatform  %s\n", i.Version, i.Commit, i.Date, i.GoVersion, i.Platform)
}

// Licence is a component that Dealmodel ships, with its licence.
type Licence struct {
	// Name is the Go module path, the npm package or the font.
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	// License names the licence (SPDX where it could be told from the text).
	License string `json:"license"`
	// Text is the component's licence text, as it ships it.
	Text string `json:"text"`
}

// Label is the licence's name with the component's version, for a list.
func (l Licence) Label() string {
	if l.Version == "" {
		return l.License
	}
	return l.License + " (" + l.Name + " " + l.Version + ")"
}

//go:embed licences.json
var licences []byte

// Licences lists what the Go side of Dealmodel ships (the Go runtime, the modules
// the desktop app links on any platform, the PDF's fonts) with the licence texts,
// as tools/licences gathered them. The frontend's npm packages are listed by its
// build, in its licences.json.
func Licences() ([]Licence, error) {
	var l []Licence
	if err := json.Unmarshal(licences, &l); err != nil {
		return nil, fmt.Errorf("the bundled licence list is damaged: %w", err)
	}
	return l, nil
}
