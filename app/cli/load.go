package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// maxFileSize bounds a scenario file: far above any real one, low enough that a wrong
// path to a large file fails at once.
const maxFileSize = 8 << 20

// load resolves FILE|NAME: an existing file path, else a built-in scenario by file
// stem or by its name.
func load(arg string) (*scenario.Scenario, error) {
	if looksLikePath(arg) {
		return loadFile(arg)
	}
	if _, err := os.Stat(arg); err == nil {
		return loadFile(arg)
	}
	if s, ok, err := builtin(arg); ok || err != nil {
		return s, err
	}
	return nil, invalidf("no scenario file or built-in scenario named %q: give a path to a .yaml/.json file, or one of: %s", arg, strings.Join(builtinStems(), ", "))
}

func looksLikePath(arg string) bool {
	ext := strings.ToLower(filepath.Ext(arg))
	return strings.ContainsRune(arg, os.PathSeparator) || ext == ".yaml" || ext == ".yml" || ext == ".json"
}

func loadFile(path string) (*scenario.Scenario, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, invalidf("%s: no such file", path)
	case err != nil:
		return nil, err
	case st.IsDir():
		return nil, invalidf("%s is a folder: give a scenario file", path)
	case st.Size() > maxFileSize:
		return nil, invalidf("%s is %d bytes: a scenario file is at most %d", path, st.Size(), maxFileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return scenario.Parse(path, data)
}

func builtin(name string) (*scenario.Scenario, bool, error) {
	if b, ok := scenarios.ByStem(name); ok {
		s, err := scenario.Parse(b.File, b.Data)
		return s, true, err
	}
	for _, b := range scenarios.All() {
		s, err := scenario.Parse(b.File, b.Data)
		if err == nil && s.Name == name {
			return s, true, nil
		}
	}
	return nil, false, nil
}

func builtinStems() []string {
	var out []string
	for _, b := range scenarios.All() {
		out = append(out, b.Stem)
	}
	return out
}
