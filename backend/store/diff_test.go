package store

import (
	"fmt"
	"strings"
	"testing"
)

func TestDiffYAML(t *testing.T) {
	for _, c := range []struct {
		name string
		a, b string
		want []string
	}{
		{"equal", "a: 1\nb: [1, 2]\n", "a: 1\nb: [1, 2]\n", nil},
		{"formatting and comments ignored", "a: 1   # one\nb:\n  - 1\n  - 2\n", "# top\na: 1\nb: [1, 2]\n", nil},
		{"key order ignored", "a: 1\nb: 2\n", "b: 2\na: 1\n", nil},
		{"scalar changed", "a: 10%\n", "a: 12.5%\n", []string{"a: 10% → 12.5%"}},
		{"nested", "contracts:\n  msft_revshare:\n    cap: 38B\n    rate: 20%\n",
			"contracts:\n  msft_revshare:\n    cap: 40B\n    rate: 20%\n",
			[]string{"contracts.msft_revshare.cap: 38B → 40B"}},
		{"added and removed in document order",
			"a: 1\nb: 2\nc: 3\n", "a: 1\nx: 9\nc: 3\n",
			[]string{"b: removed 2", "x: added 9"}},
		{"added subtree in flow form",
			"contracts: {}\n", "contracts:\n  aws:\n    type: commitment\n    total: 50B\n    years: [2025, 2026]\n",
			[]string{"contracts.aws: added {type: commitment, total: 50B, years: [2025, 2026]}"}},
		{"type change", "a: 1\n", "a: \"1\"\n", []string{`a: 1 → "1"`}},
		{"number text", "a: 1.0\n", "a: 1.00\n", []string{"a: 1.0 → 1.00"}},
		{"null", "a: 1\n", "a: null\n", []string{"a: 1 → null"}},
		{"map to scalar", "a: {b: 1}\n", "a: 2\n", []string{"a: {b: 1} → 2"}},
		{"year keys", "annual:\n  2025: 13B\n  2026: 30B\n", "annual:\n  2025: 13B\n  2026: 31B\n  2027: 50B\n",
			[]string{"annual.2026: 30B → 31B", "annual.2027: added 50B"}},
		{"odd keys quoted", "\"a.b\": 1\n\"x y\": 2\n", "\"a.b\": 3\n\"x y\": 2\n", []string{`["a.b"]: 1 → 3`}},
		{"list item inserted at the front", "l: [b, c, d]\n", "l: [a, b, c, d]\n", []string{"l[0]: added a"}},
		{"list item removed", "l: [a, b, c]\n", "l: [a, c]\n", []string{"l[1]: removed b"}},
		{"list item changed", "l: [a, b, c]\n", "l: [a, x, c]\n", []string{"l[1]: b → x"}},
		{"list of maps, field changed",
			"steps:\n  - {at: 2025Q1, rate: 1%}\n  - {at: 2026Q1, rate: 2%}\n",
			"steps:\n  - {at: 2025Q1, rate: 1%}\n  - {at: 2026Q1, rate: 3%}\n",
			[]string{"steps[1].rate: 2% → 3%"}},
		{"multi-line string", "d: |\n  one\n  two\n", "d: |\n  one\n  three\n", []string{`d: "one\ntwo\n" → "one\nthree\n"`}},
		{"strings that look like other types are quoted", "a: x\n", "a: \"true\"\n", []string{`a: x → "true"`}},
		{"anchors resolved", "base: &b {r: 1}\nuse: *b\n", "base: &b {r: 2}\nuse: *b\n", []string{"base.r: 1 → 2", "use.r: 1 → 2"}},
		{"empty documents", "", "", nil},
		{"document replaced", "a: 1\n", "[1]\n", []string{"(document): {a: 1} → [1]"}},
		{"top-level list", "- a\n- b\n", "- a\n- c\n", []string{"[1]: b → c"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ch, err := DiffYAML([]byte(c.a), []byte(c.b))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, x := range ch {
				got = append(got, x.String())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Fatalf("\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestDiffYAMLFields(t *testing.T) {
	ch, err := DiffYAML([]byte("a: 1\nb: x\n"), []byte("a: 2\nc: y\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Path: "a", Kind: Changed, From: "1", To: "2"},
		{Path: "b", Kind: Removed, From: "x"},
		{Path: "c", Kind: Added, To: "y"},
	}
	if fmt.Sprintf("%#v", ch) != fmt.Sprintf("%#v", want) {
		t.Fatalf("\n got %#v\nwant %#v", ch, want)
	}
}

func TestDiffYAMLInvalid(t *testing.T) {
	if _, err := DiffYAML([]byte("a: [1, 2\n"), []byte("a: 1\n")); err == nil {
		t.Fatal("no error for broken YAML")
	}
	if _, err := DiffYAML([]byte("a: 1\n"), []byte("a: {\n")); err == nil {
		t.Fatal("no error for broken YAML")
	}
}

func TestDiffYAMLLongLists(t *testing.T) {
	var a, b strings.Builder
	a.WriteString("l:\n")
	b.WriteString("l:\n")
	for i := 0; i < 2000; i++ {
		fmt.Fprintf(&a, "  - %d\n", i)
		if i != 1000 {
			fmt.Fprintf(&b, "  - %d\n", i)
		}
	}
	ch, err := DiffYAML([]byte(a.String()), []byte(b.String()))
	if err != nil || len(ch) != 1 || ch[0].String() != "l[1000]: removed 1000" {
		t.Fatalf("%d changes, first %v, %v", len(ch), ch[:min(len(ch), 3)], err)
	}
	// Two long lists with nothing in common are compared by index.
	a.Reset()
	b.Reset()
	a.WriteString("l:\n")
	b.WriteString("l:\n")
	for i := 0; i < 1500; i++ {
		fmt.Fprintf(&a, "  - a%d\n", i)
		fmt.Fprintf(&b, "  - b%d\n", i)
	}
	fmt.Fprintf(&b, "  - extra\n")
	ch, err = DiffYAML([]byte(a.String()), []byte(b.String()))
	if err != nil || len(ch) != 1501 || ch[0].String() != "l[0]: a0 → b0" || ch[1500].String() != "l[1500]: added extra" {
		t.Fatalf("%d changes, first %v, %v", len(ch), ch[:min(len(ch), 3)], err)
	}
}

func ExampleDiffYAML() {
	a := []byte(`name: Base case
contracts:
  msft_revshare:
    rate: 20%
    cap: 38B
  aws: {total: 38B}
`)
	b := []byte(`name: Base case
contracts:
  msft_revshare:
    rate: 20%
    cap: 40B
  oracle: {total: 300B}
`)
	changes, err := DiffYAML(a, b)
	if err != nil {
		panic(err)
	}
	for _, c := range changes {
		fmt.Println(c)
	}
	// Output:
	// contracts.msft_revshare.cap: 38B → 40B
	// contracts.aws: removed {total: 38B}
	// contracts.oracle: added {total: 300B}
}

// A dated change of format v2 is named by its quarter.
func TestDiffNamesAChangeByItsQuarter(t *testing.T) {
	a := "contracts:\n  msft_revshare:\n    changes:\n      2026Q2:\n        cap: 38B\n        note: \"Amended\"\n"
	b := "contracts:\n  msft_revshare:\n    changes:\n      2026Q2:\n        cap: 45B\n        note: \"Amended\"\n      2029Q1:\n        rate: 15%\n"
	changes, err := DiffYAML([]byte(a), []byte(b))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.String())
	}
	want := []string{"contracts.msft_revshare.changes.2026Q2.cap: 38B → 45B", "contracts.msft_revshare.changes.2029Q1: added {rate: 15%}"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
