package scenario

import (
	"bytes"

	"dealmodel/backend/fault"
)

// ErrAlreadyV2 is returned by Upgrade for a file that is already format version 2.
var ErrAlreadyV2 = fault.New(fault.Invalid, "the file is already format version 2")

// Upgrade rewrites a valid format v1 file as format v2. Every key of v1 means the
// same in v2, so only the version changes: the value after `version:` is replaced
// in place and the rest of the file (comments, order, spelling) is kept byte for
// byte. The result parses as v2 and is returned with the scenario it holds. A
// file that is not valid fails with Parse's *ErrorList.
func Upgrade(filename string, data []byte) ([]byte, *Scenario, error) {
	s, err := Parse(filename, data)
	if err != nil {
		return nil, nil, err
	}
	if s.Version == FormatV2 {
		return nil, s, ErrAlreadyV2
	}
	out := replaceVersion(filename, data)
	if out == nil {
		// The version is written in a way the replacement does not handle (such
		// as split over lines): write the scenario canonically instead.
		s.Version = FormatV2
		out = Marshal(s)
	}
	up, err := Parse(filename, out)
	if err != nil {
		return nil, nil, err
	}
	return out, up, nil
}

// replaceVersion returns data with the version's value replaced by 2, or nil when
// the value is not where the tree says or not written as a plain 1.
func replaceVersion(filename string, data []byte) []byte {
	sink := &errorSink{file: filename}
	root := parseTree(filename, data, sink)
	if root == nil || root.kind != mappingNode {
		return nil
	}
	for _, p := range root.pairs {
		if p.key.text != "version" {
			continue
		}
		v := p.value
		lines := bytes.SplitAfter(data, []byte("\n"))
		if v.line < 1 || v.line > len(lines) || v.col < 1 {
			return nil
		}
		off := 0
		for _, l := range lines[:v.line-1] {
			off += len(l)
		}
		off += v.col - 1
		if off+1 > len(data) || data[off] != '1' || off+1 < len(data) && data[off+1] >= '0' && data[off+1] <= '9' {
			return nil
		}
		out := append([]byte(nil), data[:off]...)
		out = append(out, '2')
		return append(out, data[off+1:]...)
	}
	return nil
}
