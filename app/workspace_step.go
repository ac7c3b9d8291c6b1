package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"dealmodel/backend/charts"
	"dealmodel/backend/engine"
	"dealmodel/backend/fault"
	"dealmodel/backend/scenario"
	"dealmodel/backend/view"
)

// The lean edit path. The page holds the working copy and the evaluation it shows,
// each known to the service by a state id. An edit sends the edits and the state
// they apply to; the answer carries what changed: the lines of the document, and a
// patch of the evaluation (the figures, the chart series and the inputs that
// moved). A slider step of the briefing costs a few hundred bytes each way instead
// of the whole document up and the whole evaluation down.

// StepResult is the answer to Step: the new state and how to get there from the
// state the edits were applied to.
type StepResult struct {
	// Unknown says the service does not know the base state (it restarted, or
	// forgot it among older ones): nothing was applied. Send the edits with the
	// whole document (Apply) instead.
	Unknown bool `json:"unknown,omitempty"`
	// State identifies the working copy after the edits, and its evaluation.
	State string `json:"state"`
	// Doc changes the base document into the new one.
	Doc DocPatch `json:"doc"`
	// Patch changes the base evaluation into the new one, but for its document,
	// problems and dirty flag, which come whole below, and for the charts not
	// drawn.
	Patch    []PatchOp `json:"patch" ts_type:"Array<[Array<string | number>, unknown?]>"`
	Problems []Problem `json:"problems"`
	Dirty    bool      `json:"dirty"`
	// Charts are the ids of the charts drawn for the new state; the patch leaves
	// the options of the others as they were, of an earlier state (Charts draws
	// them when they are wanted).
	Charts []string `json:"charts"`
}

// DocPatch replaces lines [At, At+Del) of a document (split at "\n") with Ins.
// Sum is the FNV-1a hash of the new document's UTF-16 code units and Len their
// count, so that the page can check the copy it patched.
type DocPatch struct {
	At  int      `json:"at"`
	Del int      `json:"del"`
	Ins []string `json:"ins"`
	Len int      `json:"len"`
	Sum uint32   `json:"sum"`
}

// PatchOp sets the value at Path (object keys and array indexes from the root),
// or deletes it when Delete. It is written as a JSON array: [path, value], or
// [path] for a delete.
type PatchOp struct {
	Path   []any
	Value  json.RawMessage
	Delete bool
}

// MarshalJSON writes the op as [path, value] or [path].
func (op PatchOp) MarshalJSON() ([]byte, error) {
	path, err := json.Marshal(op.Path)
	if err != nil {
		return nil, err
	}
	if op.Delete {
		return []byte("[" + string(path) + "]"), nil
	}
	return []byte("[" + string(path) + "," + string(op.Value) + "]"), nil
}

// Step applies edits to the working copy of state base, as Apply does, and answers
// with what changed. When base is not known, nothing is applied and the answer says
// so (Unknown). build names the charts to draw (those in view), each of which the
// page holds as of base; nil draws every chart, all held as of base. The others keep
// their option of an earlier state. When the list of charts changes (a contract
// added, removed or renamed) every chart is drawn.
func (s *Service) Step(base string, edits []Edit, period string, build []string) (res *StepResult, err error) {
	defer s.guard(&err)
	defer s.fg.enter()()
	return s.step(base, edits, period, build, true)
}

// step is Step; keep says whether the new state is remembered for later steps
// (a speculation's are not: they would push the page's own out of the cache).
func (s *Service) step(base string, edits []Edit, period string, build []string, keep bool) (*StepResult, error) {
	p, err := checkPeriod(period)
	if err != nil {
		return nil, err
	}
	prev, ok := s.states.get(base)
	if !ok || prev.period != p {
		return &StepResult{Unknown: true, Patch: []PatchOp{}, Problems: []Problem{}, Charts: []string{}}, nil
	}
	e, problems := s.applyEdits(prev.e, edits)
	var want map[string]bool
	if build != nil {
		want = make(map[string]bool, len(build))
		for _, id := range build {
			want[id] = true
		}
	}
	ev, err := s.evaluate(e, p, problems, want)
	if err != nil {
		return nil, err
	}
	c := ev.Computation
	listed := !slices.Equal(headsOf(c.Charts), prev.heads)
	if listed {
		if err := s.drawAll(c); err != nil {
			return nil, err
		}
	}
	next := s.newState(ev, e, p)
	if keep {
		next = s.states.put(next)
	}
	patch := []PatchOp{}
	if err := diffFields(nil, reflect.ValueOf(prev.view).Elem(), reflect.ValueOf(next.view).Elem(), &patch); err != nil {
		return nil, err
	}
	drawn := []string{}
	if listed {
		js, err := json.Marshal(c.Charts)
		if err != nil {
			return nil, err
		}
		patch = append(patch, PatchOp{Path: []any{"computation", "charts"}, Value: js})
	}
	for i, ch := range c.Charts {
		if ch.Option == nil {
			continue
		}
		drawn = append(drawn, ch.ID)
		if listed {
			continue
		}
		if old, ok := prev.chart(ch.ID); ok {
			if err := diffValue([]any{"computation", "charts", i, "option"}, old, ch.Option, &patch); err != nil {
				return nil, err
			}
			continue
		}
		// The service no longer holds the option the page has: the whole chart.
		js, err := json.Marshal(ch)
		if err != nil {
			return nil, err
		}
		patch = append(patch, PatchOp{Path: []any{"computation", "charts", i}, Value: js})
	}
	return &StepResult{
		State:    next.id,
		Doc:      diffLines(prev.e.doc, e.doc),
		Patch:    patch,
		Problems: ev.Problems,
		Dirty:    ev.Dirty,
		Charts:   drawn,
	}, nil
}

// drawAll draws the charts of a computation not drawn yet.
func (s *Service) drawAll(c *Computation) error {
	for i, spec := range c.specs {
		if c.Charts[i].Option != nil {
			continue
		}
		opt, err := charts.Render(c.res, spec)
		if err != nil {
			s.logf("charts for %s: chart %s: %v", c.Scenario, spec.ID, err)
			return errInternal
		}
		c.Charts[i].Option = opt
	}
	return nil
}

// Charts draws charts of a state the service knows, by id, as of that state: the
// page asks for those a step left as they were once they come near the view.
func (s *Service) Charts(state string, ids []string) (out []charts.Chart, err error) {
	defer s.guard(&err)
	defer s.fg.enter()()
	st, ok := s.states.get(state)
	if !ok {
		return nil, fault.Errorf(fault.Conflict, "the working copy is no longer known to the service: reopen the scenario to continue")
	}
	out = make([]charts.Chart, 0, len(ids))
	var specs []view.Chart
	var res *engine.Result
	for _, id := range ids {
		i := slices.IndexFunc(st.heads, func(h chartHead) bool { return h.id == id })
		if i < 0 {
			return nil, fault.Errorf(fault.NotFound, "the scenario has no chart %q: it has %s", id, st.chartList())
		}
		ch := charts.Chart{ID: id, Title: st.heads[i].title}
		if opt, ok := st.chart(id); ok {
			ch.Option = opt
		} else {
			if specs == nil {
				if res, err = s.run(st); err != nil {
					return nil, err
				}
				specs = view.Charts(st.e.sc, res)
			}
			j := slices.IndexFunc(specs, func(c view.Chart) bool { return c.ID == id })
			if j < 0 {
				s.logf("chart %s of state %s: not in the catalogue", id, st.id)
				return nil, errInternal
			}
			if ch.Option, err = charts.Render(res, specs[j]); err != nil {
				s.logf("charts for %s: chart %s: %v", st.e.sc.Name, id, err)
				return nil, errInternal
			}
			st.keep(id, ch.Option)
		}
		out = append(out, ch)
	}
	return out, nil
}

// run is the engine's result of a state, by its period.
func (s *Service) run(st *state) (*engine.Result, error) {
	res, err := s.runs.Run(st.e.sc)
	if err != nil {
		s.logf("run %s: %v", st.e.sc.Name, err)
		return nil, errInternal
	}
	if st.period == engine.Yearly {
		res = res.ByYear()
	}
	return res, nil
}

// Resume is the whole evaluation of a state the service knows: the page asks for
// it when its copy of the document does not check against a step's sum.
func (s *Service) Resume(state string) (ev *Evaluation, err error) {
	defer s.guard(&err)
	defer s.fg.enter()()
	st, ok := s.states.get(state)
	if !ok {
		return nil, fault.Errorf(fault.Conflict, "the working copy is no longer known to the service: reopen the scenario to continue")
	}
	if ev, err = s.evaluate(st.e, st.period, nil, nil); err != nil {
		return nil, err
	}
	return s.stamp(ev, st.e, st.period)
}

// stamp remembers an evaluation for later steps and sets its state id.
func (s *Service) stamp(ev *Evaluation, e *parsed, p engine.Period) (*Evaluation, error) {
	ev.State = s.remember(ev, e, p).id
	return ev, nil
}

// remember keeps the evaluation of a working copy, as the page will hold it, under
// its state id: the evaluation without its charts and the fields a step sends
// whole, the list of its charts and the options drawn.
func (s *Service) remember(ev *Evaluation, e *parsed, p engine.Period) *state {
	return s.states.put(s.newState(ev, e, p))
}

// newState is the state of an evaluation, as the page will hold it.
func (s *Service) newState(ev *Evaluation, e *parsed, p engine.Period) *state {
	view := *ev
	view.Document, view.Problems, view.Dirty, view.State = "", nil, false, ""
	comp := *ev.Computation
	// Neither the charts nor the run they were drawn from are kept with it: a
	// state's charts are kept by id below, and a run of a large scenario is
	// megabytes.
	comp.Charts, comp.res, comp.specs = nil, nil, nil
	view.Computation = &comp
	st := &state{id: e.hash[:min(16, len(e.hash))] + "." + string(p), e: e, period: p, view: &view,
		heads: headsOf(ev.Computation.Charts), charts: map[string]json.RawMessage{}}
	for _, ch := range ev.Computation.Charts {
		if ch.Option != nil {
			st.charts[ch.ID] = ch.Option
		}
	}
	return st
}

// diffFields lists the ops that turn the JSON of struct a into that of b, of the
// same type, field by field, without writing the fields that are equal: a field of
// a struct pointer is compared field by field, a slice of the same length element
// by element, and only the values that differ are written and diffed as JSON
// (diffValue).
func diffFields(path []any, a, b reflect.Value, ops *[]PatchOp) error {
	t := a.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" || f.Anonymous {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fa, fb := a.Field(i), b.Field(i)
		p := extend(path, name)
		if slices.Contains(strings.Split(opts, ","), "omitempty") {
			switch ea, eb := isEmpty(fa), isEmpty(fb); {
			case ea && eb:
				continue
			case eb:
				*ops = append(*ops, PatchOp{Path: p, Delete: true})
				continue
			case ea:
				if err := setValue(p, fb, ops); err != nil {
					return err
				}
				continue
			}
		}
		if err := diffField(p, fa, fb, ops); err != nil {
			return err
		}
	}
	return nil
}

func diffField(path []any, a, b reflect.Value, ops *[]PatchOp) error {
	switch {
	case a.Kind() == reflect.Pointer && a.Type().Elem().Kind() == reflect.Struct && !a.IsNil() && !b.IsNil():
		return diffFields(path, a.Elem(), b.Elem(), ops)
	case a.Kind() == reflect.Slice && a.IsNil() == b.IsNil() && a.Len() == b.Len():
		if a.Len() == 0 || a.UnsafePointer() == b.UnsafePointer() {
			return nil // the same elements: the periods of an unchanged horizon
		}
		for i := range a.Len() {
			if err := diffField(extend(path, i), a.Index(i), b.Index(i), ops); err != nil {
				return err
			}
		}
		return nil
	}
	// Through pointers where it can: a struct put in an interface is copied.
	va, vb := a.Interface, b.Interface
	if a.CanAddr() && b.CanAddr() {
		va, vb = a.Addr().Interface, b.Addr().Interface
	}
	if reflect.DeepEqual(va(), vb()) {
		return nil
	}
	ja, err := json.Marshal(va())
	if err != nil {
		return err
	}
	jb, err := json.Marshal(vb())
	if err != nil {
		return err
	}
	return diffValue(path, ja, jb, ops)
}

func setValue(path []any, v reflect.Value, ops *[]PatchOp) error {
	js, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	*ops = append(*ops, PatchOp{Path: path, Value: js})
	return nil
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return v.IsZero()
}

// applyEdits applies edits to a working copy in order; an edit that does not apply
// changes nothing and is reported.
func (s *Service) applyEdits(e *parsed, edits []Edit) (*parsed, []Problem) {
	// Each edit applies to a copy of the scenario so far, which it may leave half
	// changed when it fails; e.sc itself is never changed.
	sc := e.sc
	problems := []Problem{}
	changed := false
	for _, ed := range edits {
		next := sc.Clone()
		if perr := applyEdit(next, ed); perr != nil {
			problems = append(problems, Problem{Path: ed.Path, Message: perr.Error()})
			continue
		}
		sc, changed = next, true
	}
	if !changed {
		return e, problems
	}
	next := s.canonical(sc)
	if len(next.doc) > scenario.MaxSize {
		problems = append(problems, Problem{Path: edits[len(edits)-1].Path,
			Message: fmt.Sprintf("these edits would make the scenario larger than %d MiB, the most a scenario file holds: nothing was changed", scenario.MaxSize>>20)})
		return e, problems
	}
	return next, problems
}

// state is an evaluation the page holds: its working copy, its period, the
// evaluation (without the charts and the fields a step sends whole; never changed
// once kept), the list of its charts
// and the options of those drawn so far (each a function of the working copy and
// the period only, so whichever window asked for it).
type state struct {
	id     string
	e      *parsed
	period engine.Period
	view   *Evaluation
	heads  []chartHead

	mu     sync.Mutex
	charts map[string]json.RawMessage
}

// chartHead is a chart as the list of charts names it.
type chartHead struct{ id, title string }

func headsOf(chs []charts.Chart) []chartHead {
	out := make([]chartHead, len(chs))
	for i, ch := range chs {
		out[i] = chartHead{ch.ID, ch.Title}
	}
	return out
}

// chart is the option of a chart drawn for the state.
func (st *state) chart(id string) (json.RawMessage, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	opt, ok := st.charts[id]
	return opt, ok
}

// keep remembers the option of a chart drawn for the state.
func (st *state) keep(id string, opt json.RawMessage) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.charts[id] = opt
}

// chartList names the state's charts, for a message.
func (st *state) chartList() string {
	if len(st.heads) == 0 {
		return "none"
	}
	ids := make([]string, len(st.heads))
	for i, h := range st.heads {
		ids[i] = strconv.Quote(h.id)
	}
	return strings.Join(ids, ", ")
}

// stateCache holds the latest states: the one shown in each window, and those of
// answers still on their way (a step applies to the state its request started from).
type stateCache struct {
	mu    sync.Mutex
	m     map[string]*state
	order []string
}

const stateCacheSize = 16

func (c *stateCache) get(id string) (*state, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.m[id]
	return st, ok
}

// put keeps st and returns it. A state kept already under its id gives it the
// options it has drawn.
func (c *stateCache) put(st *state) *state {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*state{}
	}
	if old, ok := c.m[st.id]; ok {
		old.mu.Lock()
		for id, opt := range old.charts {
			if _, ok := st.charts[id]; !ok {
				st.charts[id] = opt
			}
		}
		old.mu.Unlock()
		// Most recently used last: a state in use is not the next to go.
		for i, id := range c.order {
			if id == st.id {
				c.order = append(c.order[:i], c.order[i+1:]...)
				break
			}
		}
	}
	c.m[st.id] = st
	c.order = append(c.order, st.id)
	if len(c.order) > stateCacheSize {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	return st
}

// diffLines is the one run of lines that changes a into b: the lines (split at
// "\n") both begin with are kept, then those both end with, and the rest of b's
// replace the rest of a's. The lines are compared in place, without splitting
// either document: only the lines inserted are split out.
func diffLines(a, b string) DocPatch {
	na, nb := strings.Count(a, "\n")+1, strings.Count(b, "\n")+1
	// pre lines are the same; p is where the next starts, in both.
	pre, p := 0, 0
	for pre < na && pre < nb {
		ea, eb := lineEnd(a, p), lineEnd(b, p)
		if a[p:ea] != b[p:eb] {
			break
		}
		pre, p = pre+1, ea+1
	}
	// suf lines are the same at the ends; qa and qb are where the line before
	// them ends.
	suf, qa, qb := 0, len(a), len(b)
	for suf < na-pre && suf < nb-pre {
		sa, sb := strings.LastIndexByte(a[:qa], '\n')+1, strings.LastIndexByte(b[:qb], '\n')+1
		if a[sa:qa] != b[sb:qb] {
			break
		}
		suf, qa, qb = suf+1, sa-1, sb-1
	}
	ins := []string{}
	if nb-suf > pre {
		ins = strings.Split(b[p:qb], "\n")
	}
	n, sum := utf16Sum(b)
	return DocPatch{At: pre, Del: na - pre - suf, Ins: ins, Len: n, Sum: sum}
}

// lineEnd is where the line of s that starts at p ends: its "\n", or the end.
func lineEnd(s string, p int) int {
	if i := strings.IndexByte(s[p:], '\n'); i >= 0 {
		return p + i
	}
	return len(s)
}

// utf16Sum counts s's UTF-16 code units and hashes them with FNV-1a (32 bits), as
// the page does with its JavaScript string.
func utf16Sum(s string) (int, uint32) {
	const offset, prime = 2166136261, 16777619
	h := uint32(offset)
	n := 0
	add := func(u uint16) {
		h ^= uint32(u)
		h *= prime
		n++
	}
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			add(uint16(0xD800 + (r >> 10)))
			add(uint16(0xDC00 + (r & 0x3FF)))
		} else {
			add(uint16(r))
		}
	}
	return n, h
}

// diffJSON lists the ops that turn JSON document a into b. Equal parts are
// skipped by their bytes; objects are compared key by key and arrays of the same
// length index by index, down to where the values differ, unless replacing the
// whole part is shorter.
func diffJSON(a, b []byte) ([]PatchOp, error) {
	ops := []PatchOp{}
	if err := diffValue(nil, a, b, &ops); err != nil {
		return nil, err
	}
	return ops, nil
}

func diffValue(path []any, a, b json.RawMessage, ops *[]PatchOp) error {
	if bytes.Equal(a, b) {
		return nil
	}
	set := PatchOp{Path: path, Value: b}
	var sub []PatchOp
	// The ops of the parts are kept only while they weigh less than the whole
	// part: past that, the part is set whole (and the sum only grows, so it can
	// be seen as soon as it is passed).
	limit, size := len(b)+pathSize(path), 0
	over := func(from int) bool {
		size += opsSize(sub[from:])
		return len(path) > 0 && size > limit
	}
	switch {
	case isObject(a) && isObject(b):
		ka, va := members(a)
		kb, vb := members(b)
		old := make(map[string]json.RawMessage, len(ka))
		for i, k := range ka {
			old[k] = va[i]
		}
		for i, k := range kb {
			if was, ok := old[k]; ok && bytes.Equal(was, vb[i]) {
				delete(old, k) // as it was: no path to write
				continue
			}
			n := len(sub)
			if err := diffValue(extend(path, k), old[k], vb[i], &sub); err != nil {
				return err
			}
			if over(n) {
				*ops = append(*ops, set)
				return nil
			}
			delete(old, k)
		}
		for _, k := range ka {
			if _, gone := old[k]; gone {
				sub = append(sub, PatchOp{Path: extend(path, k), Delete: true})
			}
		}
	case isArray(a) && isArray(b):
		_, la := members(a)
		_, lb := members(b)
		if len(la) != len(lb) {
			*ops = append(*ops, set)
			return nil
		}
		for i := range lb {
			if bytes.Equal(la[i], lb[i]) {
				continue
			}
			n := len(sub)
			if err := diffValue(extend(path, i), la[i], lb[i], &sub); err != nil {
				return err
			}
			if over(n) {
				*ops = append(*ops, set)
				return nil
			}
		}
	default:
		*ops = append(*ops, set)
		return nil
	}
	if len(path) > 0 && opsSize(sub) > limit {
		*ops = append(*ops, set)
		return nil
	}
	*ops = append(*ops, sub...)
	return nil
}

func extend(path []any, k any) []any {
	return append(append(make([]any, 0, len(path)+1), path...), k)
}

func isObject(v json.RawMessage) bool { return len(v) > 0 && v[0] == '{' }
func isArray(v json.RawMessage) bool  { return len(v) > 0 && v[0] == '[' }

// opsSize is about what ops weigh as JSON.
func opsSize(ops []PatchOp) int {
	n := 0
	for _, op := range ops {
		n += pathSize(op.Path) + len(op.Value) + 4
	}
	return n
}

func pathSize(path []any) int {
	n := 2
	for _, p := range path {
		switch v := p.(type) {
		case string:
			n += len(v) + 3
		case int:
			n += len(strconv.Itoa(v)) + 1
		}
	}
	return n
}

// members splits a JSON object or array, as json.Marshal writes them (no space
// between tokens), into its keys (objects only) and raw values, without decoding
// or checking the values: a diff descends only into the parts that differ, and
// decoding a whole evaluation at every level would cost its size times its depth.
func members(v json.RawMessage) (keys []string, vals []json.RawMessage) {
	obj := v[0] == '{'
	i, n := 1, len(v)-1 // inside the brackets
	for i < n {
		if obj {
			end := skipString(v, i)
			// A key without escapes is its bytes; only one with them is decoded.
			k := string(v[i+1 : end-1])
			if bytes.IndexByte(v[i:end], '\\') >= 0 {
				if err := json.Unmarshal(v[i:end], &k); err != nil {
					k = string(v[i+1 : end-1])
				}
			}
			keys = append(keys, k)
			i = end + 1 // the colon
		}
		start := i
		i = skipValue(v, i)
		vals = append(vals, v[start:i])
		i++ // the comma, or the closing bracket
	}
	return keys, vals
}

// skipString returns the index after the string that starts at i.
func skipString(v []byte, i int) int {
	for i++; i < len(v); i++ {
		switch v[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(v)
}

// skipValue returns the index after the value that starts at i.
func skipValue(v []byte, i int) int {
	depth := 0
	for i < len(v) {
		switch v[i] {
		case '"':
			i = skipString(v, i)
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}
