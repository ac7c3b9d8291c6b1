// Package frontend holds the built UI (frontend/dist, made by npm run build) for the
// programs that serve it: the desktop app and the command line's serve.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var assets embed.FS

// Dist returns the built frontend's root (the folder holding index.html), or nil
// when the program was built without it (go build before npm run build embeds
// only dist/.gitkeep).
func Dist() fs.FS {
	dist, err := fs.Sub(assets, "dist")
	if err != nil {
		return nil
	}
	if _, err := fs.Stat(dist, "index.html"); err != nil {
		return nil
	}
	return dist
}
