package scenario

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"dealmodel/backend/fault"
)

// MaxErrors is how many errors of one file are reported; the rest are counted.
const MaxErrors = 20

// Error is one problem in a scenario file, with its position.
type Error struct {
	File string // file name as given to Parse
	Line int    // 1-based; 0 when the problem has no single place
	Col  int    // 1-based
	Path string // key path, such as contracts.msft_revshare.cap; "" for the document
	Msg  string // what is wrong and what would be valid
}

// Fault implements fault.Kinder: a problem in a scenario is invalid input.
func (e *Error) Fault() fault.Kind { return fault.Invalid }

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in one file, in file order. Parse returns it as
// its error; it always holds at least one Error.
type ErrorList struct {
	Errors  []*Error // at most MaxErrors
	Omitted int      // how many more were found but not kept
}

// Fault implements fault.Kinder: a problem in a scenario is invalid input.
func (l *ErrorList) Fault() fault.Kind { return fault.Invalid }

func (l *ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l.Errors {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if l.Omitted > 0 {
		fmt.Fprintf(&b, "\n… and %d more errors", l.Omitted)
	}
	return b.String()
}

// errorSink collects errors while decoding and validating.
type errorSink struct {
	file string
	// positioned: every error gets a position, the file's start when nothing nearer
	// is known (Parse); Validate's errors have paths only.
	positioned bool
	list       ErrorList
	seen       map[string]bool // drops exact repeats
	failed     bool
}

func (s *errorSink) add(n *node, path, format string, args ...any) {
	line, col := 0, 0
	if n != nil {
		line, col = n.line, n.col
	}
	s.addAt(line, col, path, format, args...)
}

func (s *errorSink) addAt(line, col int, path, format string, args ...any) {
	s.failed = true
	if s.positioned && line == 0 {
		line, col = 1, 1
	}
	for i, a := range args {
		if t, ok := a.(string); ok && len(t) > maxArgLen {
			args[i] = clip(t)
		}
	}
	e := &Error{File: s.file, Line: line, Col: col, Path: clipPath(path), Msg: fmt.Sprintf(format, args...)}
	key := e.Error()
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	if len(s.list.Errors) >= MaxErrors {
		s.list.Omitted++
		return
	}
	s.list.Errors = append(s.list.Errors, e)
}

func (s *errorSink) err() error {
	if !s.failed {
		return nil
	}
	l := s.list
	return &l
}

// maxArgLen is the longest text an error message quotes whole: a message arising
// from a megabyte-long key or value quotes its start.
const maxArgLen = 200

// clip shortens text a message quotes to its first 60 characters and an ellipsis
// when it is longer than 100.
func clip(s string) string {
	if len(s) <= 100 || utf8.RuneCountInString(s) <= 100 {
		return s
	}
	n := 0
	for i := range s {
		if n == 60 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// clipPath clips each key of a key path.
func clipPath(path string) string {
	if len(path) <= maxArgLen {
		return path
	}
	parts := strings.Split(path, ".")
	for i, p := range parts {
		parts[i] = clip(p)
	}
	return strings.Join(parts, ".")
}
