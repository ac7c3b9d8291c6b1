// Command dealmodel models large technology deals. Without arguments it opens the
// desktop window; with arguments it runs a command line subcommand (run, export,
// simulate, scenarios, serve).
package main

import (
	"embed"
	"fmt"
	"io/fs"
	"os"

	"dealmodel/app"
	"dealmodel/app/cli"
)

// assets is the built frontend (npm run build in frontend/).
//
//go:embed all:frontend/dist
var assets embed.FS

// icon is the window icon (and the source of the packaged icons).
//
//go:embed build/appicon.png
var icon []byte

func main() {
	dist := frontend()
	if len(os.Args) > 1 {
		cli.Frontend = dist
		os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	if dist == nil && !generatingBindings {
		fmt.Fprintln(os.Stderr, "dealmodel: this build has no frontend: build it with make build")
		os.Exit(1)
	}
	if err := app.RunDesktop(dist, icon); err != nil {
		fmt.Fprintln(os.Stderr, "dealmodel:", err)
		os.Exit(1)
	}
}

// frontend returns the built frontend's root, or nil when the binary was built
// without it (go build before npm run build embeds only frontend/dist/.gitkeep).
func frontend() fs.FS {
	dist, err := fs.Sub(assets, "frontend/dist")
	if err != nil {
		return nil
	}
	if _, err := fs.Stat(dist, "index.html"); err != nil {
		return nil
	}
	return dist
}
