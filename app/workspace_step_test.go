package app

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"dealmodel/backend/gen"
	"dealmodel/backend/scenario"
)

// patchJSON applies a step's ops to a JSON document, as the page does.
func patchJSON(t *testing.T, doc []byte, ops []PatchOp) any {
	t.Helper()
	var root any
	if err := json.Unmarshal(doc, &root); err != nil {
		t.Fatal(err)
	}
	for _, op := range ops {
		var v any
		if !op.Delete {
			if err := json.Unmarshal(op.Value, &v); err != nil {
				t.Fatal(err)
			}
		}
		if len(op.Path) == 0 {
			root = v
			continue
		}
		parent := root
		for _, k := range op.Path[:len(op.Path)-1] {
			switch c := parent.(type) {
			case map[string]any:
				parent = c[k.(string)]
			case []any:
				parent = c[k.(int)]
			}
		}
		switch c := parent.(type) {
		case map[string]any:
			if op.Delete {
				delete(c, op.Path[len(op.Path)-1].(string))
			} else {
				c[op.Path[len(op.Path)-1].(string)] = v
			}
		case []any:
			c[op.Path[len(op.Path)-1].(int)] = v
		default:
			t.Fatalf("op %v: the path does not reach an object or an array", op.Path)
		}
	}
	return root
}

// patchDoc applies a step's document patch.
func patchDoc(doc string, p DocPatch) string {
	lines := strings.Split(doc, "\n")
	out := append(append(append([]string{}, lines[:p.At]...), p.Ins...), lines[p.At+p.Del:]...)
	return strings.Join(out, "\n")
}

// stepView is an evaluation as a step's patch covers it.
func stepView(t *testing.T, ev *Evaluation) any {
	t.Helper()
	v := *ev
	v.Document, v.Problems, v.Dirty, v.State = "", nil, false, ""
	var out any
	if err := json.Unmarshal([]byte(mustJSON(t, &v)), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// A step gives what Apply gives: its patches turn the base document and evaluation
// into those of the edited copy, for each kind of edit, a chain of steps, and an
// edit that does not apply.
func TestStepEqualsApply(t *testing.T) {
	s := newTestService(t)
	w, ev := open(t, s, "briefing")
	doc, state := w.Document, ev.State
	base := stepView(t, ev)
	for _, edits := range [][]Edit{
		{{OpSet, "contracts.msft_revshare.cap", "41B"}},
		{{OpSet, "contracts.msft_revshare.cap", "42B"}, {OpSet, "discount_rate", "9%"}},
		{{OpEnable, "contracts.oracle_compute", "false"}},
		{{OpRemove, "contracts.cerebras_compute", ""}},
		{{OpQuarter, "end", "2034Q4"}},
		{{OpSet, "contracts.msft_revshare.rate", "250%"}},
		{{OpText, "contracts.aws_compute.label", "AWS — Trainium “2” 🚀"}},
	} {
		t.Run(edits[0].Op+" "+edits[0].Path, func(t *testing.T) {
			st, err := s.Step(state, edits, "quarter")
			if err != nil {
				t.Fatal(err)
			}
			if st.Unknown {
				t.Fatal("the state just answered is unknown")
			}
			want := apply(t, s, doc, edits...)
			if got := patchDoc(doc, st.Doc); got != want.Document {
				t.Fatalf("the patched document differs:\n%s\nwant\n%s", got, want.Document)
			}
			if n, sum := utf16Sum(want.Document); st.Doc.Len != n || st.Doc.Sum != sum {
				t.Errorf("the document's check is %d/%d, want %d/%d", st.Doc.Len, st.Doc.Sum, n, sum)
			}
			var baseJSON []byte
			if baseJSON, err = json.Marshal(base); err != nil {
				t.Fatal(err)
			}
			if got, want := patchJSON(t, baseJSON, st.Patch), stepView(t, want); !reflect.DeepEqual(got, want) {
				t.Fatalf("the patched evaluation differs from Apply's")
			}
			if mustJSON(t, st.Problems) != mustJSON(t, want.Problems) || st.Dirty != want.Dirty || st.State != want.State {
				t.Errorf("problems %v dirty %v state %s, want %v %v %s", st.Problems, st.Dirty, st.State, want.Problems, want.Dirty, want.State)
			}
			// The next step starts from this one.
			doc, state, base = want.Document, st.State, stepView(t, want)
		})
	}
}

// A slider step of the briefing is a few hundred bytes each way, not the whole
// document up and the whole evaluation down.
func TestStepIsSmall(t *testing.T) {
	s := newTestService(t)
	_, ev := open(t, s, "briefing")
	full := len(mustJSON(t, ev))
	state := ev.State
	for i, v := range []string{"39B", "40.5B", "37B", "20B"} {
		edits := []Edit{{OpSet, "contracts.msft_revshare.cap", v}}
		st, err := s.Step(state, edits, "quarter")
		if err != nil {
			t.Fatal(err)
		}
		up := len(mustJSON(t, []any{state, edits, "quarter"}))
		down := len(mustJSON(t, st))
		t.Logf("step %d: %d bytes up, %d down (the whole evaluation: %d)", i, up, down, full)
		if up+down > 10_000 {
			t.Errorf("step %d: %d bytes up and %d down, more than 10 KB", i, up, down)
		}
		state = st.State
	}
}

// A state the service does not know (another process, or forgotten) applies
// nothing and says so; so does a step by another period than its state's.
func TestStepFromAnUnknownState(t *testing.T) {
	s := newTestService(t)
	_, ev := open(t, s, "briefing")
	for _, tc := range []struct{ state, period string }{{"0123456789abcdef.quarter", "quarter"}, {"", "quarter"}, {ev.State, "year"}} {
		st, err := s.Step(tc.state, []Edit{{OpSet, "discount_rate", "9%"}}, tc.period)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Unknown {
			t.Errorf("step from %q by %s: not reported unknown", tc.state, tc.period)
		}
	}
	if _, err := s.Step(ev.State, nil, "month"); err == nil {
		t.Error("a period of month was accepted")
	}
	if _, err := s.Resume("nope"); err == nil {
		t.Error("an unknown state resumed")
	}
	r, err := s.Resume(ev.State)
	if err != nil {
		t.Fatal(err)
	}
	if r.Document != ev.Document || r.State != ev.State {
		t.Error("Resume did not give the evaluation of the state")
	}
}

// A step of a 100-contract scenario over 40 years stays small: the answer carries
// the series that moved, not every chart.
func TestStepOfALargeScenario(t *testing.T) {
	s := NewService(nil)
	sc, err := scenario.Parse("g.yaml", gen.YAML(gen.Size{Contracts: 100, Years: 40}))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := s.Evaluate(string(scenario.Marshal(sc)), "quarter")
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Step(ev.State, []Edit{{OpSet, "contracts.c0.rate", "6%"}}, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	full, down := len(mustJSON(t, ev)), len(mustJSON(t, st))
	t.Logf("100 contracts: a step is %d bytes down; the whole evaluation %d", down, full)
	if down*5 > full {
		t.Errorf("a step is %d bytes, more than a fifth of the whole evaluation (%d)", down, full)
	}
}

func TestDiffLines(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"", ""}, {"a", "b"}, {"a\nb\nc", "a\nx\nc"}, {"a\nb\nc", "a\nc"}, {"a\nc", "a\nb\nc"},
		{"a\na\na", "a\na"}, {"x\n", "x\ny\n"}, {"", "a\nb"}, {"a\nb", ""},
	} {
		p := diffLines(tc.a, tc.b)
		if got := patchDoc(tc.a, p); got != tc.b {
			t.Errorf("%q → %q: patched to %q (%+v)", tc.a, tc.b, got, p)
		}
	}
	// The page's test (frontend/src/lib/patch.test.ts) checks the same number.
	if n, sum := utf16Sum("a🚀é"); n != 4 || sum != fnvUTF16([]uint16{'a', 0xD83D, 0xDE80, 0xE9}) || sum != 59639984 {
		t.Errorf("utf16Sum: %d units, sum %d", n, sum)
	}
}

func fnvUTF16(us []uint16) uint32 {
	h := uint32(2166136261)
	for _, u := range us {
		h ^= uint32(u)
		h *= 16777619
	}
	return h
}

// diffJSON handles what json.Marshal writes: escapes, brackets and commas inside
// strings, empty and nested containers, keys added, removed and reordered.
func TestDiffJSON(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{`{}`, `{}`},
		{`{"a":1}`, `{"a":2}`},
		{`{"a":"x\"],{"}`, `{"a":"x\"],{y","b":[]}`},
		{`{"a":[1,2,{"b":"\\"}],"c":{}}`, `{"a":[1,3,{"b":"\\\""}],"c":{"d":null}}`},
		{`{"a":[1,2]}`, `{"a":[1,2,3]}`},
		{`{"k,\"":true,"x":{"y":[[],[{}]]}}`, `{"x":{"y":[[],[{"z":"]"}]]}}`},
		{`[{"a":1},{"a":2}]`, `[{"a":1},{"a":5,"b":"\u2028"}]`},
		{`{"a":1,"b":2}`, `{"b":2,"a":1}`},
	} {
		ops, err := diffJSON([]byte(tc.a), []byte(tc.b))
		if err != nil {
			t.Fatal(err)
		}
		var want any
		if err := json.Unmarshal([]byte(tc.b), &want); err != nil {
			t.Fatal(err)
		}
		if got := patchJSON(t, []byte(tc.a), ops); !reflect.DeepEqual(got, want) {
			t.Errorf("%s → %s: patched to %v with %s", tc.a, tc.b, got, mustJSON(t, ops))
		}
	}
}

// BenchmarkStepGenerated is one slider step of a 100-contract scenario over 40
// years on the lean path (Step), as the page sends it.
func BenchmarkStepGenerated(b *testing.B) {
	sc, err := scenario.Parse("g.yaml", gen.YAML(gen.Size{Contracts: 100, Years: 40}))
	if err != nil {
		b.Fatal(err)
	}
	benchSteps(b, string(scenario.Marshal(sc)), "contracts.c0.rate", "6%", "7%")
}

// BenchmarkStepBriefing is one slider step of the briefing on the lean path (Step),
// as the page sends it: the cap of Microsoft's revenue share, back and forth.
func BenchmarkStepBriefing(b *testing.B) {
	benchSteps(b, briefingDoc(b), "contracts.msft_revshare.cap", "40B", "41B")
}

// benchSteps steps the field at path of doc's evaluation to each of values in
// turn, always from the evaluation of doc.
func benchSteps(b *testing.B, doc, path string, values ...string) {
	s := NewService(nil)
	ev, err := s.Evaluate(doc, "quarter")
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := s.Step(ev.State, []Edit{{OpSet, path, values[i%len(values)]}}, "quarter"); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
