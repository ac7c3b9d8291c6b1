package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"dealmodel/backend/engine"
)

// separatorHostile hides formulas behind every separator a spreadsheet may split
// on: after ';' (Excel's default in many locales), after a TAB, after ',' inside a
// quoted cell, after a line break, and after spaces.
const separatorHostile = `version: 1
name: 'Acme;=HYPERLINK("http://evil.example/","x")'
start: 2025Q1
end: 2026Q4
streams:
  rev:
    label: "Revenue\t=1+1"
    annual: {2025: 10B, 2026: 20B}
contracts:
  share:
    type: revenue_share
    label: "Share, @SUM(A1:A9); -2+3"
    payer: "Open;  +cmd"
    payee: "Micro;=soft"
    base: rev
    rate: 20%
  pay:
    type: payment
    label: "Line\n=1+2"
    payer: "A,=B"
    payee: "C"
    schedule: {2025Q2: 1B}
`

// csvOutputs are every CSV the exports write of a scenario.
func csvOutputs(t *testing.T, s string) map[string][]byte {
	t.Helper()
	q := mustRun(t, mustParse(t, "h.yaml", []byte(s)))
	out := map[string][]byte{}
	for _, r := range []*engine.Result{q, q.ByYear()} {
		var sched, sum bytes.Buffer
		if err := WriteScheduleCSV(&sched, r, CSVOptions{Labels: true}); err != nil {
			t.Fatal(err)
		}
		if err := WriteSummaryCSV(&sum, r, CSVOptions{Labels: true}); err != nil {
			t.Fatal(err)
		}
		out["schedule-"+string(r.Period)] = sched.Bytes()
		out["summary-"+string(r.Period)] = sum.Bytes()
	}
	return out
}

// Read with ',', ';' or TAB as the separator, as a spreadsheet would (a quote
// counts only at the start of a field), no field of any CSV starts a formula;
// and with ',' every cell reads back whole.
func TestCSVHasNoFormulaWithAnySeparator(t *testing.T) {
	for name, data := range csvOutputs(t, separatorHostile) {
		for _, sep := range []rune{',', ';', '\t'} {
			r := csv.NewReader(bytes.NewReader(data))
			r.Comma, r.LazyQuotes, r.FieldsPerRecord = sep, true, -1
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s with %q: %v", name, sep, err)
			}
			for i, row := range rows {
				for j, cell := range row {
					c := strings.TrimLeft(cell, " ")
					if c == "" || !strings.ContainsRune("=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20", []rune(c)[0]) {
						continue
					}
					if _, err := decimal.NewFromString(c); err != nil {
						t.Errorf("%s with %q as separator: row %d field %d %q starts a formula", name, sep, i, j, cell)
					}
				}
			}
		}
		if !bytes.Contains(data, []byte(`"Acme;'=HYPERLINK(""http://evil.example/"",""x"")"`)) && strings.HasPrefix(name, "schedule") {
			t.Errorf("%s: the scenario's name is not quoted and neutralised:\n%s", name, data)
		}
	}
}

func TestSafeCellAfterSeparators(t *testing.T) {
	for in, want := range map[string]string{
		"Acme":             "Acme",
		"=1":               "'=1",
		"Acme;=1":          "Acme;'=1",
		"a,  +1":           "a,  '+1",
		"x\t@y":            "x\t'@y",
		"line\n-2":         "line\n'-2",
		"a - b; c = d":     "a - b; c = d",
		"\uFF1Dfull":       "'\uFF1Dfull",
		"Deal 🚀; ok":       "Deal 🚀; ok",
		"":                 "",
		"ends with ;":      "ends with ;",
		"two;;=separators": "two;;'=separators",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
