package scenario

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
)

// A \u escape names a UTF-16 code unit. U+D800–U+DFFF are not characters: a high
// half (D800–DBFF) must be followed at once by a low half (DC00–DFFF), the two
// naming one character beyond U+FFFF. A half alone names nothing; decoders
// replace it with U+FFFD without a word, so text would change silently. Scenario
// files and the app's calls refuse it instead, saying where.

// LoneSurrogate finds the first escape in the strings of JSON text that names
// half of a surrogate pair without the other half: its byte offset and the
// escape as written (such as \ud800). found is false when there is none. Text
// that is not JSON is scanned as far as it can be; linear, allocation free.
func LoneSurrogate(data []byte) (offset int, escape string, found bool) {
	in := false
	for i := 0; i < len(data); i++ {
		b := data[i]
		if !in {
			in = b == '"'
			continue
		}
		switch b {
		case '"':
			in = false
		case '\\':
			if n, bad := surrogateAt(data[i:], false); bad {
				return i, string(data[i : i+n]), true
			} else if n > 0 {
				i += n - 1
			} else {
				i++ // the escaped character
			}
		}
	}
	return 0, "", false
}

// surrogateAt reads the escape at the start of s (s[0] is the backslash). For a
// \u escape (and, in YAML, \U) it returns its length, and bad when it names a
// surrogate without its other half; a valid pair is read whole. n is 0 for any
// other escape.
func surrogateAt(s []byte, yaml bool) (n int, bad bool) {
	if len(s) < 2 {
		return 0, false
	}
	digits := 0
	switch {
	case s[1] == 'u':
		digits = 4
	case s[1] == 'U' && yaml:
		digits = 8
	default:
		return 0, false
	}
	v, ok := hexAt(s, 2, digits)
	if !ok {
		return 0, false
	}
	n = 2 + digits
	switch {
	case v < 0xD800 || v > 0xDFFF:
		return n, false
	case digits == 4 && v <= 0xDBFF && len(s) >= n+6 && s[n] == '\\' && s[n+1] == 'u':
		if low, ok := hexAt(s, n+2, 4); ok && low >= 0xDC00 && low <= 0xDFFF {
			return n + 6, false
		}
	}
	return n, true
}

func hexAt(s []byte, at, digits int) (uint64, bool) {
	if len(s) < at+digits {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s[at:at+digits]), 16, 32)
	return v, err == nil
}

// SurrogateMessage says what is wrong with a lone surrogate escape and what to
// write instead.
func SurrogateMessage(escape string) string {
	return fmt.Sprintf("%s is half of a UTF-16 surrogate pair without its other half, so it names no character: write the character itself, or both halves of the pair (such as \\ud83d\\ude80 for 🚀)", escape)
}

// checkEscapes refuses a lone surrogate in a YAML document's double-quoted
// strings, where the parser would replace it with U+FFFD or fail with a message
// about its own state. It looks only where the lexer found a double-quoted string
// (or failed inside one), so backslashes in plain and single-quoted text, which
// are not escapes, are left alone.
func checkEscapes(data []byte, tokens token.Tokens, sink *errorSink) bool {
	if !hasBackslashU(data) {
		return true
	}
	lines := lineStarts(data)
	var at cursor
	for _, tk := range tokens {
		if tk.Position == nil || (tk.Type != token.DoubleQuoteType && tk.Type != token.InvalidType) {
			continue
		}
		off := at.offsetOf(data, lines, tk.Position.Line, tk.Position.Column)
		if off < 0 {
			continue
		}
		if tk.Type == token.InvalidType {
			// The lexer stops at the escape it could not read.
			if n, bad := surrogateAt(data[off:], true); bad {
				sink.addAt(tk.Position.Line, tk.Position.Column, "", "%s", SurrogateMessage(string(data[off:off+n])))
				return false
			}
			continue
		}
		if data[off] != '"' {
			continue
		}
		for i := off + 1; i < len(data); i++ {
			if data[i] == '"' {
				break
			}
			if data[i] != '\\' {
				continue
			}
			n, bad := surrogateAt(data[i:], true)
			if bad {
				l, c := positionOf(data, lines, i)
				sink.addAt(l, c, "", "%s", SurrogateMessage(string(data[i:i+n])))
				return false
			}
			if n > 0 {
				i += n - 1
			} else {
				i++
			}
		}
	}
	return true
}

func hasBackslashU(data []byte) bool {
	for i := 0; i+1 < len(data); i++ {
		if data[i] == '\\' && (data[i+1] == 'u' || data[i+1] == 'U') {
			return true
		}
	}
	return false
}

// cursor turns positions into byte offsets, going on from the last one when the
// next is further along the same line, so that the positions of a document's
// tokens, which come in order, cost one pass over each line.
type cursor struct{ line, col, off int }

// offsetOf is the byte offset of a 1-based line and column (in characters), or
// -1 when there is no such place.
func (c *cursor) offsetOf(data []byte, lines []int, line, col int) int {
	if line < 1 || line > len(lines) || col < 1 {
		return -1
	}
	if c.line != line || c.col > col {
		c.line, c.col, c.off = line, 1, lines[line-1]
	}
	for ; c.col < col; c.col++ {
		if c.off >= len(data) || data[c.off] == '\n' {
			c.line = 0
			return -1
		}
		_, size := utf8.DecodeRune(data[c.off:])
		c.off += size
	}
	if c.off >= len(data) {
		return -1
	}
	return c.off
}

// positionOf is the 1-based line and column (in characters) of a byte offset.
func positionOf(data []byte, lines []int, off int) (int, int) {
	lo, hi := 0, len(lines)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if lines[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, utf8.RuneCount(data[lines[lo]:off]) + 1
}
