package report

import (
	"io"
	"math"
	"strconv"

	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
)

// WriteSamplesCSV writes a simulation's samples as `simulate --samples` gives
// them: a header (run, the inputs' paths, the metrics' ids), then one row per run.
// Values are plain: amounts with two decimals, rates as fractions, whole numbers
// for years, quarters as 2026Q3 and an empty cell for a quarter that has none.
// Headers go through SafeCell: a party's name is part of its metrics' ids.
func WriteSamplesCSV(w io.Writer, sm *sim.Samples) error {
	cw := newCSVWriter(w)
	row := make([]string, 0, 1+len(sm.Inputs)+len(sm.Metrics))
	row = append(row, "run")
	for _, c := range sm.Inputs {
		row = append(row, SafeCell(c.ID))
	}
	for _, c := range sm.Metrics {
		row = append(row, SafeCell(c.ID))
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	runs := 0
	if len(sm.InputValues) > 0 {
		runs = len(sm.InputValues[0])
	}
	for r := range runs {
		row = row[:0]
		row = append(row, strconv.Itoa(r+1))
		for i, c := range sm.Inputs {
			row = append(row, SampleInput(scenario.FieldKind(c.Kind), sm.InputValues[i][r]))
		}
		for j, c := range sm.Metrics {
			row = append(row, SampleMetric(c.Kind, sm.MetricValues[j][r]))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SampleInput writes a drawn input plainly: an amount with two decimals, a rate
// as a fraction (0.2), a whole number of years, a quarter (2027Q4), a number as it is.
func SampleInput(kind scenario.FieldKind, x float64) string {
	switch kind {
	case scenario.KindAmount:
		return plainCents(x)
	case scenario.KindInteger:
		return strconv.FormatFloat(math.Round(x), 'f', 0, 64)
	case scenario.KindQuarter:
		return scenario.Quarter(math.Round(x)).String()
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// SampleMetric writes a run's figure plainly: an amount with two decimals, a
// quarter (2029Q2) or "" when it has none, a year (2028).
func SampleMetric(kind string, x float64) string {
	switch kind {
	case sim.SampleQuarter:
		if math.IsNaN(x) {
			return ""
		}
		return scenario.Quarter(x).String()
	case sim.SampleYear:
		return strconv.Itoa(scenario.Quarter(x).Year())
	}
	return plainCents(x)
}

func plainCents(x float64) string {
	s := strconv.FormatFloat(x, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}
