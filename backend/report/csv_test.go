package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/scenarios"
)

// mustParse parses a scenario or fails the test.
func mustParse(t testing.TB, name string, data []byte) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Parse(name, data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return s
}

// mustRun runs the engine or fails the test.
func mustRun(t testing.TB, s *scenario.Scenario) *engine.Result {
	t.Helper()
	r, err := engine.Run(s)
	if err != nil {
		t.Fatalf("run %s: %v", s.Name, err)
	}
	return r
}

// builtin loads a built-in scenario by stem.
func builtin(t testing.TB, stem string) *scenario.Scenario {
	t.Helper()
	b, ok := scenarios.ByStem(stem)
	if !ok {
		t.Fatalf("no built-in scenario %q", stem)
	}
	return mustParse(t, b.File, b.Data)
}

// readCSV parses CSV output, dropping a leading byte order mark.
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v\n%s", err, data)
	}
	return rows
}

// TestScheduleCSVMatchesEngine parses every schedule back and compares each cell with
// the engine's value, and with the `run --format json` output of the same result.
func TestScheduleCSVMatchesEngine(t *testing.T) {
	for _, b := range scenarios.All() {
		s := mustParse(t, b.File, b.Data)
		q := mustRun(t, s)
		for _, r := range []*engine.Result{q, q.ByYear()} {
			for _, opt := range []CSVOptions{{}, {Labels: true, BOM: true}} {
				var out, js bytes.Buffer
				if err := WriteScheduleCSV(&out, r, opt); err != nil {
					t.Fatal(err)
				}
				if opt.BOM != bytes.HasPrefix(out.Bytes(), []byte("\uFEFF")) {
					t.Errorf("%s: BOM %v, output starts %q", b.Stem, opt.BOM, out.Bytes()[:3])
				}
				rows := readCSV(t, out.Bytes())
				if err := WriteJSON(&js, r); err != nil {
					t.Fatal(err)
				}
				var doc struct {
					Periods []string            `json:"periods"`
					Series  map[string][]string `json:"series"`
				}
				if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
					t.Fatal(err)
				}
				head := 1
				if opt.Labels {
					head = 2
					for i, sr := range r.Series {
						if rows[1][i+1] != SafeCell(sr.Label) {
							t.Errorf("%s: label of column %d is %q, want %q", b.Stem, i+1, rows[1][i+1], sr.Label)
						}
					}
				}
				if got, want := len(rows), head+len(r.Periods); got != want {
					t.Fatalf("%s %s: %d rows, want %d", b.Stem, r.Period, got, want)
				}
				if got, want := len(rows[0]), len(r.Series)+1; got != want {
					t.Fatalf("%s: %d columns, want %d", b.Stem, got, want)
				}
				for i, sr := range r.Series {
					if rows[0][i+1] != sr.ID {
						t.Errorf("%s: header %q, want %q", b.Stem, rows[0][i+1], sr.ID)
					}
				}
				for p, period := range r.Periods {
					row := rows[head+p]
					if row[0] != period || row[0] != doc.Periods[p] {
						t.Errorf("%s: row %d is period %q, want %q", b.Stem, p, row[0], period)
					}
					for i, sr := range r.Series {
						cell := row[i+1]
						v, err := decimal.NewFromString(cell)
						if err != nil {
							t.Fatalf("%s %s %s: %q is not a number", b.Stem, sr.ID, period, cell)
						}
						if !v.Equal(sr.Values[p].Round(2)) {
							t.Errorf("%s %s %s: CSV %s, engine %s", b.Stem, sr.ID, period, cell, sr.Values[p])
						}
						if cell != doc.Series[sr.ID][p] {
							t.Errorf("%s %s %s: CSV %s, JSON %s", b.Stem, sr.ID, period, cell, doc.Series[sr.ID][p])
						}
						if strings.ContainsAny(cell, ", ") || strings.Count(cell, ".") != 1 || len(cell)-strings.IndexByte(cell, '.') != 3 {
							t.Errorf("%s: %q is not an amount with two decimals and no separators", b.Stem, cell)
						}
					}
				}
			}
		}
	}
}

func TestSummaryCSVMatchesEngine(t *testing.T) {
	s := builtin(t, "briefing")
	r := mustRun(t, s)
	var out bytes.Buffer
	if err := WriteSummaryCSV(&out, r, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out.Bytes())
	if got, want := rows[0], []string{"id", "label", "value"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("header %q, want %q", got, want)
	}
	if len(rows) != len(r.Summary)+1 {
		t.Fatalf("%d rows, want %d", len(rows), len(r.Summary)+1)
	}
	for i := range r.Summary {
		m := &r.Summary[i]
		row := rows[i+1]
		if row[0] != m.ID || row[1] != m.Label {
			t.Errorf("row %d: %q, want %s / %s", i, row, m.ID, m.Label)
		}
		switch {
		case m.Kind == engine.Amount:
			if row[2] != money.Cents(m.Amount) {
				t.Errorf("%s: %s, want %s", m.ID, row[2], money.Cents(m.Amount))
			}
		case m.Kind == engine.QuarterValue && m.Null:
			if row[2] != "" {
				t.Errorf("%s: %q, want empty", m.ID, row[2])
			}
		default:
			if row[2] != MetricText(m) {
				t.Errorf("%s: %q, want %q", m.ID, row[2], MetricText(m))
			}
		}
	}
}

// hostile is a scenario whose every name tries to smuggle a formula into a
// spreadsheet: the scenario, a party, a stream, a contract label and the sources.
const hostile = `version: 1
name: '=HYPERLINK("http://x","y")'
start: 2025Q1
end: 2026Q4
streams:
  rev:
    label: "-2+3 revenue"
    annual: {2025: 10B, 2026: 20B}
    source: "@SUM(A1:A9)"
contracts:
  share:
    type: revenue_share
    label: "+cmd|' /C calc'!A0"
    payer: "+cmd"
    payee: "=1+1"
    base: rev
    rate: 20%
    cap: 5B
    source: "=cmd"
  pay:
    type: payment
    label: "@payment"
    payer: "-dash"
    payee: "+cmd"
    schedule: {2025Q2: 1B}
  stake:
    type: equity
    label: "\tTab =stake"
    holder: "=Holder"
    stake: 10%
    valuation: {amount: 100B, at: 2025Q1}
`

// formulaStart says whether a spreadsheet would read the cell as a formula.
func formulaStart(cell string) bool {
	return cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0]))
}

// TestCSVFormulaInjection checks that no cell of any CSV starts a formula, while
// negative amounts stay plain numbers.
func TestCSVFormulaInjection(t *testing.T) {
	s := mustParse(t, "hostile.yaml", []byte(hostile))
	q := mustRun(t, s)
	negatives := 0
	for _, r := range []*engine.Result{q, q.ByYear()} {
		for _, opt := range []CSVOptions{{}, {Labels: true}, {Labels: true, BOM: true}} {
			for name, write := range map[string]func(*bytes.Buffer) error{
				"schedule": func(b *bytes.Buffer) error { return WriteScheduleCSV(b, r, opt) },
				"summary":  func(b *bytes.Buffer) error { return WriteSummaryCSV(b, r, opt) },
			} {
				var out bytes.Buffer
				if err := write(&out); err != nil {
					t.Fatal(err)
				}
				for i, row := range readCSV(t, out.Bytes()) {
					for j, cell := range row {
						if !formulaStart(cell) {
							continue
						}
						if _, err := decimal.NewFromString(cell); err != nil {
							t.Errorf("%s %s row %d col %d: %q starts a formula", name, r.Period, i, j, cell)
						}
						negatives++
					}
				}
			}
		}
	}
	if negatives == 0 {
		t.Error("no negative amount was written: the test does not cover numbers that start with '-'")
	}
	// The party's columns are there, and their header cells do not start a formula.
	var out bytes.Buffer
	if err := WriteScheduleCSV(&out, q, CSVOptions{Labels: true}); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out.Bytes())
	if !strings.HasPrefix(rows[1][0], "'=HYPERLINK") {
		t.Errorf("scenario name cell %q is not neutralised", rows[1][0])
	}
	col := -1
	for j, h := range rows[0] {
		if h == "party.+cmd.net" {
			col = j
		}
	}
	if col < 0 {
		t.Fatalf("no party.+cmd.net column in %q", rows[0])
	}
	if got := rows[1][col]; got != "'+cmd — net" {
		t.Errorf("label of party.+cmd.net is %q", got)
	}
	if v := rows[2][col]; !strings.HasPrefix(v, "-") {
		t.Errorf("+cmd pays in the first quarter, its net %q should be a negative number", v)
	}
}

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"":               "",
		"plain":          "plain",
		"=1+1":           "'=1+1",
		"+cmd":           "'+cmd",
		"-2":             "'-2",
		"@SUM(A1)":       "'@SUM(A1)",
		"\tx":            "'\tx",
		"\rx":            "'\rx",
		"＝1+1":           "'＝1+1",
		"＋cmd":           "'＋cmd",
		"－1":             "'－1",
		"＠x":             "'＠x",
		"party.+cmd.net": "party.+cmd.net",
		"a=b":            "a=b",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
