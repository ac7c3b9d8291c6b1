package cli

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/scenario"
)

// percentile is PERCENTILE.INC of sorted values, the simulation's definition.
func percentile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	i := int(h)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// `simulate --samples` writes one row per run whose columns agree with the
// summary, and whose figures follow from its inputs through the exact engine.
func TestSimulateSamples(t *testing.T) {
	path := filepath.Join(t.TempDir(), "runs.csv")
	out, errOut, code := simCLI(t, "simulate", "briefing", "--format", "json", "--runs", "2000", "--seed", "9", "--samples", path)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Summary map[string]map[string]string `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2001 {
		t.Fatalf("%d rows, want a header and 2000 runs", len(rows))
	}
	head := rows[0]
	s, err := load("briefing")
	if err != nil {
		t.Fatal(err)
	}
	nIn := len(s.Uncertainty.Inputs)
	if head[0] != "run" || head[1] != s.Uncertainty.Inputs[0].Path || head[nIn] != s.Uncertainty.Inputs[nIn-1].Path || head[nIn+1] != "stream.openai_revenue.total" {
		t.Errorf("header %v", head[:nIn+2])
	}
	quarter := regexp.MustCompile(`^(|[0-9]{4}Q[1-4])$`)
	for r, row := range rows[1:] {
		if row[0] != strconv.Itoa(r+1) {
			t.Fatalf("row %d is run %s", r+1, row[0])
		}
		for j, cell := range row {
			if strings.HasPrefix(cell, "=") || strings.HasPrefix(cell, "+") || strings.HasPrefix(cell, "@") {
				t.Fatalf("row %d column %s: %q could be read as a formula", r+1, head[j], cell)
			}
		}
	}
	// Percentiles of each amount column are the summary's (to the cent: the CSV
	// holds cents).
	for j := nIn + 1; j < len(head); j++ {
		st, ok := doc.Summary[head[j]]
		if !ok {
			for _, row := range rows[1:] {
				if strings.HasSuffix(head[j], "cap_hit") && !quarter.MatchString(row[j]) {
					t.Fatalf("%s = %q, not a quarter or empty", head[j], row[j])
				}
			}
			continue
		}
		col := make([]float64, 0, 2000)
		for _, row := range rows[1:] {
			if !twoDecimals.MatchString(row[j]) {
				t.Fatalf("%s = %q, not an amount with two decimals", head[j], row[j])
			}
			x, _ := strconv.ParseFloat(row[j], 64)
			col = append(col, x)
		}
		sort.Float64s(col)
		for _, p := range []struct {
			k string
			p float64
		}{{"p10", 0.1}, {"p50", 0.5}, {"p90", 0.9}} {
			want, _ := strconv.ParseFloat(st[p.k], 64)
			if got := percentile(col, p.p); math.Abs(got-want) > 0.011 {
				t.Errorf("%s %s: samples give %.2f, summary %.2f", head[j], p.k, got, want)
			}
		}
	}
	// Rows follow from their inputs: the exact engine on the scenario with a row's
	// draws gives the row's figures, for a row in every 97. Amounts in the file are rounded to cents, so
	// figures agree to a few dollars in hundreds of billions.
	quarterInputs := 0
	checked := []int{1, 2000}
	for r := 97; r < 2000; r += 97 {
		checked = append(checked, r)
	}
	for _, r := range checked {
		row := rows[r]
		c := s.Clone()
		for i := 1; i <= nIn; i++ {
			if _, ok := c.QuarterField(head[i]); ok {
				// A quarter field's column holds quarters (the tranche's timing).
				q, err := scenario.ParseQuarter(row[i], false)
				if err != nil || !quarter.MatchString(row[i]) {
					t.Fatalf("%s = %q, not a quarter", head[i], row[i])
				}
				if err := c.SetQuarter(head[i], q); err != nil {
					t.Fatal(err)
				}
				quarterInputs++
				continue
			}
			v, err := decimal.NewFromString(row[i])
			if err != nil {
				t.Fatal(err)
			}
			if err := c.Set(head[i], v); err != nil {
				t.Fatal(err)
			}
		}
		res, err := engine.Run(c)
		if err != nil {
			t.Fatal(err)
		}
		for j := nIn + 1; j < len(head); j++ {
			m := res.MetricByID(head[j])
			if m == nil {
				t.Fatalf("the engine has no %s", head[j])
			}
			switch m.Kind {
			case engine.Amount:
				got, _ := strconv.ParseFloat(row[j], 64)
				want := m.Amount.InexactFloat64()
				if math.Abs(got-want) > 1e-9*math.Abs(want)+100 {
					t.Errorf("run %d: %s = %s, the engine gives %.2f", r, head[j], row[j], want)
				}
			case engine.QuarterValue:
				want := ""
				if !m.Null {
					want = m.Quarter.String()
				}
				// A quarter can flip only where the cap is hit within a rounding
				// of cents; the briefing's draws are never that close.
				if row[j] != want {
					t.Errorf("run %d: %s = %q, the engine gives %q", r, head[j], row[j], want)
				}
			}
		}
	}
	if quarterInputs != len(checked) {
		t.Errorf("%d quarter cells applied in %d rows: the briefing draws the contingent tranche's quarter", quarterInputs, len(checked))
	}
}

// A samples file that cannot be written fails the command and leaves stdout
// empty; nothing half-written is left.
func TestSimulateSamplesUnwritable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "runs.csv")
	out, errOut, code := simCLI(t, "simulate", "briefing", "--runs", "100", "--samples", path)
	if code == ExitOK || out != "" || !strings.Contains(errOut, "--samples") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a file was written")
	}
	_, errOut, code = simCLI(t, "simulate", "briefing", "--samples", "")
	if code != ExitInvalid || !strings.Contains(errOut, "--samples needs a file name") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
