package scenario

import (
	"strings"
	"testing"
)

const textBase = "version: 1\nstart: 2025Q1\nend: 2026Q4\n"

// A lone half of a UTF-16 surrogate pair names no character: a JSON or YAML
// escape of one is refused where it is written, instead of becoming U+FFFD.
func TestLoneSurrogateIsRefusedWhereItIs(t *testing.T) {
	for _, c := range []struct{ file, doc, at, esc string }{
		{"s.json", `{"version": 1, "start": "2025Q1", "end": "2026Q4", "name": "a\ud800"}`, "s.json:1:62:", `\ud800`},
		{"s.json", `{"version": 1, "start": "2025Q1", "end": "2026Q4", "name": "\ud800", "description": "x"}`, "s.json:1:61:", `\ud800`},
		{"s.json", `{"version": 1, "start": "2025Q1", "end": "2026Q4", "name": "a\udc00b"}`, "s.json:1:62:", `\udc00`},
		{"s.json", "{\"version\": 1,\n \"name\": \"\\\\ud800 \\\"\\ud83d\\ude80 \\uDBFF\\u0041\"}", "s.json:2:34:", `\uDBFF`},
		{"s.yaml", textBase + `name: "x\ud800"`, "s.yaml:4:9:", `\ud800`},
		{"s.yaml", textBase + `name: "é 🚀 \ud83d\ude80 \udc00"`, "s.yaml:4:25:", `\udc00`},
		{"s.yaml", textBase + `name: "x\U0000d800"`, "s.yaml:4:9:", `\U0000d800`},
		{"s.yaml", textBase + "name: x\ndescription: \"multi\n  line \\ud800\"", "s.yaml:6:8:", `\ud800`},
		{"s.yaml", textBase + `name: {"a": "\uD800"}`, "s.yaml:4:14:", `\uD800`},
	} {
		_, err := Parse(c.file, []byte(c.doc))
		if err == nil || !strings.Contains(err.Error(), c.at+" "+c.esc+" is half of a UTF-16 surrogate pair without its other half") {
			t.Errorf("%s\n%s:\ngot %v\nwant %s %s is half of…", c.doc, c.file, err, c.at, c.esc)
		}
	}
	// Backslashes that are not escapes, and whole pairs, are text.
	for _, c := range []struct{ file, doc, name string }{
		{"s.yaml", textBase + `name: x\ud800`, `x\ud800`},
		{"s.yaml", textBase + `name: 'x\ud800'`, `x\ud800`},
		{"s.yaml", textBase + `name: "x\\ud800 \ud83d\ude80"`, `x\ud800 🚀`},
		{"s.json", `{"version": 1, "start": "2025Q1", "end": "2026Q4", "name": "x\\ud800 \ud83d\ude80"}`, `x\ud800 🚀`},
	} {
		s, err := Parse(c.file, []byte(c.doc))
		if err != nil || s.Name != c.name {
			t.Errorf("%s: %v, name %q, want %q", c.doc, err, s.Name, c.name)
		}
	}
}

func TestLoneSurrogateScan(t *testing.T) {
	for in, want := range map[string]int{
		`["a", "\ud800"]`:          7,
		`["\\ud800", "\"\udfff"]`:  15,
		`{"k\uD83D\uDE00": "\u0"}`: -1,
		`"\ud800\ud800"`:           1,
		`"\ud83d\ude00\ud83d"`:     13,
		`\ud800 "x"`:               -1, // outside a string: not JSON's business here
	} {
		off, _, found := LoneSurrogate([]byte(in))
		if !found {
			off = -1
		}
		if off != want {
			t.Errorf("LoneSurrogate(%s) = %d, want %d", in, off, want)
		}
	}
}

// A name typed in either Unicode form is the same name: Parse and SetText keep it
// in form C.
func TestNamesAreNormalised(t *testing.T) {
	s, err := Parse("s.yaml", []byte(textBase+"name: \"Cafe\u0301\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "Caf\u00e9" {
		t.Errorf("Parse: name %q, want form C", s.Name)
	}
	if err := s.SetText("name", "Re\u0301sume\u0301 "); err != nil || s.Name != "R\u00e9sum\u00e9" {
		t.Errorf("SetText: name %q, %v", s.Name, err)
	}
}

// A seed beyond 64 bits says what, where and what is valid.
func TestSeedOutOfRange(t *testing.T) {
	for _, seed := range []string{"-99999999999999999999", "99999999999999999999", "1.5", "abc"} {
		_, err := Parse("s.yaml", []byte(textBase+"name: x\nuncertainty:\n  seed: "+seed+"\n"))
		want := "s.yaml:6:9: uncertainty.seed: " + seed + " is out of range: a whole number here is from -9223372036854775808 to 9223372036854775807"
		switch seed {
		case "1.5":
			want = "s.yaml:6:9: uncertainty.seed: expected a whole number, found the number 1.5"
		case "abc":
			want = `s.yaml:6:9: uncertainty.seed: expected a whole number, found the text "abc"`
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("seed %s: %v\nwant %s", seed, err, want)
		}
	}
}

// A JSON document from a pipe (a name without .json) is read as JSON, as cheaply
// as from a .json file; YAML that only looks like it starts so is still YAML.
func TestJSONFromAPipe(t *testing.T) {
	doc := `{"version": 1, "name": "Piped", "start": "2025Q1", "end": "2025Q4"}`
	s, err := Parse("/dev/stdin", []byte("\n "+doc))
	if err != nil || s.Name != "Piped" {
		t.Fatalf("%v %v", s, err)
	}
	if _, err := Parse("/dev/stdin", []byte(`{"version": 1, "name": "x\ud800", "start": "2025Q1", "end": "2025Q4"}`)); err == nil || !strings.Contains(err.Error(), "/dev/stdin:1:26: \\ud800 is half") {
		t.Errorf("lone surrogate: %v", err)
	}
	for in, want := range map[string]bool{doc: true, " \n" + doc: true, "{version: 1}": false, doc + "x": false, "[1]": false} {
		if looksJSON("/dev/stdin", []byte(in)) != want || looksJSON("s.yaml", []byte(in)) {
			t.Errorf("looksJSON(%q) is not %v", in, want)
		}
	}
	s, err = Parse("/dev/stdin", []byte("{version: 1, name: Flow, start: 2025Q1, end: 2025Q4}"))
	if err != nil || s.Name != "Flow" {
		t.Fatalf("YAML flow mapping: %v %v", s, err)
	}
	if _, err := Parse("s.yaml", []byte(`{"version": 1, "name": "x", "start": "2025Q1", "end": "2025Q4", "version": 1}`)); err == nil {
		t.Errorf("a repeated key in a .yaml file was accepted")
	}
	if _, err := Parse("/dev/stdin", []byte(`{"version": 1, "name": "x", "start": "2025Q1", "end": "2025Q4", "version": 1}`)); err == nil || !strings.Contains(err.Error(), "version") {
		t.Errorf("a repeated key from a pipe: %v", err)
	}
}
