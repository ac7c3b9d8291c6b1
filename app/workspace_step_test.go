package app

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
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
			st, err := s.Step(state, edits, "quarter", nil)
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

// pageCopy is an evaluation as the page holds it, for a step test: its JSON
// (without what a step sends whole) and which of its charts are stale.
type pageCopy struct {
	view  any
	stale map[string]bool
}

func (pc *pageCopy) charts() []any {
	return pc.view.(map[string]any)["computation"].(map[string]any)["charts"].([]any)
}

// check compares the page's copy with want's: the same but for the options of the
// stale charts, which are as they were.
func (pc *pageCopy) check(t *testing.T, want *Evaluation) {
	t.Helper()
	wv := stepView(t, want).(map[string]any)
	got := pc.view.(map[string]any)
	if len(pc.charts()) != len(want.Computation.Charts) {
		t.Fatalf("the page holds %d charts, want %d", len(pc.charts()), len(want.Computation.Charts))
	}
	fresh := 0
	for i, c := range pc.charts() {
		ch := c.(map[string]any)
		id := ch["id"].(string)
		if id != want.Computation.Charts[i].ID {
			t.Fatalf("chart %d is %s, want %s", i, id, want.Computation.Charts[i].ID)
		}
		if pc.stale[id] {
			continue
		}
		fresh++
		if w := wv["computation"].(map[string]any)["charts"].([]any)[i]; !reflect.DeepEqual(ch, w) {
			t.Errorf("chart %s is not the one Apply draws", id)
		}
	}
	if fresh == 0 {
		t.Error("no chart is as of the step")
	}
	// Everything else is Apply's.
	strip := func(v map[string]any) map[string]any {
		out := map[string]any{}
		for k, x := range v {
			out[k] = x
		}
		comp := map[string]any{}
		for k, x := range v["computation"].(map[string]any) {
			comp[k] = x
		}
		delete(comp, "charts")
		out["computation"] = comp
		return out
	}
	if !reflect.DeepEqual(strip(got), strip(wv)) {
		t.Error("the patched evaluation, but for its charts, differs from Apply's")
	}
}

// A step draws only the charts asked for (those in view): the page keeps the
// others as they were, stale, and Charts draws one as of the state when it comes
// near; then it steps like the others. On screen, every chart the page does not
// hold as stale is the one Apply draws, step after step, as the view scrolls.
func TestStepDrawsTheChartsInView(t *testing.T) {
	s, ref := newTestService(t), newTestService(t)
	w, ev := open(t, s, "briefing")
	ids := []string{}
	for _, ch := range ev.Computation.Charts {
		ids = append(ids, ch.ID)
	}
	if len(ids) < 3 {
		t.Fatalf("the briefing has %d charts: the test needs three", len(ids))
	}
	pc := &pageCopy{view: stepView(t, ev), stale: map[string]bool{}}
	doc, state := w.Document, ev.State
	for k, edits := range [][]Edit{
		{{OpSet, "contracts.msft_revshare.cap", "41B"}},
		{{OpSet, "contracts.msft_revshare.cap", "39B"}},
		{{OpSet, "contracts.msft_revshare.cap", "39B"}}, // changes nothing
		{{OpSet, "discount_rate", "9%"}},
		{{OpSet, "contracts.msft_revshare.rate", "250%"}}, // does not apply
		{{OpSet, "contracts.msft_revshare.cap", "45B"}},
	} {
		// The view scrolls down a chart a step: the chart coming into view is
		// fetched first when it is stale.
		inView := []string{ids[k%len(ids)], ids[(k+1)%len(ids)]}
		for _, id := range inView {
			if !pc.stale[id] {
				continue
			}
			got, err := s.Charts(state, []string{id})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.Index(ids, id)
			var fetched any
			if err := json.Unmarshal([]byte(mustJSON(t, got[0])), &fetched); err != nil {
				t.Fatal(err)
			}
			pc.charts()[i] = fetched
			pc.stale[id] = false
		}
		st, err := s.Step(state, edits, "quarter", inView)
		if err != nil {
			t.Fatal(err)
		}
		js, err := json.Marshal(pc.view)
		if err != nil {
			t.Fatal(err)
		}
		pc.view = patchJSON(t, js, st.Patch)
		if st.State != state {
			for _, id := range ids {
				if !slices.Contains(st.Charts, id) {
					pc.stale[id] = true
				}
			}
		}
		if !slices.Equal(st.Charts, inView) {
			t.Errorf("step %d drew %v, want %v", k, st.Charts, inView)
		}
		want := apply(t, ref, doc, edits...)
		pc.check(t, want)
		doc, state = want.Document, st.State
	}
	// Every stale chart fetched at once: all as Apply draws them.
	var stale []string
	for _, id := range ids {
		if pc.stale[id] {
			stale = append(stale, id)
		}
	}
	if len(stale) == 0 {
		t.Fatal("no chart was left stale")
	}
	got, err := s.Charts(state, stale)
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range got {
		i := slices.Index(ids, ch.ID)
		var fetched any
		if err := json.Unmarshal([]byte(mustJSON(t, ch)), &fetched); err != nil {
			t.Fatal(err)
		}
		pc.charts()[i] = fetched
		pc.stale[ch.ID] = false
	}
	pc.check(t, apply(t, ref, doc))
}

// An edit that changes which charts there are (a contract disabled) draws every
// chart, whatever the page asked for, and sends them whole.
func TestStepThatChangesTheChartsDrawsThemAll(t *testing.T) {
	s, ref := newTestService(t), newTestService(t)
	w, ev := open(t, s, "briefing")
	pc := &pageCopy{view: stepView(t, ev), stale: map[string]bool{}}
	edits := []Edit{{OpEnable, "contracts.msft_revshare", "false"}}
	st, err := s.Step(ev.State, edits, "quarter", []string{ev.Computation.Charts[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	want := apply(t, ref, w.Document, edits...)
	if len(want.Computation.Charts) == len(ev.Computation.Charts) {
		t.Fatal("disabling the revenue share left the list of charts as it was: the test needs another edit")
	}
	if len(st.Charts) != len(want.Computation.Charts) {
		t.Errorf("the step drew %v, want every chart", st.Charts)
	}
	js, err := json.Marshal(pc.view)
	if err != nil {
		t.Fatal(err)
	}
	pc.view = patchJSON(t, js, st.Patch)
	pc.check(t, want)
}

// Steps and Charts of the same states at once (two windows, or a chart fetched
// while a step is under way) draw the same options as one at a time.
func TestStepsAndChartsAtOnce(t *testing.T) {
	s := NewService(nil)
	ev, err := s.Evaluate(briefingDoc(t), "quarter")
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, ch := range ev.Computation.Charts {
		ids = append(ids, ch.ID)
	}
	ref := NewService(nil)
	want, err := ref.Apply(ev.Document, []Edit{{OpSet, "contracts.msft_revshare.cap", "41B"}}, "quarter")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				st, err := s.Step(ev.State, []Edit{{OpSet, "contracts.msft_revshare.cap", "41B"}}, "quarter", ids[w%len(ids):w%len(ids)+1])
				if err != nil {
					errs <- err
					return
				}
				got, err := s.Charts(st.State, ids)
				if err != nil {
					errs <- err
					return
				}
				for i, ch := range got {
					if string(ch.Option) != string(want.Computation.Charts[i].Option) {
						errs <- fmt.Errorf("chart %s differs from Apply's", ch.ID)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Charts answers for a state the service knows and a chart it has, and says what
// is wrong otherwise.
func TestChartsOfAState(t *testing.T) {
	s := newTestService(t)
	_, ev := open(t, s, "briefing")
	if _, err := s.Charts("0123456789abcdef.quarter", []string{ev.Computation.Charts[0].ID}); err == nil || !strings.Contains(err.Error(), "no longer known") {
		t.Errorf("an unknown state: %v", err)
	}
	if _, err := s.Charts(ev.State, []string{"nope"}); err == nil || !strings.Contains(err.Error(), `no chart "nope"`) || !strings.Contains(err.Error(), ev.Computation.Charts[0].ID) {
		t.Errorf("an unknown chart: %v", err)
	}
	got, err := s.Charts(ev.State, []string{ev.Computation.Charts[1].ID})
	if err != nil || len(got) != 1 || mustJSON(t, got[0]) != mustJSON(t, ev.Computation.Charts[1]) {
		t.Errorf("Charts of the state gives %v, %v: want its chart", got, err)
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
		// The page asks for the charts in view: at its top, the first.
		build := []string{ev.Computation.Charts[0].ID}
		st, err := s.Step(state, edits, "quarter", build)
		if err != nil {
			t.Fatal(err)
		}
		up := len(mustJSON(t, []any{state, edits, "quarter", build}))
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
		st, err := s.Step(tc.state, []Edit{{OpSet, "discount_rate", "9%"}}, tc.period, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Unknown {
			t.Errorf("step from %q by %s: not reported unknown", tc.state, tc.period)
		}
	}
	if _, err := s.Step(ev.State, nil, "month", nil); err == nil {
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
	st, err := s.Step(ev.State, []Edit{{OpSet, "contracts.c0.rate", "6%"}}, "quarter", []string{ev.Computation.Charts[0].ID, ev.Computation.Charts[1].ID})
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
	// Against splitting both documents whole, over random edits of lines.
	rng := rand.New(rand.NewPCG(13, 4))
	lines := []string{"", "a", "b", "a", "c\r"}
	text := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = lines[rng.IntN(len(lines))]
		}
		return out
	}
	for range 5000 {
		la := text(rng.IntN(7))
		lb := append([]string{}, la...)
		for range rng.IntN(3) {
			switch i := rng.IntN(len(lb) + 1); rng.IntN(3) {
			case 0:
				lb = slices.Insert(lb, i, text(1+rng.IntN(2))...)
			case 1:
				if i < len(lb) {
					lb = slices.Delete(lb, i, i+1)
				}
			default:
				if i < len(lb) {
					lb[i] = text(1)[0]
				}
			}
		}
		a, b := strings.Join(la, "\n"), strings.Join(lb, "\n")
		if got, want := diffLines(a, b), diffLinesSplit(a, b); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q → %q: %+v, want %+v", a, b, got, want)
		}
	}
	// The page's test (frontend/src/lib/patch.test.ts) checks the same number.
	if n, sum := utf16Sum("a🚀é"); n != 4 || sum != fnvUTF16([]uint16{'a', 0xD83D, 0xDE80, 0xE9}) || sum != 59639984 {
		t.Errorf("utf16Sum: %d units, sum %d", n, sum)
	}
}

// diffLinesSplit is diffLines as it was written first: both documents split whole.
func diffLinesSplit(a, b string) DocPatch {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	pre := 0
	for pre < len(la) && pre < len(lb) && la[pre] == lb[pre] {
		pre++
	}
	suf := 0
	for suf < len(la)-pre && suf < len(lb)-pre && la[len(la)-1-suf] == lb[len(lb)-1-suf] {
		suf++
	}
	n, sum := utf16Sum(b)
	return DocPatch{At: pre, Del: len(la) - pre - suf, Ins: append([]string{}, lb[pre:len(lb)-suf]...), Len: n, Sum: sum}
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
// years on the lean path (Step), as the page sends it: drawing the two charts at
// the top of the page. BenchmarkStepGeneratedAllCharts draws every chart.
func BenchmarkStepGenerated(b *testing.B) {
	benchSteps(b, generatedDoc(b), 2, "contracts.c0.rate", "6%", "7%")
}

func BenchmarkStepGeneratedAllCharts(b *testing.B) {
	benchSteps(b, generatedDoc(b), -1, "contracts.c0.rate", "6%", "7%")
}

// BenchmarkStepBriefing is one slider step of the briefing on the lean path (Step),
// as the page sends it: the cap of Microsoft's revenue share, back and forth,
// drawing the chart at the top of the page. BenchmarkStepBriefingAllCharts draws
// every chart.
func BenchmarkStepBriefing(b *testing.B) {
	benchSteps(b, briefingDoc(b), 1, "contracts.msft_revshare.cap", "40B", "41B")
}

func BenchmarkStepBriefingAllCharts(b *testing.B) {
	benchSteps(b, briefingDoc(b), -1, "contracts.msft_revshare.cap", "40B", "41B")
}

// BenchmarkSpeculateGenerated is the speculation of 20 positions of a rate's
// slider of the 100-contract scenario, drawing the two charts at the top; it
// reports the CPU time per position answered (the service's time budget may
// answer fewer than asked). BenchmarkSpeculateBriefing is the same for 20
// positions of the briefing's cap, drawing the chart at the top.
func BenchmarkSpeculateGenerated(b *testing.B) {
	var values []string
	for i := range 20 {
		values = append(values, fmt.Sprintf("%d.%d%%", 5+i/10, i%10))
	}
	benchSpeculate(b, generatedDoc(b), 2, "contracts.c0.rate", values)
}

func BenchmarkSpeculateBriefing(b *testing.B) {
	var values []string
	for i := range 20 {
		values = append(values, fmt.Sprintf("%d.%dB", 36+i/5, 2*(i%5)))
	}
	benchSpeculate(b, briefingDoc(b), 1, "contracts.msft_revshare.cap", values)
}

// benchSpeculate speculates on values of the field at path of doc's evaluation,
// drawing its first n charts, and reports the CPU time per position answered.
func benchSpeculate(b *testing.B, doc string, n int, path string, values []string) {
	s := NewService(nil)
	ev, err := s.Evaluate(doc, "quarter")
	if err != nil {
		b.Fatal(err)
	}
	var build []string
	for i := 0; i < n && i < len(ev.Computation.Charts); i++ {
		build = append(build, ev.Computation.Charts[i].ID)
	}
	answered := 0
	cpu := cpuTime()
	for b.Loop() {
		got, err := s.Speculate(ev.State, path, values, "quarter", build)
		if err != nil {
			b.Fatal(err)
		}
		answered += len(got)
	}
	if cpu > 0 && answered > 0 {
		b.ReportMetric(float64(cpuTime()-cpu)/float64(answered), "cpu-ns/position")
	}
}

func generatedDoc(b *testing.B) string {
	sc, err := scenario.Parse("g.yaml", gen.YAML(gen.Size{Contracts: 100, Years: 40}))
	if err != nil {
		b.Fatal(err)
	}
	return string(scenario.Marshal(sc))
}

// benchSteps steps the field at path of doc's evaluation to each of values in
// turn, always from the evaluation of doc, drawing its first n charts (n < 0:
// every chart). It reports the process's CPU time per step beside the wall time.
func benchSteps(b *testing.B, doc string, n int, path string, values ...string) {
	s := NewService(nil)
	ev, err := s.Evaluate(doc, "quarter")
	if err != nil {
		b.Fatal(err)
	}
	var build []string
	for i := 0; i < n && i < len(ev.Computation.Charts); i++ {
		build = append(build, ev.Computation.Charts[i].ID)
	}
	i := 0
	cpu := cpuTime()
	for b.Loop() {
		if _, err := s.Step(ev.State, []Edit{{OpSet, path, values[i%len(values)]}}, "quarter", build); err != nil {
			b.Fatal(err)
		}
		i++
	}
	// CPU time is steadier than wall time on a shared machine: a step waiting
	// for a core costs none.
	if cpu > 0 {
		b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/op")
	}
}
