package scenario

import (
	"strings"
	"testing"
)

// v2Base is a valid format v2 file with one contract of each type that v2 changes.
const v2Base = `version: 2
name: "V2"
start: 2025Q1
end: 2026Q4
streams:
  rev:
    annual: {2025: 100, 2026: 200}
    actuals: {2025Q2: 30}
contracts:
  share:
    type: revenue_share
    payer: A
    payee: B
    base: rev
    rate: 20%
    until: 2026Q2
    changes:
      2025Q3: {cap: 50, note: "Capped"}
  stake:
    type: equity
    holder: H
    stake: 20%
    changes:
      2026Q1: {stake: 18%}
    valuation:
      method: marks
      marks: {2025Q1: 100B, 2026Q1: 200B}
  money:
    type: payment
    payer: C
    payee: A
    tranches:
      upfront: {at: 2025Q2, amount: 10}
      later: {at: 2026Q3, amount: 20, expires: 2026, condition: "An IPO filing"}
  power:
    type: capacity
    payer: A
    payee: D
    gw: {2025Q2: 1, 2026Q1: "1500MW"}
    price: 4B
    until: 2027Q4
`

// Each rule of format v2 refuses a file with the file, line and column, the key
// path, and what would be valid.
func TestParseV2Errors(t *testing.T) {
	if _, err := Parse("v2.yaml", []byte(v2Base)); err != nil {
		t.Fatalf("the base case is refused: %v", err)
	}
	cases := []struct {
		name       string
		edit       func(string) string
		line, col  int
		path, want string
	}{
		{"change before from", func(s string) string {
			return strings.Replace(s, "    until: 2026Q2\n", "    from: 2025Q4\n    until: 2026Q2\n", 1)
		}, 19, 7, "contracts.share.changes.2025Q3", "outside the contract's term 2025Q4..2026Q2"},
		{"change after until", func(s string) string {
			return strings.Replace(s, "2025Q3: {cap: 50", "2026Q3: {cap: 50", 1)
		}, 18, 7, "contracts.share.changes.2026Q3", "outside the contract's term 2025Q1..2026Q2"},
		{"cap_from without cap", func(s string) string {
			return strings.Replace(s, "    changes:\n      2025Q3: {cap: 50, note: \"Capped\"}\n", "    cap_from: 2025Q3\n", 1)
		}, 17, 15, "contracts.share.cap_from", "cap_from applies only to a contract with a cap"},
		{"cap_from outside the term", func(s string) string {
			return strings.Replace(s, "    until: 2026Q2\n", "    until: 2026Q2\n    cap_from: 2026Q3\n", 1)
		}, 17, 15, "contracts.share.cap_from", "outside the contract's term"},
		{"schedule and tranches", func(s string) string {
			return strings.Replace(s, "    tranches:\n", "    schedule: {2025Q1: 5}\n    tranches:\n", 1)
		}, 33, 5, "contracts.money.tranches", "either schedule or tranches, not both"},
		{"capacity without until", func(s string) string {
			return strings.Replace(s, "    until: 2027Q4\n", "", 1)
		}, 36, 9, "contracts.power.until", "missing: add until"},
		{"gw key after until", func(s string) string {
			return strings.Replace(s, "until: 2027Q4", "until: 2025Q4", 1)
		}, 39, 29, "contracts.power.gw.2026Q1", "after until (2025Q4)"},
		{"first mark after start", func(s string) string {
			return strings.Replace(s, "marks: {2025Q1: 100B", "marks: {2025Q2: 100B", 1)
		}, 27, 23, "contracts.stake.valuation.marks.2025Q2", "the earliest mark (2025Q2) is after start (2025Q1)"},
		{"v2 key in a v1 file", func(s string) string {
			return strings.Replace(s, "version: 2", "version: 1", 1)
		}, 8, 5, "streams.rev.actuals", "write version: 2 at the top"},
		{"capacity in a v1 file", func(s string) string {
			return strings.Replace(strings.Replace(s, "version: 2", "version: 1", 1), "    actuals: {2025Q2: 30}\n", "", 1)
		}, 35, 11, "contracts.power.type", "the capacity type is part of format version 2"},
		{"unknown key in a change", func(s string) string {
			return strings.Replace(s, "{cap: 50, note:", "{cap: 50, stake: 3%, note:", 1)
		}, 18, 25, "contracts.share.changes.2025Q3.stake", "valid keys here: rate, cap, note, source, sources"},
		{"change that sets nothing", func(s string) string {
			return strings.Replace(s, "{cap: 50, note:", "{note:", 1)
		}, 18, 7, "contracts.share.changes.2025Q3", "a change must set rate or cap"},
		{"marks with amount", func(s string) string {
			return strings.Replace(s, "      method: marks\n", "      method: marks\n      amount: 5B\n", 1)
		}, 27, 15, "contracts.stake.valuation.amount", "does not apply to method marks"},
		{"stake change outside the horizon", func(s string) string {
			return strings.Replace(s, "2026Q1: {stake: 18%}", "2027Q1: {stake: 18%}", 1)
		}, 24, 7, "contracts.stake.changes.2027Q1", "outside the horizon 2025Q1..2026Q4"},
		{"negative gigawatts", func(s string) string {
			return strings.Replace(s, "gw: {2025Q2: 1,", "gw: {2025Q2: -1,", 1)
		}, 39, 18, "contracts.power.gw.2025Q2", "negative"},
		{"bad gigawatts", func(s string) string {
			return strings.Replace(s, `"1500MW"`, `"1.5TW"`, 1)
		}, 39, 29, "contracts.power.gw.2026Q1", "not a number of gigawatts"},
		{"capacity change before the first key", func(s string) string {
			return strings.Replace(s, "    until: 2027Q4\n", "    until: 2027Q4\n    changes:\n      2025Q1: {price: 3B}\n", 1)
		}, 43, 7, "contracts.power.changes.2025Q1", "outside the contract's term (first gw key to until) 2025Q2..2027Q4"},
		{"tranche without at", func(s string) string {
			return strings.Replace(s, "{at: 2025Q2, amount: 10}", "{amount: 10}", 1)
		}, 33, 16, "contracts.money.tranches.upfront.at", "missing: add at"},
		{"cap of a change below paid_before", func(s string) string {
			return strings.Replace(s, "    until: 2026Q2\n", "    until: 2026Q2\n    paid_before: 60\n", 1)
		}, 19, 21, "contracts.share.changes.2025Q3.cap", "below paid_before"},
		{"changes on a commitment", func(s string) string {
			return s + "  other:\n    type: commitment\n    payer: A\n    payee: E\n    total: 5B\n    years: 2\n    changes: {2025Q2: {rate: 5%}}\n"
		}, 48, 5, "contracts.other.changes", "does not apply to a commitment contract"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := c.edit(v2Base)
			if src == v2Base {
				t.Fatal("the edit changed nothing")
			}
			errs := parseErrors(t, "v2.yaml", src)
			for _, e := range errs {
				if strings.Contains(e.Msg, c.want) {
					if e.File != "v2.yaml" || e.Line != c.line || e.Col != c.col || e.Path != c.path {
						t.Fatalf("error %q at %d:%d path %q, want %d:%d path %q", e.Error(), e.Line, e.Col, e.Path, c.line, c.col, c.path)
					}
					return
				}
			}
			t.Fatalf("no error containing %q; got:\n%v", c.want, (&ErrorList{Errors: errs}).Error())
		})
	}
}
