package report

import (
	"io"

	"dealmodel/backend/engine"
	"dealmodel/backend/tabular"
)

// The JSON and CSV outputs live in package tabular, which the command line's lean
// build links without the PDF and chart libraries; these are the same functions.

// CSVOptions shapes a CSV export.
type CSVOptions = tabular.CSVOptions

// MetricText is a metric's value as the JSON and CSV outputs write it.
func MetricText(m *engine.Metric) string { return tabular.MetricText(m) }

// WriteJSON writes a result as the `run` JSON of the format.
func WriteJSON(w io.Writer, r *engine.Result) error {
	return tabular.WriteJSON(w, r, tabular.JSONOptions{})
}

// WriteScheduleCSV writes the series, one row a period.
func WriteScheduleCSV(w io.Writer, r *engine.Result, opt CSVOptions) error {
	return tabular.WriteScheduleCSV(w, r, opt)
}

// WriteSummaryCSV writes the summary metrics, one row each.
func WriteSummaryCSV(w io.Writer, r *engine.Result, opt CSVOptions) error {
	return tabular.WriteSummaryCSV(w, r, opt)
}

// SafeCell keeps a text cell from being read as a formula by a spreadsheet.
func SafeCell(s string) string { return tabular.SafeCell(s) }

type csvWriter = tabular.CSVWriter

func newCSVWriter(w io.Writer) *csvWriter { return tabular.NewCSVWriter(w) }
