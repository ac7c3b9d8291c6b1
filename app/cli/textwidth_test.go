package cli

import (
	"testing"

	"github.com/rivo/uniseg"
)

// The shortcut for printable ASCII measures as the grapheme clusters do.
func TestTextWidthASCII(t *testing.T) {
	all := ""
	for c := byte(0x20); c <= 0x7e; c++ {
		if got, want := textWidth(string(c)), uniseg.StringWidth(string(c)); got != want {
			t.Errorf("%q: %d columns, want %d", c, got, want)
		}
		all += string(c)
	}
	for _, s := range []string{all, "", "Microsoft — cap", "a\tb", "é", "日本", "x\u0301", "–", "—", "‘", "’", "“", "”", "…",
		"Revenue share to Microsoft — paid", "OpenAI’s “plan” – 2026…", "—\u0301", "’\u200d", "…\ufe0f", "a—日"} {
		if got, want := textWidth(s), uniseg.StringWidth(s); got != want {
			t.Errorf("%q: %d columns, want %d", s, got, want)
		}
	}
}
