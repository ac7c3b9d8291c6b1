// Command dealmodel is Dealmodel's command line: run, export, simulate, solve,
// scenarios, serve and the rest (dealmodel help lists them). It is built without
// cgo and without the window system, so it starts at once and runs on machines
// without GTK or WebKit. Without arguments, or with "open", it opens the desktop
// app (dealmodel-desktop, the program at the repository's root) when there is a
// display; otherwise it prints its usage.
package main

import (
	"os"

	"dealmodel/app/cli"
	"dealmodel/frontend"
)

func main() {
	cli.Frontend = frontend.Dist()
	args := os.Args[1:]
	if len(args) == 0 && cli.HasDisplay() {
		args = []string{"open"}
	}
	os.Exit(cli.Main(args, os.Stdout, os.Stderr))
}
