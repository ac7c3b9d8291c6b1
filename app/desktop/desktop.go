// Package desktop is the desktop window: Wails' webview on the app's services, with
// the native menu and dialogs. Only the desktop program (the main package at the
// repository's root, built by wails build) imports it, so that the command line is
// built without cgo and without the window system.
package desktop

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sync"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"dealmodel/app"
	"dealmodel/backend/fault"
	"dealmodel/backend/library"
)

// Window geometry of the desktop app: the size of a first start, the smallest the
// layout works at, and the largest size restored from the settings (a remembered
// size larger than any screen would open a window whose edges cannot be reached).
const (
	windowWidth     = 1280
	windowHeight    = 800
	windowMinWidth  = 1024
	windowMinHeight = 640
	windowMaxWidth  = 7680
	windowMaxHeight = 4320
)

// EnvReadyFile names the environment variable with the file that the desktop app
// writes when the UI has drawn its first charts (see Service.ReadyFile).
const EnvReadyFile = "DEALMODEL_READY_FILE"

// MenuEvent is the data of the "menu" event that the native menu sends to the UI,
// which handles it exactly like its own button for the same action.
type MenuEvent struct {
	Action string `json:"action"`
}

// The actions of the native menu (see docs/app-api.md).
const (
	MenuNew       = "new"
	MenuOpenFile  = "open-file"
	MenuImport    = "import"
	MenuSave      = "save"
	MenuSaveAs    = "save-as"
	MenuExportPDF = "export-pdf"
	MenuExportCSV = "export-csv"
	MenuUndo      = "undo"
	MenuRedo      = "redo"
	MenuAbout     = "about"
)

// Run opens the scenario library (DEALMODEL_DB, else the default path) and
// the desktop window on the frontend's assets (the root of the built frontend,
// holding index.html), with the PNG icon, and returns when the window is closed.
// Only a binary built with Wails' build tags (make build) can open it.
//
// With no assets it is the run that `wails generate module` makes to list the
// bound methods: it then opens no database, so generating bindings never touches
// the user's scenarios.
func Run(assets fs.FS, icon []byte) error {
	d := &desktop{}
	var lib *library.Library
	if assets != nil {
		l, err := library.Open(context.Background(), "")
		if err != nil {
			// A desktop user started from a launcher sees no terminal: say it in
			// the window, then close.
			fmt.Fprintln(os.Stderr, "dealmodel:", err)
			d.fatal = "Dealmodel cannot open its scenario database: " + err.Error()
		} else {
			defer l.Close()
			lib = l
			if r := l.DB.Recovered; r != nil {
				fmt.Fprintln(os.Stderr, "dealmodel:", r.Message())
				d.notice = r.Message()
			}
		}
	}
	svc := app.NewService(lib)
	svc.Platform = d
	svc.ReadyFile = os.Getenv(EnvReadyFile)
	d.svc = svc
	if lib != nil {
		// While the window starts (most of a second), not once the page asks. The
		// library is closed (deferred above) only once it is done.
		defer app.PrepareFirstScreen(svc)()
	}

	width, height := windowWidth, windowHeight
	if lib != nil {
		if st, err := svc.Settings(); err == nil {
			width, height = clampWindow(st.WindowWidth, st.WindowHeight)
		}
	}
	return wails.Run(&options.App{
		Title:            "Dealmodel",
		Width:            width,
		Height:           height,
		MinWidth:         windowMinWidth,
		MinHeight:        windowMinHeight,
		BackgroundColour: options.NewRGB(0xf6, 0xf7, 0xf9),
		AssetServer:      &assetserver.Options{Assets: assets},
		Menu:             appMenu(d.Emit, d.quit),
		OnStartup:        d.startup,
		OnDomReady:       d.domReady,
		OnBeforeClose:    d.beforeClose,
		Bind:             []interface{}{svc},
		ErrorFormatter:   rejection,
		Linux:            &linux.Options{ProgramName: "dealmodel", Icon: icon},
	})
}

// rejection is what a bound call that fails rejects its promise with: the
// error's text and kind as `dealmodel serve` answers them (fault.Rejection), in
// JSON, so that the window's frontend reads the kind as the browser's does
// (frontend/src/lib/failure.ts). JSON text, not an object: Wails' runtime makes
// the rejection an Error of what the formatter returns, and an object would
// become "[object Object]".
func rejection(err error) any {
	b, jerr := json.Marshal(fault.Reject(err))
	if jerr != nil {
		return err.Error()
	}
	return string(b)
}

// clampWindow turns a remembered window size into one to open with: the first
// start's size when none was remembered, else the size kept within the layout's
// minimum and the largest screens.
func clampWindow(w, h int) (int, int) {
	if w <= 0 || h <= 0 {
		return windowWidth, windowHeight
	}
	return min(max(w, windowMinWidth), windowMaxWidth), min(max(h, windowMinHeight), windowMaxHeight)
}

// appMenu is the window's native menu. Every item but Quit sends the "menu" event
// with its action to the UI, so that a menu choice and the UI's own button for it
// run the same code.
func appMenu(emit func(name string, data any), quit func()) *menu.Menu {
	send := func(action string) menu.Callback {
		return func(*menu.CallbackData) { emit("menu", MenuEvent{Action: action}) }
	}
	m := menu.NewMenu()
	file := m.AddSubmenu("File")
	file.AddText("New", keys.CmdOrCtrl("n"), send(MenuNew))
	file.AddText("Open file…", keys.CmdOrCtrl("o"), send(MenuOpenFile))
	file.AddText("Import…", keys.CmdOrCtrl("i"), send(MenuImport))
	file.AddText("Save", keys.CmdOrCtrl("s"), send(MenuSave))
	file.AddText("Save as new scenario…", keys.Combo("s", keys.CmdOrCtrlKey, keys.ShiftKey), send(MenuSaveAs))
	file.AddSeparator()
	file.AddText("Export PDF…", keys.CmdOrCtrl("e"), send(MenuExportPDF))
	file.AddText("Export CSV…", keys.Combo("e", keys.CmdOrCtrlKey, keys.ShiftKey), send(MenuExportCSV))
	file.AddSeparator()
	file.AddText("Quit", keys.CmdOrCtrl("q"), func(*menu.CallbackData) { quit() })
	edit := m.AddSubmenu("Edit")
	edit.AddText("Undo", keys.CmdOrCtrl("z"), send(MenuUndo))
	edit.AddText("Redo", keys.Combo("z", keys.CmdOrCtrlKey, keys.ShiftKey), send(MenuRedo))
	help := m.AddSubmenu("Help")
	help.AddText("About Dealmodel", nil, send(MenuAbout))
	return m
}

// desktop is the Platform of the Wails window.
type desktop struct {
	svc *app.Service
	// notice is shown once the page has loaded: what the user must know, such as
	// a damaged database moved aside.
	notice string
	// fatal is shown instead when the app cannot work at all; the window then
	// closes.
	fatal string

	mu  sync.Mutex
	ctx context.Context
}

func (d *desktop) startup(ctx context.Context) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.ctx = ctx
}

func (d *desktop) context() context.Context {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.ctx
}

// domReady tells the user what they must know before they start. A native dialog
// rather than an event: the UI may not listen yet, and a dialog cannot be missed.
// It runs apart from the window's thread so the page goes on loading behind it.
func (d *desktop) domReady(ctx context.Context) {
	switch {
	case d.fatal != "":
		go func() {
			runtime.MessageDialog(ctx, runtime.MessageDialogOptions{Type: runtime.ErrorDialog, Title: "Dealmodel cannot start", Message: d.fatal})
			runtime.Quit(ctx)
		}()
	case d.notice != "":
		notice := d.notice
		d.notice = ""
		go runtime.MessageDialog(ctx, runtime.MessageDialogOptions{Type: runtime.WarningDialog, Title: "Your database was damaged", Message: notice})
	}
}

// beforeClose remembers the window's size for the next start. A maximised or
// full-screen window keeps the size it had before, which is the one to restore.
func (d *desktop) beforeClose(ctx context.Context) bool {
	if d.svc == nil || d.fatal != "" || runtime.WindowIsMaximised(ctx) || runtime.WindowIsFullscreen(ctx) || runtime.WindowIsMinimised(ctx) {
		return false
	}
	w, h := runtime.WindowGetSize(ctx)
	if w > 0 && h > 0 {
		if err := d.svc.SaveSettings(app.Settings{WindowWidth: w, WindowHeight: h}); err != nil {
			logf("remembering the window size: %v", err)
		}
	}
	return false
}

func (d *desktop) quit() {
	if ctx := d.context(); ctx != nil {
		runtime.Quit(ctx)
	}
}

// Emit sends an event to the window.
func (d *desktop) Emit(name string, data any) {
	if ctx := d.context(); ctx != nil {
		runtime.EventsEmit(ctx, name, data)
	}
}

var errNotOpen = errors.New("the window is not open yet")

// OpenURL opens the link in the system browser.
func (d *desktop) OpenURL(url string) error {
	ctx := d.context()
	if ctx == nil {
		return errNotOpen
	}
	runtime.BrowserOpenURL(ctx, url)
	return nil
}

// OpenFileDialog shows the system's open dialog.
func (d *desktop) OpenFileDialog(title string, filters []app.FileFilter) (string, error) {
	ctx := d.context()
	if ctx == nil {
		return "", errNotOpen
	}
	return runtime.OpenFileDialog(ctx, runtime.OpenDialogOptions{Title: title, Filters: wailsFilters(filters)})
}

// SaveFileDialog shows the system's save dialog in the folder of the last export,
// and remembers the folder chosen for the next one.
func (d *desktop) SaveFileDialog(title, defaultName string, filters []app.FileFilter) (string, error) {
	ctx := d.context()
	if ctx == nil {
		return "", errNotOpen
	}
	opts := runtime.SaveDialogOptions{Title: title, DefaultFilename: defaultName, Filters: wailsFilters(filters), CanCreateDirectories: true}
	if st, err := d.svc.Settings(); err == nil && st.ExportFolder != "" {
		if fi, err := os.Stat(st.ExportFolder); err == nil && fi.IsDir() {
			opts.DefaultDirectory = st.ExportFolder
		}
	}
	path, err := runtime.SaveFileDialog(ctx, opts)
	if err == nil && path != "" {
		if err := d.svc.SaveSettings(app.Settings{ExportFolder: filepath.Dir(path)}); err != nil {
			logf("remembering the export folder: %v", err)
		}
	}
	return path, err
}

func wailsFilters(fs []app.FileFilter) []runtime.FileFilter {
	out := make([]runtime.FileFilter, len(fs))
	for i, f := range fs {
		out[i] = runtime.FileFilter{DisplayName: f.DisplayName, Pattern: f.Pattern}
	}
	return out
}

// logf reports what went wrong behind the user's back (a launcher shows no
// terminal, but a user who starts the app from one sees it).
func logf(format string, args ...any) { log.Printf(format, args...) }

var _ app.Platform = (*desktop)(nil)
