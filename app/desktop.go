package app

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"sync"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Window geometry of the desktop app.
const (
	windowWidth     = 1280
	windowHeight    = 800
	windowMinWidth  = 1024
	windowMinHeight = 640
)

// EnvReadyFile names the environment variable with the file that the desktop app
// writes when the UI has drawn its first charts (see Service.ReadyFile).
const EnvReadyFile = "DEALMODEL_READY_FILE"

// RunDesktop opens the desktop window on the frontend's assets (the root of the
// built frontend, holding index.html), with the PNG icon, and returns when the
// window is closed. Only a binary built with Wails' build tags (make build) can
// open it.
func RunDesktop(assets fs.FS, icon []byte) error {
	d := &desktop{}
	svc := NewService()
	svc.Platform = d
	svc.ReadyFile = os.Getenv(EnvReadyFile)
	return wails.Run(&options.App{
		Title:            "Dealmodel",
		Width:            windowWidth,
		Height:           windowHeight,
		MinWidth:         windowMinWidth,
		MinHeight:        windowMinHeight,
		BackgroundColour: options.NewRGB(0xf6, 0xf7, 0xf9),
		AssetServer:      &assetserver.Options{Assets: assets},
		OnStartup:        d.startup,
		Bind:             []interface{}{svc},
		Linux:            &linux.Options{ProgramName: "dealmodel", Icon: icon},
	})
}

// desktop is the Platform of the Wails window.
type desktop struct {
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

// Emit sends an event to the window.
func (d *desktop) Emit(name string, data any) {
	if ctx := d.context(); ctx != nil {
		runtime.EventsEmit(ctx, name, data)
	}
}

// OpenURL opens the link in the system browser.
func (d *desktop) OpenURL(url string) error {
	ctx := d.context()
	if ctx == nil {
		return errors.New("the window is not open yet")
	}
	runtime.BrowserOpenURL(ctx, url)
	return nil
}
