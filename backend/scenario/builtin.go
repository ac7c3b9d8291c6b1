package scenario

import "crypto/sha256"

// compiledTree is a built-in scenario file's parsed tree (builtin_trees.go), kept
// for the exact bytes it was made from.
type compiledTree struct {
	size int
	sum  string // SHA-256 of the file
	root *node
}

// builtinTree returns the compiled-in tree of data when data is byte for byte a
// built-in scenario file, else nil. The tree is shared: decoding only reads it.
func builtinTree(data []byte) *node {
	var sum *[sha256.Size]byte
	for i := range builtinTrees {
		t := &builtinTrees[i]
		if t.size != len(data) {
			continue
		}
		if sum == nil {
			s := sha256.Sum256(data)
			sum = &s
		}
		if string(sum[:]) == t.sum {
			return t.root
		}
	}
	return nil
}

// HasCompiledTree reports whether data is byte for byte a file whose parsed tree is
// compiled in (builtin_trees.go): Parse then reads it without the YAML parser.
func HasCompiledTree(data []byte) bool { return builtinTree(data) != nil }
