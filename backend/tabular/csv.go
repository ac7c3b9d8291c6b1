package tabular

import (
	"io"
	"strings"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
)

// CSVOptions shapes a CSV export.
type CSVOptions struct {
	Labels bool // a second header row with the series' labels for people
	BOM    bool // start with a UTF-8 byte order mark, for Excel
}

// WriteScheduleCSV writes one row per period and one column per series: a header of
// series ids ("period" first), optionally a row of labels, then amounts with two
// decimals, '.' as the decimal point and no thousands separators.
func WriteScheduleCSV(w io.Writer, r *engine.Result, opt CSVOptions) error {
	if opt.BOM {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
	}
	cw := NewCSVWriter(w)
	row := make([]string, len(r.Series)+1)
	row[0] = "period"
	for i, s := range r.Series {
		row[i+1] = SafeCell(s.ID)
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	if opt.Labels {
		row[0] = SafeCell(r.Scenario)
		for i, s := range r.Series {
			row[i+1] = SafeCell(s.Label)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	for p, period := range r.Periods {
		row[0] = period
		for i, s := range r.Series {
			row[i+1] = money.Cents(s.Values[p])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteSummaryCSV writes the summary as rows of id, label and value.
func WriteSummaryCSV(w io.Writer, r *engine.Result, opt CSVOptions) error {
	if opt.BOM {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return err
		}
	}
	cw := NewCSVWriter(w)
	if err := cw.Write([]string{"id", "label", "value"}); err != nil {
		return err
	}
	for i := range r.Summary {
		m := &r.Summary[i]
		if err := cw.Write([]string{SafeCell(m.ID), SafeCell(m.Label), MetricText(m)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SafeCell keeps a text cell from being read as a formula by a spreadsheet (CSV
// injection): text starting with = + - @, a tab or a carriage return gets a leading
// apostrophe, as OWASP recommends, and so does text starting with the full-width
// forms of = + - @, which some spreadsheets in East Asian locales also accept. The
// same goes for what follows each separator a spreadsheet may split on (',' ';'
// TAB) or a line break inside the text: the writer quotes such cells, and a
// program that ignores the quotes still finds no formula. Every name, label and
// source goes through it: they are typed by people, or come in a scenario file
// someone sent. Amounts are written by the callers directly and stay numbers,
// negative ones included.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	start := true // at the start of the text or just after a separator
	for _, r := range s {
		if start && startsFormula(r) {
			b.WriteByte('\'')
		}
		b.WriteRune(r)
		switch {
		case r == ',' || r == ';' || r == '\t' || r == '\n' || r == '\r':
			start = true
		case r != ' ': // spaces after a separator keep what follows a cell's start
			start = false
		}
	}
	return b.String()
}

func startsFormula(r rune) bool {
	return strings.ContainsRune("=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20", r)
}
