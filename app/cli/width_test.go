package cli

import (
	"strings"
	"testing"
)

// wideScenario has labels, parties and a name with emoji (one with a skin tone
// and one joined by ZWJ), East Asian wide characters and a combining accent.
const wideScenario = `version: 1
name: "東京 deal 🚀"
start: 2026Q1
end: 2027Q4
streams:
  rev:
    label: "収益 👩‍💻 revenue"
    annual: {2026: 40B, 2027: 80B}
contracts:
  share:
    type: revenue_share
    label: "分成 👍🏽 share of revenue with a very long label that is cut"
    payer: "オープンAI"
    payee: "Cafe` + "\u0301" + ` 微软"
    base: rev
    rate: 20%
    cap: 10B
uncertainty:
  runs: 200
  seed: 7
  inputs:
    contracts.share.cap: {dist: uniform, low: 5B, high: 15B}
`

// blocks splits a terminal table into its blocks: runs of lines between blank lines.
func blocks(out string) [][]string {
	var bs [][]string
	var cur []string
	for _, line := range strings.Split(out, "\n") {
		if line == "" {
			if len(cur) > 0 {
				bs = append(bs, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		bs = append(bs, cur)
	}
	return bs
}

// The terminal tables line up whatever the labels hold: in each block of
// columns every row takes as many terminal columns as the header.
func TestTablesAlignWideCharacters(t *testing.T) {
	p := writeFile(t, "wide.yaml", wideScenario)
	code, out, errs := cli(t, "run", p, "--period", "year")
	if code != ExitOK {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	checked := 0
	for _, b := range blocks(out) {
		if !strings.HasPrefix(b[0], "      ") { // a block of periods starts with its header
			continue
		}
		want := textWidth(b[0])
		for _, line := range b[1:] {
			if got := textWidth(line); got != want {
				t.Errorf("run: %q takes %d columns, the header %d", line, got, want)
			}
			checked++
		}
	}
	if checked < 3 || !strings.Contains(out, "収益 👩‍💻 revenue") {
		t.Fatalf("run: %d rows checked in\n%s", checked, out)
	}
	for _, line := range strings.Split(out[strings.Index(out, "Summary\n")+8:], "\n") {
		if line != "" && textWidth(line) != 80 {
			t.Errorf("run summary: %q takes %d columns, not 80", line, textWidth(line))
		}
	}

	code, out, errs = cli(t, "simulate", p)
	if code != ExitOK {
		t.Fatalf("simulate: exit %d: %s", code, errs)
	}
	sum := blocks(out)[1]
	if !strings.HasPrefix(sum[0], "Summary (US$)") {
		t.Fatalf("simulate: %q", sum[0])
	}
	for _, line := range sum {
		if !strings.HasPrefix(line, "P5,") && !strings.HasPrefix(line, "(") && textWidth(line) != 80 {
			t.Errorf("simulate: %q takes %d columns, not 80", line, textWidth(line))
		}
	}
	if !strings.Contains(out, "分成 👍🏽") {
		t.Errorf("simulate: the label is lost:\n%s", out)
	}
}

// fit cuts by terminal columns and never splits a character.
func TestFitByColumns(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"東京東京東京", 7, "東京東…"},
		{"東京東京東京", 8, "東京東…"},
		{"ab👍🏽cd", 4, "ab…"},
		{"ab👍🏽cd", 5, "ab👍🏽…"},
		{"Cafe\u0301 au lait", 5, "Cafe\u0301…"},
		{"👩‍💻👩‍💻", 4, "👩‍💻👩‍💻"},
	} {
		if got := fit(c.in, c.n); got != c.want || textWidth(got) > c.n {
			t.Errorf("fit(%q, %d) = %q (%d columns), want %q", c.in, c.n, got, textWidth(got), c.want)
		}
	}
}

// scenarios list lines its columns up by terminal columns, not characters.
func TestScenarioListAlignsWideNames(t *testing.T) {
	db := "--db=" + t.TempDir() + "/d.db"
	for _, name := range []string{"Deal 🚀", "東京 deal", "Cafe\u0301", "👩‍💻👩‍💻"} {
		p := writeFile(t, "s.yaml", strings.Replace(storedScenario, `"Cap study"`, `"`+name+`"`, 1))
		if code, _, errs := cli(t, "scenarios", "import", p, db); code != ExitOK {
			t.Fatalf("import %s: %s", name, errs)
		}
	}
	code, out, errs := cli(t, "scenarios", "list", db)
	if code != ExitOK {
		t.Fatal(errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	col := textWidth(lines[0][:strings.Index(lines[0], "REVISIONS")])
	n := 0
	for _, line := range lines[1:] {
		i := strings.Index(line, "  1  ") // every scenario here has one revision
		if i < 0 {
			continue
		}
		n++
		if got := textWidth(line[:i+2]); got != col {
			t.Errorf("%q: revisions at column %d, the header's at %d", line, got, col)
		}
	}
	if n != len(lines)-1 || n < 4 || !strings.Contains(out, "Caf\u00e9 ") || !strings.Contains(out, "👩‍💻👩‍💻 ") {
		t.Errorf("%d rows checked; the list:\n%s", n, out)
	}
}
