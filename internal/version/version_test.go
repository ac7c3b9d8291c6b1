package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestLinkerValuesWin(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v9.9.9"},
		Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "ffffffffffffffffffff"}, {Key: "vcs.time", Value: "2020-01-01T00:00:00Z"}}}
	got := resolve("0.1.0", "0123456789ab", "2026-12-01T22:00:00Z", bi)
	want := Info{Version: "0.1.0", Commit: "0123456789ab", Date: "2026-12-01T22:00:00Z", GoVersion: "go1.26.8", Platform: got.Platform}
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

// A plain go build records the module version and the VCS state: use them.
func TestFallbackToBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.2.0"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "c9b58e7d2a1f4b6e8a0c3d5f7e9b1a2c4d6e8f00"},
			{Key: "vcs.time", Value: "2026-12-01T22:47:00Z"},
			{Key: "vcs.modified", Value: "true"},
		}}
	got := resolve("", "", "", bi)
	if got.Version != "0.2.0" || got.Commit != "c9b58e7d2a1f-dirty" || got.Date != "2026-12-01T22:47:00Z" || got.GoVersion != "go1.26.8" {
		t.Fatalf("got %+v", got)
	}
}

// go build in a checkout without VCS information, or go run: say what is not known
// rather than print nothing.
func TestFallbackWithNothingRecorded(t *testing.T) {
	for _, bi := range []*debug.BuildInfo{nil, {Main: debug.Module{Version: "(devel)"}}} {
		got := resolve("", "", "", bi)
		if got.Version != "devel" || got.Commit != Unknown || got.Date != Unknown || !strings.HasPrefix(got.GoVersion, "go") || got.Platform == "" {
			t.Fatalf("got %+v", got)
		}
	}
}

func TestString(t *testing.T) {
	s := Info{Version: "0.1.0", Commit: "abc", Date: "2026-12-01T22:00:00Z", GoVersion: "go1.26.8", Platform: "linux/amd64"}.String()
	for _, w := range []string{"Dealmodel 0.1.0\n", "commit    abc\n", "built     2026-12-01T22:00:00Z\n", "go        go1.26.8\n", "platform  linux/amd64\n"} {
		if !strings.Contains(s, w) {
			t.Errorf("%q lacks %q", s, w)
		}
	}
}

// The list names the runtime, the modules and the fonts, each with a text.
func TestLicences(t *testing.T) {
	l, err := Licences()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]Licence{}
	for _, x := range l {
		if strings.TrimSpace(x.Text) == "" || x.License == "" {
			t.Errorf("%s: no licence", x.Name)
		}
		names[x.Name] = x
	}
	for _, want := range []string{"github.com/wailsapp/wails/v2", "github.com/shopspring/decimal", "modernc.org/sqlite", "codeberg.org/go-pdf/fpdf"} {
		if names[want].Version == "" {
			t.Errorf("%s is not listed with its version", want)
		}
	}
	if !strings.HasPrefix(l[0].Name, "Go ") || !strings.Contains(l[len(l)-1].Name, "DejaVu") {
		t.Errorf("first %q, last %q", l[0].Name, l[len(l)-1].Name)
	}
}
