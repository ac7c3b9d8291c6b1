package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// maxFileSize bounds a scenario file: far above any real one, low enough that a wrong
// path to a large file fails at once.
const maxFileSize = scenario.MaxSize

// dbFlag adds --db to a command's flags. Empty means DEALMODEL_DB, then the default
// location in the user's configuration folder.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "the scenario database (default: $DEALMODEL_DB, else the user's config folder)")
}

// load resolves FILE|NAME with the default database (DEALMODEL_DB or the user's
// config folder); see resolve.
func load(arg string) (*scenario.Scenario, error) {
	return resolve(&env{ctx: context.Background(), stdout: os.Stdout, stderr: os.Stderr}, arg, "")
}

// resolve resolves FILE|NAME: an existing file; else a built-in scenario by file stem;
// else a stored scenario by name (in the database at dbPath); else a built-in by its
// name (resolveStored, which only the full command line has).
func resolve(e *env, arg, dbPath string) (*scenario.Scenario, error) {
	if looksLikePath(arg) {
		return loadFile(arg)
	}
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		return loadFile(arg)
	}
	if b, ok := scenarios.ByStem(arg); ok {
		return scenario.Parse(b.File, b.Data)
	}
	return resolveStored(e, arg, dbPath)
}

func looksLikePath(arg string) bool {
	ext := strings.ToLower(filepath.Ext(arg))
	return strings.ContainsRune(arg, os.PathSeparator) || ext == ".yaml" || ext == ".yml" || ext == ".json"
}

// readScenarioFile reads a file's bytes with the checks every command shares.
func readScenarioFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, invalidf("%s: no such file", path)
	case err != nil:
		return nil, err
	case st.IsDir():
		return nil, invalidf("%s is a folder: give a scenario file", path)
	case st.Size() > maxFileSize:
		return nil, tooLarge(path)
	}
	// The size a file reports is not what reading it gives: a device (/dev/zero)
	// or a pipe (/dev/stdin) reports none, and a file may grow. Read at most one
	// byte more than the limit.
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(data) > maxFileSize {
		return nil, tooLarge(path)
	}
	return data, nil
}

func tooLarge(path string) error {
	return invalidf("%s is larger than %d MiB: a scenario file is at most %d MiB", path, maxFileSize>>20, maxFileSize>>20)
}

func loadFile(path string) (*scenario.Scenario, error) {
	data, err := readScenarioFile(path)
	if err != nil {
		return nil, err
	}
	return scenario.Parse(path, data)
}

func builtinStems() []string {
	var out []string
	for _, b := range scenarios.All() {
		out = append(out, b.Stem)
	}
	return out
}
