package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/engine"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/sim"
)

// fixedNow is the generation time of every test briefing, so output is repeatable.
var fixedNow = time.Date(2026, 5, 12, 14, 3, 0, 0, time.UTC)

// requireTool finds a poppler tool. The tests read the PDF back as a reader would,
// so a missing tool is a failure of the test machine, never a silent skip.
func requireTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: install poppler-utils (apt-get install poppler-utils) to run the PDF tests", name)
	}
	return p
}

// mustPDF writes the briefing or fails the test.
func mustPDF(t testing.TB, b *Briefing) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := WritePDF(&out, b); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	if !bytes.HasPrefix(out.Bytes(), []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", out.Bytes()[:min(20, out.Len())])
	}
	return out.Bytes()
}

// pdfText extracts the text of each page with pdftotext.
func pdfText(t testing.TB, pdf []byte) []string {
	t.Helper()
	tool := requireTool(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "b.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

var spaces = regexp.MustCompile(`\s+`)

// flat joins wrapped lines, so that a sentence broken over lines still matches.
func flat(s string) string { return spaces.ReplaceAllString(s, " ") }

func briefingOf(t testing.TB, stem string) *Briefing {
	s := builtin(t, stem)
	return &Briefing{Scenario: s, Result: mustRun(t, s), Revision: "r7", Now: fixedNow}
}

func TestBriefingPDFText(t *testing.T) {
	b := briefingOf(t, "briefing")
	pages := pdfText(t, mustPDF(t, b))
	all := flat(strings.Join(pages, " "))
	s, r := b.Scenario, b.Result

	want := []string{
		s.Name,
		"Saved version 7",
		"12 May 2026, 14:03 UTC",
		"2025Q1–2032Q4", // a non-Latin-1 character survives the embedded font
		"In brief", "Key figures", "Charts", "Deal terms", "Schedule by year", "Assumptions", "Sources",
		"Cap binds 2029Q2",
		"Compute spend by provider",
		"Net flows by party",
		"Stake value",
	}
	// Key figures.
	for _, id := range []string{"contract.msft_revshare.total_paid", "total.commitments.committed", "contract.msft_stake.value_at_end"} {
		m := r.MetricByID(id)
		if m == nil {
			t.Fatalf("no metric %s", id)
		}
		want = append(want, money.Short(m.Amount))
	}
	// Every source, of streams, contracts and uncertain inputs.
	for _, st := range s.Streams {
		want = append(want, st.Sources...)
	}
	for _, c := range s.Contracts {
		want = append(want, c.Sources...)
	}
	for _, in := range s.Uncertainty.Inputs {
		want = append(want, in.Sources...)
	}
	// Every input's value, as the format writes it.
	for _, f := range s.Fields() {
		want = append(want, scenario.FormatValue(f.Kind, f.Value))
	}
	for _, w := range want {
		if !strings.Contains(all, flat(w)) {
			t.Errorf("the PDF text lacks %q", w)
		}
	}
	if strings.Contains(all, "Uncertainty ") && strings.Contains(all, "simulated runs") {
		t.Error("the uncertainty section is there without simulation results")
	}

	// Pages: numbered, none empty, none but the first without its running header.
	n := len(pages)
	if n < 5 || n > 14 {
		t.Errorf("%d pages: a briefing of this scenario should take 5 to 14", n)
	}
	for i, p := range pages {
		if !strings.Contains(p, "Page "+itoa(i+1)+" of "+itoa(n)) {
			t.Errorf("page %d has no page number of %d", i+1, n)
		}
		body := strings.ReplaceAll(flat(p), flat(s.Name), "")
		if len(strings.TrimSpace(body)) < 200 {
			t.Errorf("page %d is nearly empty: %q", i+1, body)
		}
	}
}

func itoa(i int) string { return decimal.NewFromInt(int64(i)).String() }

// TestBriefingPDFVector checks the charts are vector drawings: with compression off
// the content streams show rectangles and line paths by the hundred, and there is no
// image at all.
func TestBriefingPDFVector(t *testing.T) {
	b := briefingOf(t, "briefing")
	b.uncompressed = true
	pdf := mustPDF(t, b)
	if bytes.Contains(pdf, []byte("/Subtype /Image")) {
		t.Error("the PDF holds an image: charts must be vector")
	}
	rects := regexp.MustCompile(`(?m) re (f|S|B)\b`).FindAll(pdf, -1)
	lines := regexp.MustCompile(`(?m) l\b`).FindAll(pdf, -1)
	paths := regexp.MustCompile(`(?m)\bS\s*$`).FindAll(pdf, -1)
	if len(rects) < 150 || len(lines) < 150 || len(paths) < 50 {
		t.Errorf("%d rectangles, %d line segments, %d stroked paths: the charts are missing", len(rects), len(lines), len(paths))
	}
	// Fonts are embedded TrueType subsets, no core font.
	if !bytes.Contains(pdf, []byte("/FontFile2")) {
		t.Error("no embedded TrueType font")
	}
	if bytes.Contains(pdf, []byte("/BaseFont /Helvetica")) {
		t.Error("a core font is used: it cannot show every character")
	}
}

func TestBriefingPDFDeterministic(t *testing.T) {
	b := briefingOf(t, "briefing")
	first := mustPDF(t, b)
	second := mustPDF(t, briefingOf(t, "briefing"))
	if !bytes.Equal(first, second) {
		t.Error("two briefings of the same input differ")
	}
	b.Now = fixedNow.Add(time.Minute)
	if bytes.Equal(first, mustPDF(t, b)) {
		t.Error("the generation time does not show in the PDF")
	}
}

func TestBriefingPDFPaper(t *testing.T) {
	for _, tc := range []struct {
		paper     Paper
		landscape bool
		box       string
	}{
		{A4, false, "595.28 841.89"},
		{Letter, false, "612.00 792.00"},
		{A4, true, "841.89 595.28"},
		{Letter, true, "792.00 612.00"},
	} {
		b := briefingOf(t, "briefing")
		b.Paper, b.Landscape, b.uncompressed = tc.paper, tc.landscape, true
		pdf := mustPDF(t, b)
		if !bytes.Contains(pdf, []byte("/MediaBox [0 0 "+tc.box+"]")) {
			t.Errorf("%s landscape=%v: no page of %s pt", tc.paper, tc.landscape, tc.box)
		}
		pages := pdfText(t, pdf)
		for i, p := range pages {
			if len(strings.TrimSpace(p)) < 200 {
				t.Errorf("%s landscape=%v: page %d is nearly empty", tc.paper, tc.landscape, i+1)
			}
		}
	}
	if err := WritePDF(&bytes.Buffer{}, &Briefing{Scenario: builtin(t, "compute"), Paper: "a3"}); err == nil {
		t.Error("paper a3 was accepted")
	}
}

// TestBriefingPDFUnicode writes names in several scripts and symbols that the
// core PDF fonts cannot show.
func TestBriefingPDFUnicode(t *testing.T) {
	const y = `version: 1
name: "Ñandú & Søn — Zürich ≥ €5B, Ελλάδα, Москва"
start: 2025Q1
end: 2027Q4
streams:
  rev:
    label: "Umsatz Müller"
    annual: {2025: 1B}
    growth: {2026: 10%}
    source: "Bericht „Ökonomie“ – S. 3"
contracts:
  share:
    type: revenue_share
    label: "Redevance à Société Générale"
    payer: "Müller AG"
    payee: "Société Générale"
    base: rev
    rate: 5%
`
	s := mustParse(t, "unicode.yaml", []byte(y))
	all := flat(strings.Join(pdfText(t, mustPDF(t, &Briefing{Scenario: s, Now: fixedNow})), " "))
	for _, w := range []string{s.Name, "Umsatz Müller", "Bericht „Ökonomie“ – S. 3", "Société Générale", "Müller AG"} {
		if !strings.Contains(all, w) {
			t.Errorf("the PDF text lacks %q", w)
		}
	}
}

func TestBriefingPDFComparison(t *testing.T) {
	b := briefingOf(t, "microsoft-cap")
	for _, stem := range []string{"microsoft-cap-high", "microsoft-cap-low", "microsoft-no-cap"} {
		b.Compare = append(b.Compare, Alternative{Scenario: builtin(t, stem), Revision: "r1"})
	}
	all := flat(strings.Join(pdfText(t, mustPDF(t, b)), " "))
	// pdftotext drops the thin spaces of a narrow column header: "B−A".
	if squeezed := strings.ReplaceAll(all, " ", ""); !strings.Contains(squeezed, "B−A") || !strings.Contains(squeezed, "D−A") {
		t.Error("the comparison lacks the difference columns B − A and D − A")
	}
	want := []string{"Comparison", "cumulative payments"}
	for _, a := range b.Compare {
		want = append(want, a.Scenario.Name)
	}
	// A cap-hit quarter that moves shows as quarters apart.
	hi := mustRun(t, b.Compare[0].Scenario).MetricByID("contract.msft_revshare.cap_hit")
	lo := b.Result.MetricByID("contract.msft_revshare.cap_hit")
	if hi != nil && lo != nil && !hi.Null && !lo.Null && hi.Quarter != lo.Quarter {
		want = append(want, metricDelta(lo, hi))
	}
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("the comparison lacks %q", w)
		}
	}
	// Without alternatives there is no comparison section.
	plain := flat(strings.Join(pdfText(t, mustPDF(t, briefingOf(t, "microsoft-cap"))), " "))
	if strings.Contains(plain, "Comparison") {
		t.Error("a comparison section without scenarios to compare")
	}
}

// The briefing set against a scenario without its compute deals: the comparison
// warns that party totals compare different deals and names them, lists the
// figures only the briefing has apart (with gigawatts as gigawatts), spends no
// cell on "n/a", and its legends name the scenarios.
func TestBriefingPDFComparisonOfDifferentContracts(t *testing.T) {
	b := briefingOf(t, "briefing")
	high := builtin(t, "microsoft-cap-high")
	b.Compare = append(b.Compare, Alternative{Scenario: high, Revision: "r1"})
	pages := pdfText(t, mustPDF(t, b))
	var cmp []string
	for _, p := range pages {
		if strings.Contains(p, "Comparison") || len(cmp) > 0 && !strings.Contains(p, "Uncertainty") && !strings.Contains(p, "Deal terms") {
			cmp = append(cmp, p)
		}
		if len(cmp) > 0 && (strings.Contains(p, "Uncertainty") || strings.Contains(p, "Deal terms")) {
			break
		}
	}
	all := flat(strings.Join(cmp, " "))
	for _, w := range []string{
		"These scenarios do not hold the same contracts, so party totals compare different deals.",
		"Only in \u201c" + b.Scenario.Name + "\u201d: AWS compute",
		"Figures one scenario alone has",
		"A. Only in " + b.Scenario.Name,
		"peak gigawatts in service 4.5 GW",
		"A: " + b.Scenario.Name,
		"B: " + high.Name,
	} {
		if !strings.Contains(all, w) {
			t.Errorf("the comparison lacks %q", w)
		}
	}
	if strings.Contains(all, "n/a") {
		t.Errorf("the comparison still prints n/a: %s", all)
	}
	if len(cmp) > 4 {
		t.Errorf("the comparison takes %d pages", len(cmp))
	}
}

func TestBriefingPDFUncertainty(t *testing.T) {
	b := briefingOf(t, "microsoft-cap")
	periods := b.Result.Periods
	p10, p50, p90 := make([]float64, len(periods)), make([]float64, len(periods)), make([]float64, len(periods))
	for i := range periods {
		p50[i] = float64(i) * 1e9
		p10[i], p90[i] = p50[i]*0.7, p50[i]*1.4
	}
	b.Uncertainty = &Uncertainty{
		Runs: 10000, Seed: 42,
		Metrics: []MetricRange{{Label: "Revenue share to Microsoft: total paid", P10: 30e9, P50: 38e9, P90: 38e9}},
		Caps:    []CapRange{{Label: "Revenue share to Microsoft", P10: "2028Q3", P50: "2029Q2", P90: ""}},
		Fans:    []Fan{{Title: "Cumulative payments, P10 to P90", Periods: periods, P10: p10, P50: p50, P90: p90}},
		Tornado: &Tornado{
			Title: "total paid",
			Base:  decimal.RequireFromString("38e9"),
			Bars: []Swing{
				{Input: "Cap", Low: decimal.RequireFromString("26e9"), High: decimal.RequireFromString("60e9")},
				{Input: "Rate", Low: decimal.RequireFromString("30e9"), High: decimal.RequireFromString("38e9")},
			},
			Omitted: 37,
		},
	}
	all := flat(strings.Join(pdfText(t, mustPDF(t, b)), " "))
	for _, w := range []string{"Uncertainty", "10,000 simulated runs", "the random seed is 42", "$30.00B", "2028Q3", "not reached", "Cumulative payments, P10 to P90", "P10 to P90", "Tornado: total paid", "Input at its high end", "37 more inputs, which move it least, are omitted."} {
		if !strings.Contains(all, w) {
			t.Errorf("the uncertainty section lacks %q", w)
		}
	}
}

func TestBriefingPDFEveryBuiltin(t *testing.T) {
	for _, stem := range []string{"compute", "microsoft-cap", "microsoft-no-cap", "valuation", "valuation-multiple"} {
		b := briefingOf(t, stem)
		b.Period = engine.Yearly
		pages := pdfText(t, mustPDF(t, b))
		for i, p := range pages {
			if len(strings.TrimSpace(p)) < 200 {
				t.Errorf("%s: page %d is nearly empty", stem, i+1)
			}
		}
	}
}

func TestBriefingRejects(t *testing.T) {
	s := builtin(t, "compute")
	for name, b := range map[string]*Briefing{
		"nil scenario":     {},
		"bad period":       {Scenario: s, Period: "month"},
		"yearly result":    {Scenario: s, Result: mustRun(t, s).ByYear()},
		"nil alternative":  {Scenario: s, Compare: []Alternative{{}}},
		"bad paper":        {Scenario: s, Paper: "legal"},
		"invalid scenario": {Scenario: &scenario.Scenario{Name: "x", Start: 8, End: 4}},
	} {
		var out bytes.Buffer
		if err := WritePDF(&out, b); err == nil {
			t.Errorf("%s: no error", name)
		} else if out.Len() > 0 {
			t.Errorf("%s: %d bytes written despite the error", name, out.Len())
		}
	}
}

// BenchmarkBriefingPDF writes the combined briefing scenario's PDF. The budget is 3 s.
func BenchmarkBriefingPDF(b *testing.B) {
	s := builtin(b, "briefing")
	for b.Loop() {
		var out bytes.Buffer
		if err := WritePDF(&out, &Briefing{Scenario: s, Now: fixedNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// A v2 revenue share whose cap arrives and changes by dated changes: the briefing
// draws what counts toward the cap from cap_from and says from when it counts.
func TestBriefingPDFV2Caps(t *testing.T) {
	path := filepath.Join("..", "..", "app", "cli", "testdata", "v2", "revshare.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := mustParse(t, path, data)
	all := flat(strings.Join(pdfText(t, mustPDF(t, &Briefing{Scenario: s, Result: mustRun(t, s), Revision: "r1", Now: fixedNow})), " "))
	for _, w := range []string{"Counted toward the cap from 2025Q3", "Cap in force", "Payments count toward the cap from 2025Q4", "Cap binds 2026Q3"} {
		if !strings.Contains(all, w) {
			t.Errorf("the briefing lacks %q", w)
		}
	}
}

// TestBriefingPDFCapOddsAndHistogram simulates the briefing as the app and the
// command line do and checks the uncertainty section of its PDF: the cap-odds row
// for every year, the year the cap binds as written, the histogram of the headline
// figure, and no seed before the section's method note.
func TestBriefingPDFCapOddsAndHistogram(t *testing.T) {
	b := briefingOf(t, "briefing")
	m, err := sim.Compile(b.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	metric := "" // what the cap saves, the briefings' headline
	for _, c := range b.Scenario.Contracts {
		if c.Enabled && contract.Share(&c).Cap != nil {
			metric = "contract." + c.ID + ".cap_savings"
			break
		}
	}
	seed := int64(42)
	o, err := m.Simulate(context.Background(), sim.Options{Runs: 2000, Seed: &seed, Metric: metric})
	if err != nil {
		t.Fatal(err)
	}
	b.Uncertainty = UncertaintyFrom(o, nil, m.Written(o))
	if b.Uncertainty.Histogram == nil || !b.Uncertainty.Histogram.HasWritten {
		t.Fatalf("no histogram with its as-written value: %+v", b.Uncertainty.Histogram)
	}
	all := flat(strings.Join(pdfText(t, mustPDF(t, b)), " "))
	var odds []string
	for _, y := range o.CapBinding[0].ByYear {
		odds = append(odds, percent(y.P))
	}
	var years []string
	for _, y := range o.CapBinding[0].ByYear {
		years = append(years, strconv.Itoa(y.Year))
	}
	for _, w := range []string{
		"When the cap binds: Revenue share to Microsoft",
		"By the end of " + strings.Join(years, " "),
		"Share of runs " + strings.Join(odds, " "),
		"As written, the cap binds in 2029Q2",
		"Histogram: Revenue share to Microsoft: paid less because of the cap",
		"As written, $70.64B",
		// The fans carry the scenario as written and, on the capped contract's
		// cumulative payments, the cap's level, as the window's fans do.
		"Median As written P10 to P90",
		"Cap binds at $41.76B",
		"The dashed line is the scenario as written. Payments stop at the cap's level.",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("the uncertainty section lacks %q", w)
		}
	}
	method := strings.Index(all, "Method: Monte Carlo simulation, 2,000 runs")
	if method < 0 {
		t.Fatal("no method note")
	}
	if i := strings.Index(strings.ToLower(all), "seed"); i < method {
		t.Errorf("the seed is named before the method note, at %q", all[max(0, i-60):i+10])
	}
	// Jargon stays in the method note: the assumptions appendix names no seed.
	if n := strings.Count(strings.ToLower(all), "seed"); n != 1 {
		t.Errorf("the seed is named %d times, want once (the method note)", n)
	}
}
