//go:build !lean

package main

import (
	"dealmodel/app/cli"
	"dealmodel/frontend"
)

// The full command line serves the app to a browser (dealmodel serve).
func init() { cli.Frontend = frontend.Dist() }
