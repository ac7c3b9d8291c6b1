package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/rivo/uniseg"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/tabular"
)

// writeTable prints the result for a terminal of the given width: series as rows and
// periods as columns, in blocks of as many periods as fit, then the summary.
func writeTable(w io.Writer, r *engine.Result, width int) {
	const colW = 10
	labelW := 28
	for _, s := range r.Series {
		labelW = max(labelW, min(36, textWidth(s.Label)))
	}
	perBlock := max(1, (width-labelW)/colW)
	unit := "quarter"
	if r.Period == engine.Yearly {
		unit = "year"
	}
	labels := make([]string, len(r.Series)) // each block repeats them
	for i, s := range r.Series {
		labels[i] = pad(fit(s.Label, labelW-1), labelW)
	}
	fmt.Fprintln(w, fit(r.Scenario, width))
	fmt.Fprintf(w, "By %s, in US$\n", unit)
	for start := 0; start < len(r.Periods); start += perBlock {
		end := min(len(r.Periods), start+perBlock)
		fmt.Fprintf(w, "\n%s", pad("", labelW))
		for _, p := range r.Periods[start:end] {
			fmt.Fprintf(w, "%*s", colW, p)
		}
		fmt.Fprintln(w)
		var line []byte
		for i, s := range r.Series {
			line = append(line[:0], labels[i]...)
			for _, v := range s.Values[start:end] {
				text := "0" // zeros recede, so the amounts stand out
				if !v.IsZero() {
					text = money.Short(v)
				}
				for k := len(text); k < colW; k++ {
					line = append(line, ' ')
				}
				line = append(line, text...)
			}
			line = append(line, '\n')
			_, _ = w.Write(line)
		}
	}
	if len(r.Summary) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSummary")
	valW := 18
	sumLabelW := width - valW
	for i := range r.Summary {
		m := &r.Summary[i]
		v := tabular.MetricText(m)
		switch {
		case m.Kind == engine.QuarterValue && m.Null:
			v = "never"
		case m.Kind == engine.Amount:
			v = money.Short(m.Amount)
		}
		fmt.Fprintf(w, "%s%*s\n", pad(fit(m.Label, sumLabelW-1), sumLabelW), valW, v)
	}
}

// textWidth is how many terminal columns s takes: East Asian wide characters and
// emoji take two, combining marks none (grapheme clusters, as terminals draw them).
func textWidth(s string) int {
	// Printable ASCII and the dashes, quotes and ellipsis of labels take a column
	// each and join no neighbour into a cluster; anything else is measured by its
	// grapheme clusters.
	n := 0
	for _, r := range s {
		if (r < 0x20 || r > 0x7e) && !narrowPunct(r) {
			return uniseg.StringWidth(s)
		}
		n++
	}
	return n
}

// narrowPunct: – — ‘ ’ “ ” …
func narrowPunct(r rune) bool {
	switch r {
	case '\u2013', '\u2014', '\u2018', '\u2019', '\u201c', '\u201d', '\u2026':
		return true
	}
	return false
}

// pad fills s with spaces to n columns.
func pad(s string, n int) string {
	if k := textWidth(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

// fit shortens s to at most n columns, marking the cut with an ellipsis. A label
// "owner — measure" or "owner: field" is cut in the owner, so the measure or field
// stays readable. A character is never split: an emoji with its modifiers, or a
// letter with its accents, stays whole or goes.
func fit(s string, n int) string {
	if textWidth(s) <= n {
		return s
	}
	i := strings.LastIndex(s, " — ")
	if j := strings.LastIndex(s, ": "); j > i {
		i = j
	}
	if i > 0 {
		tail := s[i:]
		if k := n - textWidth(tail); k >= 8 {
			return fit(s[:i], k) + tail
		}
	}
	var b strings.Builder
	w := 0
	for g := uniseg.NewGraphemes(s); g.Next(); {
		if w+g.Width() > n-1 {
			break
		}
		b.WriteString(g.Str())
		w += g.Width()
	}
	return b.String() + "…"
}

// writeColumns writes rows of cells as aligned columns two spaces apart, by the
// columns each cell takes on a terminal (text/tabwriter counts characters, so a
// name with an emoji or East Asian characters would push its row out of line).
func writeColumns(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], textWidth(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		line := ""
		for i, c := range r {
			if i < len(r)-1 {
				c = pad(c, widths[i]+2)
			}
			line += c
		}
		b.WriteString(strings.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
