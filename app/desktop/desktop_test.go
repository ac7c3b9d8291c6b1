package desktop

import (
	"errors"
	"testing"

	"dealmodel/app"
	"dealmodel/backend/fault"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
)

func TestClampWindow(t *testing.T) {
	for _, c := range []struct{ w, h, ww, wh int }{
		{0, 0, windowWidth, windowHeight},              // never remembered
		{1400, 0, windowWidth, windowHeight},           // half a size is none
		{1400, 900, 1400, 900},                         // as it was
		{300, 200, windowMinWidth, windowMinHeight},    // too small for the layout
		{20000, 9000, windowMaxWidth, windowMaxHeight}, // larger than any screen
	} {
		if w, h := clampWindow(c.w, c.h); w != c.ww || h != c.wh {
			t.Errorf("clampWindow(%d, %d) = %d, %d; want %d, %d", c.w, c.h, w, h, c.ww, c.wh)
		}
	}
}

// Every menu item sends its action to the UI, with the usual accelerator, except
// Quit, which quits.
func TestAppMenu(t *testing.T) {
	var sent []string
	quits := 0
	m := appMenu(func(name string, data any) {
		if name != "menu" {
			t.Errorf("event %q", name)
		}
		sent = append(sent, data.(MenuEvent).Action)
	}, func() { quits++ })

	items := map[string]*menu.MenuItem{}
	var top []string
	for _, sub := range m.Items {
		top = append(top, sub.Label)
		for _, it := range sub.SubMenu.Items {
			if it.Label != "" {
				items[sub.Label+"/"+it.Label] = it
			}
		}
	}
	if len(top) != 3 || top[0] != "File" || top[1] != "Edit" || top[2] != "Help" {
		t.Fatalf("menus %v", top)
	}
	for _, c := range []struct{ item, action, accel string }{
		{"File/New", MenuNew, "Ctrl+N"},
		{"File/Open file…", MenuOpenFile, "Ctrl+O"},
		{"File/Import…", MenuImport, "Ctrl+I"},
		{"File/Save", MenuSave, "Ctrl+S"},
		{"File/Save as new scenario…", MenuSaveAs, "Ctrl+Shift+S"},
		{"File/Export PDF…", MenuExportPDF, "Ctrl+E"},
		{"File/Export CSV…", MenuExportCSV, "Ctrl+Shift+E"},
		{"Edit/Undo", MenuUndo, "Ctrl+Z"},
		{"Edit/Redo", MenuRedo, "Ctrl+Shift+Z"},
		{"File/Quit", "", "Ctrl+Q"},
		{"Help/About Dealmodel", MenuAbout, ""},
	} {
		it := items[c.item]
		if it == nil {
			t.Errorf("no %s", c.item)
			continue
		}
		if c.accel == "" {
			if it.Accelerator != nil {
				t.Errorf("%s: accelerator %q, want none", c.item, keys.Stringify(it.Accelerator, "linux"))
			}
		} else if got := keys.Stringify(it.Accelerator, "linux"); got != c.accel {
			t.Errorf("%s: accelerator %q, want %q", c.item, got, c.accel)
		}
		sent, quits = nil, 0
		it.Click(&menu.CallbackData{MenuItem: it})
		switch {
		case c.action == "" && (quits != 1 || len(sent) != 0):
			t.Errorf("%s: quits %d, sent %v", c.item, quits, sent)
		case c.action != "" && (quits != 0 || len(sent) != 1 || sent[0] != c.action):
			t.Errorf("%s: sent %v, want %q", c.item, sent, c.action)
		}
	}
	if len(items) != 11 {
		t.Errorf("%d items: %v", len(items), items)
	}
}

func TestBrowserlessPlatforms(t *testing.T) {
	var p app.Platform = app.NopPlatform{}
	if _, err := p.OpenFileDialog("Open", nil); err != app.ErrNoDialogs {
		t.Fatal(err)
	}
	if _, err := p.SaveFileDialog("Save", "x.pdf", nil); err != app.ErrNoDialogs {
		t.Fatal(err)
	}
	// The desktop before its window is open says so instead of hanging.
	d := &desktop{}
	if _, err := d.OpenFileDialog("Open", nil); err == nil {
		t.Fatal("a dialog without a window")
	}
}

// A failed call rejects with its text and kind, in the JSON that `dealmodel
// serve` answers too; an error that says no kind is internal.
func TestRejection(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{fault.New(fault.Busy, "The database is busy. Try again in a moment."), `{"error":"The database is busy. Try again in a moment.","kind":"busy"}`},
		{fault.New(fault.NotFound, `No scenario named "x"`), `{"error":"No scenario named \"x\"","kind":"not_found"}`},
		{errors.New("disk full"), `{"error":"disk full","kind":"internal"}`},
	} {
		if got := rejection(c.err); got != c.want {
			t.Errorf("rejection(%v) = %v, want %s", c.err, got, c.want)
		}
	}
}
