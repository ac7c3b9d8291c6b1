package report

import (
	"encoding/csv"
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
	cw := csv.NewWriter(w)
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
	cw := csv.NewWriter(w)
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

// SafeCell keeps a text cell from being read as a formula by a spreadsheet: text
// starting with = + - @, a tab or a carriage return gets a leading apostrophe.
// Numbers are written by the callers directly and stay numbers.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
