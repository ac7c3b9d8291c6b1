package report

import (
	"io"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/sim"
)

// WriteTwoWayCSV writes a two-way table: a header of the x values (after a corner
// naming both inputs), then one row per y value. Cells are plain: amounts with
// two decimals, quarters, years, or empty when there is none. Text goes through
// SafeCell.
func WriteTwoWayCSV(w io.Writer, tw *sim.TwoWay) error {
	cw := newCSVWriter(w)
	row := []string{SafeCell(tw.Y.Input + " \\ " + tw.X.Input)}
	for _, t := range tw.X.Texts {
		row = append(row, SafeCell(t))
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for i, cells := range tw.Cells {
		row = append(row[:0], SafeCell(tw.Y.Texts[i]))
		for j := range cells {
			row = append(row, MetricText(&cells[j]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// MetricShort writes a metric for reading at a glance: $36.51B, 2029Q2, 2028, or
// "never" for a quarter that does not come.
func MetricShort(m *engine.Metric) string {
	switch {
	case m.Kind == engine.QuarterValue && m.Null:
		return "never"
	case m.Kind == engine.Amount:
		return money.Short(m.Amount)
	}
	return MetricText(m)
}
