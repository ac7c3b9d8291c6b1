// Package scenarios holds the scenario files shipped with the app (*.yaml in this
// directory), embedded in the binary. The store seeds them on first run and can
// restore them; the CLI and the UI offer them by stem ("briefing", "compute", ...).
package scenarios

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.yaml
var files embed.FS

// First is the stem of the built-in scenario listed first: the combined briefing.
const First = "briefing"

// Builtin is a scenario file shipped with the app.
type Builtin struct {
	Stem string // file name without .yaml, e.g. "briefing"
	File string // file name, e.g. "briefing.yaml"
	Data []byte // the file's contents
}

// All returns every built-in scenario, sorted by stem with "briefing" first. Each
// call returns fresh copies, so callers may modify the data.
func All() []Builtin {
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		// The embedded directory always exists; a failure is a build defect.
		panic("scenarios: reading embedded files: " + err.Error())
	}
	out := make([]Builtin, 0, len(entries))
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			continue
		}
		data, err := files.ReadFile(e.Name())
		if err != nil {
			panic("scenarios: reading " + e.Name() + ": " + err.Error())
		}
		out = append(out, Builtin{
			Stem: strings.TrimSuffix(e.Name(), ".yaml"),
			File: e.Name(),
			Data: data,
		})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Stem, out[j].Stem
		if (a == First) != (b == First) {
			return a == First
		}
		return a < b
	})
	return out
}

// ByStem returns the built-in scenario whose file name without .yaml is stem, and
// whether there is one.
func ByStem(stem string) (Builtin, bool) {
	if stem == "" || strings.ContainsAny(stem, `/\`) || strings.HasPrefix(stem, ".") {
		return Builtin{}, false
	}
	name := stem + ".yaml"
	data, err := files.ReadFile(name)
	if err != nil {
		return Builtin{}, false
	}
	return Builtin{Stem: stem, File: name, Data: data}, true
}
