package app

import (
	"context"
	"path/filepath"
	"testing"

	"dealmodel/backend/library"
)

// mustLibrary opens a library in a temporary folder, closed when the test ends.
func mustLibrary(t *testing.T) *library.Library {
	t.Helper()
	l, err := library.Open(context.Background(), filepath.Join(t.TempDir(), "dealmodel.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestSettings(t *testing.T) {
	lib := mustLibrary(t)
	svc := NewService(lib)

	st, err := svc.Settings()
	if err != nil || *st != (Settings{}) {
		t.Fatalf("first run: %+v %v", st, err)
	}
	if err := svc.SaveSettings(Settings{LastScenario: "Briefing", Period: "year", WindowWidth: 1400, WindowHeight: 900}); err != nil {
		t.Fatal(err)
	}
	// The window saves its folder from a copy that knows nothing of the rest:
	// the rest is kept.
	if err := svc.SaveSettings(Settings{ExportFolder: "/home/a/briefings"}); err != nil {
		t.Fatal(err)
	}
	want := Settings{LastScenario: "Briefing", Period: "year", WindowWidth: 1400, WindowHeight: 900, ExportFolder: "/home/a/briefings"}

	// They live in the database: a new service on the same file has them.
	path := lib.DB.Path
	lib.Close()
	lib2, err := library.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer lib2.Close()
	st, err = NewService(lib2).Settings()
	if err != nil || *st != want {
		t.Fatalf("after reopen: %+v %v, want %+v", st, err, want)
	}

	for _, bad := range []Settings{{Period: "month"}, {WindowWidth: -1}, {WindowHeight: maxWindowSide + 1}} {
		if err := NewService(lib2).SaveSettings(bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// Unreadable settings are not worth failing over: the app starts with none.
func TestSettingsUnreadable(t *testing.T) {
	lib := mustLibrary(t)
	if err := lib.DB.SetSetting(context.Background(), settingsKey, "{not json"); err != nil {
		t.Fatal(err)
	}
	st, err := NewService(lib).Settings()
	if err != nil || *st != (Settings{}) {
		t.Fatalf("%+v %v", st, err)
	}
}

func TestSettingsWithoutLibrary(t *testing.T) {
	if _, err := NewService(nil).Settings(); err == nil {
		t.Fatal("settings without a database")
	}
	if err := NewService(nil).SaveSettings(Settings{Period: "year"}); err == nil {
		t.Fatal("saved settings without a database")
	}
}
