package scenario

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

const minimal = `version: 1
name: "Minimal"
start: 2025Q1
end: 2026Q4
streams:
  rev:
    annual: {2025: 100, 2026: 200}
contracts:
  share:
    type: revenue_share
    payer: A
    payee: B
    base: rev
    rate: 20%
    cap: 50
`

func mustParse(t *testing.T, name, src string) *Scenario {
	t.Helper()
	s, err := Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return s
}

func parseErrors(t *testing.T, name, src string) []*Error {
	t.Helper()
	_, err := Parse(name, []byte(src))
	if err == nil {
		t.Fatalf("Parse accepted:\n%s", src)
	}
	var el *ErrorList
	if !errors.As(err, &el) {
		t.Fatalf("error is %T, want *ErrorList: %v", err, err)
	}
	return el.Errors
}

func TestParseMinimal(t *testing.T) {
	s := mustParse(t, "m.yaml", minimal)
	if s.Name != "Minimal" || s.Start != NewQuarter(2025, 1) || s.End != NewQuarter(2026, 4) {
		t.Fatalf("header: %+v", s)
	}
	c := s.Contract("share")
	if c == nil || c.Type != "revenue_share" || !fieldValue(t, s, "contracts.share.rate").Equal(decimal.RequireFromString("0.2")) || !fieldValue(t, s, "contracts.share.cap").Equal(decimal.NewFromInt(50)) {
		t.Fatalf("contract: %+v", c)
	}
	if c.From != s.Start || c.Until != s.End || c.FromSet || c.UntilSet || !c.Enabled {
		t.Fatalf("defaults not applied: %+v", c)
	}
}

func TestParseJSONMatchesYAML(t *testing.T) {
	src := `{
  "version": 1, "name": "Minimal", "start": "2025Q1", "end": "2026Q4",
  "streams": {"rev": {"annual": {"2025": 100, "2026": 200}}},
  "contracts": {"share": {"type": "revenue_share", "payer": "A", "payee": "B",
    "base": "rev", "rate": "20%", "cap": 50}}
}`
	a := mustParse(t, "m.yaml", minimal)
	b := mustParse(t, "m.json", src)
	if string(Marshal(a)) != string(Marshal(b)) {
		t.Fatalf("JSON and YAML differ:\n%s\n---\n%s", Marshal(a), Marshal(b))
	}
}

func TestParseValues(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"13000000000", "13000000000"},
		{"13_000_000_000", "13000000000"},
		{"2.5", "2.5"},
		{"0.1", "0.1"},
		{`"50B"`, "50000000000"},
		{`"$1.5T"`, "1500000000000"},
		{`"250M"`, "250000000"},
		{`"$2.25k"`, "2250"},
		{"1e3", "1000"},
	}
	for _, c := range cases {
		src := strings.Replace(minimal, "cap: 50", "cap: "+c.in, 1)
		s := mustParse(t, "v.yaml", src)
		if got := fieldValue(t, s, "contracts.share.cap"); !got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("cap %s = %s, want %s", c.in, got, c.want)
		}
	}
	rates := map[string]string{"20%": "0.2", "0.2": "0.2", "12.5%": "0.125", `"7%"`: "0.07", "100%": "1"}
	for in, want := range rates {
		src := strings.Replace(minimal, "rate: 20%", "rate: "+in, 1)
		if got := fieldValue(t, mustParse(t, "r.yaml", src), "contracts.share.rate"); !got.Equal(decimal.RequireFromString(want)) {
			t.Errorf("rate %s = %s, want %s", in, got, want)
		}
	}
}

func TestParseQuarterDefaults(t *testing.T) {
	src := strings.Replace(minimal, "start: 2025Q1\nend: 2026Q4", "start: 2025\nend: 2026", 1)
	src = strings.Replace(src, "    cap: 50\n", "    cap: 50\n    from: 2025\n    until: 2026\n", 1)
	s := mustParse(t, "q.yaml", src)
	c := s.Contract("share")
	if s.Start != NewQuarter(2025, 1) || s.End != NewQuarter(2026, 4) || c.From != NewQuarter(2025, 1) || c.Until != NewQuarter(2026, 4) {
		t.Fatalf("bare years: start %s end %s from %s until %s", s.Start, s.End, c.From, c.Until)
	}
}

// Each malformed file is refused with an error at the right line, naming the key
// path and saying what would be valid.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name    string
		edit    func(string) string
		line    int
		path    string
		message string
	}{
		{"unknown key near miss", func(s string) string { return strings.Replace(s, "    cap: 50", "    capp: 50", 1) }, 15, "contracts.share.capp", `did you mean "cap"`},
		{"until typo", func(s string) string { return s + "    untill: 2026Q4\n" }, 16, "contracts.share.untill", `did you mean "until"`},
		{"key of another type", func(s string) string { return s + "    total: 5B\n" }, 16, "contracts.share.total", "does not apply to a revenue_share contract"},
		{"duplicate key", func(s string) string { return s + "    rate: 10%\n" }, 16, "contracts.share.rate", "duplicate key"},
		{"negative amount", func(s string) string { return strings.Replace(s, "cap: 50", "cap: -5", 1) }, 15, "contracts.share.cap", "negative"},
		{"rate above 100%", func(s string) string { return strings.Replace(s, "rate: 20%", "rate: 20", 1) }, 14, "contracts.share.rate", "did you mean 20%"},
		{"undefined base", func(s string) string { return strings.Replace(s, "base: rev", "base: revenue", 1) }, 13, "contracts.share.base", `there is no stream "revenue"`},
		{"cap below paid_before", func(s string) string { return s + "    paid_before: 60\n" }, 15, "contracts.share.cap", "below paid_before"},
		{"from after until", func(s string) string { return s + "    from: 2026Q3\n    until: 2026Q1\n" }, 16, "contracts.share.from", "after until"},
		{"end before start", func(s string) string { return strings.Replace(s, "end: 2026Q4", "end: 2024Q4", 1) }, 4, "end", "before start"},
		{"bad quarter", func(s string) string { return strings.Replace(s, "start: 2025Q1", "start: 2025Q5", 1) }, 3, "start", "not a quarter"},
		{"wrong type", func(s string) string { return strings.Replace(s, `name: "Minimal"`, "name: [a, b]", 1) }, 2, "name", "expected text"},
		{"unknown type", func(s string) string { return strings.Replace(s, "type: revenue_share", "type: revenue_shares", 1) }, 10, "contracts.share.type", `did you mean "revenue_share"`},
		{"bad id", func(s string) string { return strings.Replace(s, "  share:", "  Share:", 1) }, 9, "contracts.Share", "not a valid contract id"},
		{"missing version", func(s string) string { return strings.Replace(s, "version: 1\n", "", 1) }, 1, "version", "missing"},
		{"wrong version", func(s string) string { return strings.Replace(s, "version: 1", "version: 3", 1) }, 1, "version", "format versions 1 and 2"},
		{"v2 key in a v1 file", func(s string) string {
			return strings.Replace(s, "annual: {2025: 100, 2026: 200}", "annual: {2025: 100, 2026: 200}\n    actuals: {2025Q1: 30}", 1)
		}, 8, "streams.rev.actuals", "write version: 2 at the top"},
		{"annual gap", func(s string) string {
			return strings.Replace(s, "annual: {2025: 100, 2026: 200}", "annual: {2025: 100, 2027: 200}", 1)
		}, 7, "streams.rev.annual.2027", "missing between"},
		{"no growth", func(s string) string { return strings.Replace(s, "end: 2026Q4", "end: 2027Q4", 1) }, 6, "streams.rev.growth", "no growth rate applies to 2027"},
		{"no annual", func(s string) string {
			return strings.Replace(s, "    annual: {2025: 100, 2026: 200}\n", "    label: Revenue\n", 1)
		}, 6, "streams.rev.annual", "has no annual amount"},
		{"tabs", func(s string) string { return strings.Replace(s, "  rev:", "\trev:", 1) }, 6, "", "not valid YAML"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			errs := parseErrors(t, "case.yaml", c.edit(minimal))
			for _, e := range errs {
				if strings.Contains(e.Msg, c.message) {
					if e.Line != c.line || (c.path != "" && e.Path != c.path) || e.File != "case.yaml" {
						t.Fatalf("error %q at line %d path %q, want line %d path %q", e.Error(), e.Line, e.Path, c.line, c.path)
					}
					return
				}
			}
			t.Fatalf("no error containing %q; got:\n%v", c.message, (&ErrorList{Errors: errs}).Error())
		})
	}
}

// All problems of a file are reported together, each with its own line: type errors
// and the rules across fields alike.
func TestParseReportsAllErrors(t *testing.T) {
	src := strings.NewReplacer("cap: 50", "cap: -5", "rate: 20%", "rate: 300%", "payee: B", "payee: A", "start: 2025Q1", "start: 2025Q1\nbogus: 1").Replace(minimal)
	errs := parseErrors(t, "many.yaml", src)
	lines := map[string]int{}
	for _, e := range errs {
		lines[e.Path] = e.Line
	}
	want := map[string]int{"bogus": 4, "contracts.share.payee": 13, "contracts.share.rate": 15, "contracts.share.cap": 16}
	for p, l := range want {
		if lines[p] != l {
			t.Errorf("error at %s: line %d, want %d; got %v", p, lines[p], l, (&ErrorList{Errors: errs}).Error())
		}
	}
}

// A value that did not decode silences the rules of its own contract, which would
// only echo it, but not those of others.
func TestParseDoesNotEchoDecodingErrors(t *testing.T) {
	src := strings.Replace(minimal, "base: rev", "base: [rev]", 1) + `  other:
    type: payment
    payer: A
    payee: A
    schedule: {2025Q1: 5}
`
	errs := parseErrors(t, "echo.yaml", src)
	if len(errs) != 2 || errs[0].Path != "contracts.share.base" || errs[1].Path != "contracts.other.payee" {
		t.Fatalf("got %v", (&ErrorList{Errors: errs}).Error())
	}
	// Without a horizon nothing else is checked.
	errs = parseErrors(t, "nohorizon.yaml", strings.Replace(minimal, "start: 2025Q1", "start: soon", 1))
	if len(errs) != 1 || errs[0].Path != "start" {
		t.Fatalf("got %v", (&ErrorList{Errors: errs}).Error())
	}
}

func TestParseCapsErrorCount(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal)
	for i := range 30 {
		b.WriteString("    bad")
		b.WriteString(strings.Repeat("x", i+1))
		b.WriteString(": 1\n")
	}
	_, err := Parse("many.yaml", []byte(b.String()))
	var el *ErrorList
	if !errors.As(err, &el) || len(el.Errors) != MaxErrors || el.Omitted != 10 {
		t.Fatalf("want %d errors and 10 omitted, got %v", MaxErrors, err)
	}
	if !strings.Contains(el.Error(), "and 10 more errors") {
		t.Fatalf("message does not count the rest: %s", el.Error())
	}
}

func TestParseJSONErrorsHavePositions(t *testing.T) {
	errs := parseErrors(t, "bad.json", "{\n  \"version\": 1,\n  \"name\": \"x\",\n  \"start\": \"2025Q1\",\n  \"end\": \"2026Q4\",\n  \"nmae\": 3\n}")
	if errs[0].Line != 6 || errs[0].Col != 3 || !strings.Contains(errs[0].Msg, `did you mean "name"`) {
		t.Fatalf("got %v", errs[0])
	}
	errs = parseErrors(t, "bad.json", "{\n  \"version\": 1,\n  \"name\": \"x\"\n  \"start\": 1\n}")
	if errs[0].Line != 4 || !strings.Contains(errs[0].Msg, "not valid JSON") {
		t.Fatalf("syntax error position: %v", errs[0])
	}
}

func TestParseUncertainty(t *testing.T) {
	src := minimal + `uncertainty:
  runs: 500
  seed: 7
  inputs:
    contracts.share.cap: {dist: triangular, low: 25, mode: 38, high: 92, source: "a guess"}
    contracts.share.rate: {dist: normal, mean: 20%, sd: 5%}
`
	s := mustParse(t, "u.yaml", src)
	u := s.Uncertainty
	if u.Runs != 500 || u.Seed != 7 || !u.SeedSet || len(u.Inputs) != 2 {
		t.Fatalf("uncertainty: %+v", u)
	}
	if v, _ := u.Inputs[1].Get("sd"); !v.Equal(decimal.RequireFromString("0.05")) {
		t.Fatalf("sd = %s", v)
	}
	bad := []struct{ input, msg string }{
		{"contracts.share.capp: {dist: uniform, low: 1, high: 2}", "not a numeric field"},
		{"contracts.nope.cap: {dist: uniform, low: 1, high: 2}", `there is no contract "nope"`},
		{"contracts.share.cap: {dist: uniform, low: 3, high: 2}", "low < high"},
		{"contracts.share.cap: {dist: triangle, low: 1, mode: 2, high: 3}", `did you mean "triangular"`},
		{"contracts.share.rate: {dist: uniform, low: 10%, high: 120%}", "outside the field's range"},
		{"contracts.share.cap: {dist: lognormal, p10: 10, p90: 20, mu: 1, sigma: 1}", "not both"},
		{"contracts.share.cap: {dist: normal, mean: 10}", "needs mean, sd"},
	}
	for _, b := range bad {
		src := minimal + "uncertainty:\n  inputs:\n    " + b.input + "\n"
		errs := parseErrors(t, "u.yaml", src)
		if !strings.Contains(errs[0].Msg, b.msg) || errs[0].Line != 18 {
			t.Errorf("%s: got %v, want %q at line 18", b.input, errs[0], b.msg)
		}
	}
}

func TestMarshalIsExactAndReadable(t *testing.T) {
	src := strings.Replace(minimal, "cap: 50", `cap: "13.123456789B"`, 1)
	src = strings.Replace(src, `name: "Minimal"`, "name: \"Quotes \\\" and — dashes\"\ndescription: \"Two\\nlines\"", 1)
	s := mustParse(t, "e.yaml", src)
	out := string(Marshal(s))
	for _, want := range []string{"cap: 13.123456789B", "rate: 20%", "description: |-\n  Two\n  lines\n", `name: "Quotes \" and — dashes"`} {
		if !strings.Contains(out, want) {
			t.Errorf("canonical output lacks %q:\n%s", want, out)
		}
	}
	back := mustParse(t, "back.yaml", out)
	if back.Name != s.Name || back.Description != s.Description || !fieldValue(t, back, "contracts.share.cap").Equal(fieldValue(t, s, "contracts.share.cap")) {
		t.Fatalf("round trip changed values:\n%s", out)
	}
}

func TestValidateAfterSet(t *testing.T) {
	s := mustParse(t, "m.yaml", minimal)
	if err := s.Set("contracts.share.cap", decimal.NewFromInt(-1)); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Fatalf("Set accepted a negative cap: %v", err)
	}
	if err := s.Set("contracts.share.paid_before", decimal.NewFromInt(80)); err != nil {
		t.Fatal(err)
	}
	err := s.Validate()
	if err == nil || !strings.Contains(err.Error(), "contracts.share.cap: the cap (80) is below paid_before") && !strings.Contains(err.Error(), "below paid_before") {
		t.Fatalf("Validate: %v", err)
	}
	if _, ok := s.Field("contracts.share.rate"); !ok {
		t.Fatal("rate field missing")
	}
	if err := s.Set("streams.rev.annual.2030", decimal.NewFromInt(1)); err == nil {
		t.Fatal("Set accepted a field that does not exist")
	}
}

// Two spellings of one year or quarter would silently add up or override: refused.
func TestParseRefusesTheSameKeyInTwoSpellings(t *testing.T) {
	cases := []struct{ src, path, msg string }{
		{strings.Replace(minimal, "annual: {2025: 100, 2026: 200}", `annual: {2025: 100, 2026: 200, " 2026": 300}`, 1), "streams.rev.annual. 2026", `the same year as "2026"`},
		{strings.Replace(minimal, "annual: {2025: 100, 2026: 200}", `annual: {2025: 100, 2026: 200}`+"\n    growth: {2027: 10%, \"2027 \": 50%}", 1), "streams.rev.growth.2027 ", `the same year as "2027"`},
		{minimal + "  pay:\n    type: payment\n    payer: A\n    payee: B\n    schedule: {2026Q1: 1B, 2026q1: 2B}\n", "contracts.pay.schedule.2026q1", `the same quarter as "2026Q1"`},
	}
	for _, c := range cases {
		errs := parseErrors(t, "dup.yaml", c.src)
		if errs[0].Path != c.path || !strings.Contains(errs[0].Msg, c.msg) {
			t.Errorf("got %v, want %q at %s", errs[0], c.msg, c.path)
		}
	}
}

func TestParseRefusesUnreadableNames(t *testing.T) {
	for _, name := range []string{`" padded"`, `"two\nlines"`, `"   "`} {
		errs := parseErrors(t, "n.yaml", strings.Replace(minimal, `name: "Minimal"`, "name: "+name, 1))
		if errs[0].Path != "name" || errs[0].Line != 2 {
			t.Errorf("name %s: %v", name, errs[0])
		}
	}
	errs := parseErrors(t, "p.yaml", strings.Replace(minimal, "payee: B", `payee: "B "`, 1))
	if errs[0].Path != "contracts.share.payee" || !strings.Contains(errs[0].Msg, "spaces") {
		t.Errorf("party: %v", errs[0])
	}
}

func TestParseAmountRefusesTypoForms(t *testing.T) {
	for _, bad := range []string{"1.5e3B", "+5B", "$+5B", "5BB", "B", "$", "5 B"} {
		if _, err := ParseAmount(bad); err == nil {
			t.Errorf("ParseAmount(%q) accepted", bad)
		}
	}
	for in, want := range map[string]string{"5b": "5000000000", "1e3": "1000", "$2.5m": "2500000"} {
		if got, err := ParseAmount(in); err != nil || got.String() != want {
			t.Errorf("ParseAmount(%q) = %s, %v", in, got, err)
		}
	}
}
