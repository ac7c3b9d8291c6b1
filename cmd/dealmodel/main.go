// Command dealmodel is Dealmodel's command line: run, export, simulate, solve,
// scenarios, serve and the rest (dealmodel help lists them). It is built without
// cgo and without the window system, so it starts at once and runs on machines
// without GTK or WebKit. Without arguments, or with "open", it opens the desktop
// app (dealmodel-desktop, the program at the repository's root) when there is a
// display; otherwise it prints its usage.
//
// It is built twice. As it is (go build ./cmd/dealmodel), it is the whole command
// line, installed as dealmodel-full (and as dealmodel where it is the only one).
// With the tag lean (go build -tags lean ./cmd/dealmodel), installed as
// dealmodel, it holds only `run` of a built-in or a file, version and open, and
// runs dealmodel-full for the rest: `dealmodel run briefing` then neither links
// nor initialises SQLite, the PDF and chart libraries or the web server.
package main

import (
	"os"

	"dealmodel/app/cli"
)

func main() {
	args := os.Args[1:]
	if len(args) == 0 && cli.HasDisplay() {
		args = []string{"open"}
	}
	os.Exit(cli.Main(args, os.Stdout, os.Stderr))
}
