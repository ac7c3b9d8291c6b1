// Command dealmodel-desktop is Dealmodel's desktop app: the Wails window on the
// app's services (make build and wails build compile this package). Without
// arguments, or with "open", it opens the window; with any other arguments it runs
// the command line, so that on Windows, where this program is the only one
// installed, dealmodel.exe run briefing works from a console.
//
// The command line on its own, without the window system and cgo, is
// cmd/dealmodel; on Linux and macOS it opens this program for `dealmodel` and
// `dealmodel open`.
package main

import (
	_ "embed"
	"fmt"
	"os"

	"dealmodel/app"
	"dealmodel/app/cli"
	"dealmodel/app/desktop"
	"dealmodel/frontend"
)

// icon is the window icon (and the source of the packaged icons).
//
//go:embed build/appicon.png
var icon []byte

func main() {
	dist := frontend.Dist()
	if args := os.Args[1:]; len(args) > 0 && !(len(args) == 1 && args[0] == "open") {
		attachConsole()
		cli.Frontend = dist
		os.Exit(cli.Main(args, os.Stdout, os.Stderr))
	}
	if dist == nil && !generatingBindings {
		fmt.Fprintln(os.Stderr, "dealmodel: this build has no frontend: build it with make build")
		os.Exit(1)
	}
	app.LimitMemory()
	if err := desktop.Run(dist, icon); err != nil {
		fmt.Fprintln(os.Stderr, "dealmodel:", err)
		os.Exit(1)
	}
}
