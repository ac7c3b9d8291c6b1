package report

import (
	"strings"
	"testing"
)

func TestCompactRefs(t *testing.T) {
	for in, want := range map[string]string{
		"":          "",
		"1":         "1",
		"1,2":       "1, 2",
		"1,2,3":     "1–3",
		"1,2,3,4,7": "1–4, 7",
		"5,7,8,9":   "5, 7–9",
	} {
		var refs []string
		if in != "" {
			refs = strings.Split(in, ",")
		}
		if got := compactRefs(refs); got != want {
			t.Errorf("compactRefs(%s) = %q, want %q", in, got, want)
		}
	}
}

func TestRowLabel(t *testing.T) {
	for _, c := range []struct{ label, owner, want string }{
		{"AWS compute: weight of year 1", "AWS compute", "Weight of year 1"},
		{"OpenAI revenue 2025", "OpenAI revenue", "2025"},
		{"OpenAI revenue growth from 2031", "OpenAI revenue", "Growth from 2031"},
		{"Discount rate", "General", "Discount rate"},
		{"Other: cap", "AWS", "Other: cap"},
	} {
		if got := rowLabel(c.label, c.owner); got != c.want {
			t.Errorf("rowLabel(%q, %q) = %q, want %q", c.label, c.owner, got, c.want)
		}
	}
}
