package scenarios

import (
	"testing"

	"dealmodel/backend/scenario"
)

// The command line opens a built-in without the YAML parser, from the tree
// compiled into backend/scenario (builtin_trees.go); a changed file falls back to
// the parser, correct but slower. After editing a file here, rewrite the trees.
func TestBuiltinsHaveCompiledTrees(t *testing.T) {
	for _, b := range All() {
		if !scenario.HasCompiledTree(b.Data) {
			t.Errorf("%s changed since backend/scenario/builtin_trees.go was written: rewrite it with\n  go test ./backend/scenario -run TestBuiltinTrees -update", b.File)
		}
	}
}
