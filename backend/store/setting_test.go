package store

import (
	"context"
	"strings"
	"testing"
)

func TestSettings(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)

	_, err := db.Setting(ctx, "window")
	wantCode(t, err, ENOTFOUND)

	if err := db.SetSetting(ctx, "window", `{"w":1280}`); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "empty", ""); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "window", `{"w":1400}`); err != nil {
		t.Fatal(err)
	}
	db = MustReopen(t, db)
	if v, err := db.Setting(ctx, "window"); err != nil || v != `{"w":1400}` {
		t.Fatalf("window %q %v", v, err)
	}
	// Set to "" is not the same as unset.
	if v, err := db.Setting(ctx, "empty"); err != nil || v != "" {
		t.Fatalf("empty %q %v", v, err)
	}
	// Keys are exact, not folded like scenario names.
	_, err = db.Setting(ctx, "Window")
	wantCode(t, err, ENOTFOUND)

	wantCode(t, db.SetSetting(ctx, "", "x"), EINVALID)
	wantCode(t, db.SetSetting(ctx, "big", strings.Repeat("x", MaxSettingSize+1)), EINVALID)
	_, err = db.Setting(ctx, "")
	wantCode(t, err, EINVALID)
}
