// Package tabular writes a computed scenario for other programs: the `run` JSON of
// the format and the CSV schedules. It needs neither the PDF nor the chart
// libraries, so the command line's lean build (which serves `dealmodel run`) links
// it without them; package report writes the PDF briefing and offers these too.
package tabular

import (
	"bytes"
	"encoding/json"
	"io"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
)

// MetricText is a metric's value as the JSON and CSV outputs write it: an amount with
// two decimals, a quarter ("2029Q2"), a year ("2028"), or "" when it has none.
func MetricText(m *engine.Metric) string {
	switch {
	case m.Kind == engine.QuarterValue && m.Null:
		return ""
	case m.Kind == engine.QuarterValue:
		return m.Quarter.String()
	case m.Kind == engine.YearValue:
		return m.Quarter.String()[:4]
	}
	return money.Cents(m.Amount)
}

// JSONOptions adds to the `run` JSON what the format leaves open.
type JSONOptions struct {
	// Placeholders are the scenario's texts still as a template wrote them: written
	// as "placeholders", a list of {path, owner, what, value}, when there are any, so
	// that a program reading the figures knows they rest on texts nobody has filled
	// in yet.
	Placeholders []Placeholder
}

// Placeholder is a text still as a template wrote it (contract.Placeholder).
type Placeholder struct {
	Path  string `json:"path"`
	Owner string `json:"owner"`
	What  string `json:"what"`
	Value string `json:"value"`
}

// WriteJSON writes the result in the `run --format json` form of the format: every
// amount a string with exactly two decimals, series and summary in the result's
// order, a metric without a value as null; then what opt adds.
func WriteJSON(w io.Writer, r *engine.Result, opt JSONOptions) error {
	var b bytes.Buffer
	str := func(s string) {
		enc, _ := json.Marshal(s)
		b.Write(enc)
	}
	b.WriteString("{\n  \"scenario\": ")
	str(r.Scenario)
	b.WriteString(",\n  \"period\": ")
	str(string(r.Period))
	b.WriteString(",\n  \"periods\": [")
	for i, p := range r.Periods {
		if i > 0 {
			b.WriteString(", ")
		}
		str(p)
	}
	b.WriteString("],\n  \"series\": {")
	for i, s := range r.Series {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		str(s.ID)
		b.WriteString(": [")
		for j, v := range s.Values {
			if j > 0 {
				b.WriteString(", ")
			}
			str(money.Cents(v))
		}
		b.WriteByte(']')
	}
	if len(r.Series) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("},\n  \"summary\": {")
	for i := range r.Summary {
		m := &r.Summary[i]
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		str(m.ID)
		b.WriteString(": ")
		if m.Kind == engine.QuarterValue && m.Null {
			b.WriteString("null")
		} else {
			str(MetricText(m))
		}
	}
	if len(r.Summary) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("}")
	if len(opt.Placeholders) > 0 {
		b.WriteString(",\n  \"placeholders\": [")
		for i, p := range opt.Placeholders {
			if i > 0 {
				b.WriteByte(',')
			}
			enc, err := json.Marshal(p)
			if err != nil {
				return err
			}
			b.WriteString("\n    ")
			b.Write(enc)
		}
		b.WriteString("\n  ]")
	}
	b.WriteString("\n}\n")
	_, err := w.Write(b.Bytes())
	return err
}
