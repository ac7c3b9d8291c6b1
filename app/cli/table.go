package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/report"
)

// writeTable prints the result for a terminal of the given width: series as rows and
// periods as columns, in blocks of as many periods as fit, then the summary.
func writeTable(w io.Writer, r *engine.Result, width int) {
	const colW = 10
	labelW := 28
	for _, s := range r.Series {
		labelW = max(labelW, min(36, utf8.RuneCountInString(s.Label)))
	}
	perBlock := max(1, (width-labelW)/colW)
	unit := "quarter"
	if r.Period == engine.Yearly {
		unit = "year"
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
		for _, s := range r.Series {
			line = append(line[:0], pad(fit(s.Label, labelW-1), labelW)...)
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
		v := report.MetricText(m)
		switch {
		case m.Kind == engine.QuarterValue && m.Null:
			v = "never"
		case m.Kind == engine.Amount:
			v = money.Short(m.Amount)
		}
		fmt.Fprintf(w, "%s%*s\n", pad(fit(m.Label, sumLabelW-1), sumLabelW), valW, v)
	}
}

func pad(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

// fit shortens s to n runes, marking the cut with an ellipsis. A label "owner — measure"
// or "owner: field" is cut in the owner, so the measure or field stays readable.
func fit(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := strings.LastIndex(s, " — ")
	if j := strings.LastIndex(s, ": "); j > i {
		i = j
	}
	if i > 0 {
		tail := s[i:]
		if k := n - utf8.RuneCountInString(tail); k >= 8 {
			return fit(s[:i], k) + tail
		}
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
