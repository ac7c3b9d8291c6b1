package app

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
	"dealmodel/backend/view"
)

// InputGroup is a heading of the inputs panel: the scenario's horizon, one stream or
// one contract, with what applies to it as a whole.
type InputGroup struct {
	ID   string `json:"id"`   // "scenario", "streams.<id>", "contracts.<id>"
	Kind string `json:"kind"` // scenario, stream, or the contract type
	// KindLabel names the kind for people: "Stream", or the contract type's title
	// from its module ("Revenue share").
	KindLabel string   `json:"kindLabel"`
	Label     string   `json:"label"`
	Detail    string   `json:"detail"` // "OpenAI → Microsoft"
	Sources   []string `json:"sources"`
	Enabled   bool     `json:"enabled"`
	// Removable says the group can be removed (streams that a contract uses cannot).
	Removable bool `json:"removable"`
	// CanAddCap and CanRemoveCap say a revenue share's cap can be added or removed.
	CanAddCap    bool `json:"canAddCap"`
	CanRemoveCap bool `json:"canRemoveCap"`
	// Events are the group's dated events (format v2), in quarter order: a
	// contract's changes, tranches and deadlines, a stream's reported quarters.
	Events []Event `json:"events"`
	// Timeline says the group shows its timeline even before it has events: a
	// stream (its reported quarters) and a contract whose terms can change on a
	// date. ChangeTerms are those terms, from the contract's type, each with an
	// example value for the form that adds a change.
	Timeline    bool         `json:"timeline"`
	ChangeTerms []ChangeTerm `json:"changeTerms"`
	// Texts are the group's texts edited in place (the scenario's description; a
	// stream's label; a contract's label and parties), and SourcesPath where its
	// sources are edited ("" for none). Placeholders lists the paths among them
	// still as a template wrote them.
	Texts        []TextField `json:"texts"`
	SourcesPath  string      `json:"sourcesPath"`
	Placeholders []string    `json:"placeholders"`
	// Choices are the contract's terms chosen from a list (a commitment's
	// profile, a revenue share's base, a stake's valuation method), each edited
	// as a text at its path.
	Choices []ChoiceField `json:"choices"`
}

// ChoiceField is a term chosen from a list: its path, what people read for it,
// the value it has and the values it may take.
type ChoiceField struct {
	Path    string         `json:"path"`
	Label   string         `json:"label"`
	Value   string         `json:"value"`
	Options []ChoiceOption `json:"options"`
}

// ChoiceOption is one value of a choice and its label.
type ChoiceOption struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

// ChangeTerm is a term a contract's dated change may set: its key
// (changes.<quarter>.<key>) and an example value ("15%").
type ChangeTerm struct {
	Key     string `json:"key"`
	Example string `json:"example"`
}

// changeTermsOf lists the terms dated changes of a contract type may set.
func changeTermsOf(typ string) []ChangeTerm {
	out := []ChangeTerm{}
	for _, t := range contract.ChangeTermsOf(typ) {
		out = append(out, ChangeTerm{Key: t.Key, Example: t.Example})
	}
	return out
}

// TextField is one text edited in place, by path with the text edit.
type TextField struct {
	Path  string `json:"path"`
	Key   string `json:"key"` // label, payer, payee, holder, description
	Label string `json:"label"`
	Value string `json:"value"`
	// Multiline: the description, written over several lines.
	Multiline bool `json:"multiline,omitempty"`
}

// Event is one dated event of a stream or contract, for its timeline.
type Event struct {
	// Path is the event's own path (contracts.x.changes.2026Q2,
	// contracts.x.tranches.contingent, streams.x.actuals.2026Q1): a quarter
	// edit moves it, a remove removes it.
	Path    string `json:"path"`
	Quarter string `json:"quarter"`
	// Kind is change, tranche, deadline, mark, cap_from, ramp or actual.
	Kind    string   `json:"kind"`
	What    string   `json:"what"`
	Note    string   `json:"note"`
	Sources []string `json:"sources"`
	Lapsed  bool     `json:"lapsed"`
}

// eventsOf turns the timeline's events of one group into the panel's.
func eventsOf(list []view.Event, group string) []Event {
	out := []Event{}
	for _, e := range list {
		if e.Path != group {
			continue
		}
		src := e.Sources
		if src == nil {
			src = []string{}
		}
		out = append(out, Event{Path: e.Path + "." + e.Key, Quarter: e.Quarter.String(), Kind: e.Kind, What: e.What, Note: e.Note, Sources: src, Lapsed: e.Lapsed})
	}
	return out
}

// Input is one editable value: a slider and an exact text field for numbers, a
// quarter picker for dates, a switch for a contract.
type Input struct {
	Path       string `json:"path"`
	Kind       string `json:"kind"` // amount, rate, integer, number, quarter, toggle
	Group      string `json:"group"`
	GroupLabel string `json:"groupLabel"`
	Label      string `json:"label"`
	// Value is exact, in the format's syntax: 38B, 20%, 7, 2026Q2, true.
	Value string `json:"value"`
	// Number is the value for the slider (for a quarter, year*4 + quarter - 1).
	Number float64 `json:"number"`
	// Min, Max and Step are the slider's range: the scenario's uncertainty range
	// when it has one for this input, else a range around the value.
	Min  float64 `json:"min"`
	Max  float64 `json:"max"`
	Step float64 `json:"step"`
	// Sources of the figure's uncertainty range. Those of its stream or contract
	// are its group's, sent once rather than with each of its inputs.
	Sources   []string `json:"sources"`
	Uncertain bool     `json:"uncertain"`
	// Range describes the uncertainty ("triangular: low 26B, mode 38B, high 60B").
	Range string `json:"range,omitempty"`
	// Outside says, for people, that the value lies outside its uncertainty range,
	// so that the simulation draws from a range that does not hold it; "" when it
	// lies inside or there is no range.
	Outside string `json:"outside,omitempty"`
}

// Input kinds beyond the field kinds of the scenario package.
const (
	KindQuarter = "quarter"
	KindToggle  = "toggle"
)

// inputsOf lists every input of a scenario, grouped, in document order, made
// from scratch: the service goes through panelMemo.inputsOf, which its test holds
// to this.
func inputsOf(sc *scenario.Scenario) ([]InputGroup, []Input) {
	p := newPanel(sc)
	p.head(sc.StreamUsers())
	for i := range sc.Contracts {
		p.contract(&sc.Contracts[i])
	}
	return p.groups, p.inputs
}

// panel builds the inputs panel of a scenario: its groups and inputs, in order.
type panel struct {
	sc *scenario.Scenario
	// streams are what a contract's choices choose among (a revenue share's base):
	// the scenario's, also when sc holds one contract alone (panelMemo).
	streams   []scenario.Stream
	fields    map[string]scenario.Field
	uncertain map[string]*scenario.UncertainInput
	timeline  []view.Event
	holes     map[string][]string
	groups    []InputGroup
	inputs    []Input
	g         *InputGroup // the group being filled
}

func newPanel(sc *scenario.Scenario) *panel {
	p := &panel{sc: sc, streams: sc.Streams, fields: map[string]scenario.Field{}, uncertain: map[string]*scenario.UncertainInput{},
		holes: map[string][]string{}, groups: []InputGroup{}, inputs: []Input{}}
	for _, f := range sc.Fields() {
		p.fields[f.Path] = f
	}
	if sc.Uncertainty != nil {
		for i := range sc.Uncertainty.Inputs {
			p.uncertain[sc.Uncertainty.Inputs[i].Path] = &sc.Uncertainty.Inputs[i]
		}
	}
	// The streams' reported quarters and every contract's events, a disabled
	// contract's too: it is edited like the others.
	p.timeline = view.Timeline(sc)
	for i := range sc.Contracts {
		if c := &sc.Contracts[i]; !c.Enabled {
			for _, e := range contract.EventsOf(sc, c) {
				p.timeline = append(p.timeline, view.Event{Event: e, Path: "contracts." + c.ID, Of: c.DisplayLabel()})
			}
		}
	}
	for _, ph := range contract.Placeholders(sc) {
		owner := ph.Path[:strings.LastIndex(ph.Path, ".")]
		p.holes[owner] = append(p.holes[owner], ph.Path)
	}
	return p
}

func (p *panel) group(ig InputGroup) {
	if ig.Sources == nil {
		ig.Sources = []string{}
	}
	if ig.Texts == nil {
		ig.Texts = []TextField{}
	}
	if ig.ChangeTerms == nil {
		ig.ChangeTerms = []ChangeTerm{}
	}
	if ig.Choices == nil {
		ig.Choices = []ChoiceField{}
	}
	ig.Placeholders = p.holes[ig.ID]
	if ig.Placeholders == nil {
		ig.Placeholders = []string{}
	}
	ig.Events = eventsOf(p.timeline, ig.ID)
	p.groups = append(p.groups, ig)
	p.g = &p.groups[len(p.groups)-1]
}

func (p *panel) num(path, label string) {
	f, ok := p.fields[path]
	if !ok {
		return
	}
	in := numberInput(f, p.uncertain[path])
	in.Group, in.GroupLabel, in.Label = p.g.ID, p.g.Label, label
	p.inputs = append(p.inputs, in)
}

func (p *panel) quarter(path, label string, q scenario.Quarter) {
	lo := min(p.sc.Start, q) - 40
	hi := max(p.sc.End, q) + 40
	p.inputs = append(p.inputs, Input{
		Path: path, Kind: KindQuarter, Group: p.g.ID, GroupLabel: p.g.Label, Label: label,
		Value: q.String(), Number: float64(q), Min: float64(lo), Max: float64(hi), Step: 1,
		Sources: []string{},
	})
}

// head adds the scenario's own group and the streams'; used names the contracts
// that use each stream (Scenario.StreamUsers).
func (p *panel) head(used map[string]string) {
	sc := p.sc
	p.group(InputGroup{ID: "scenario", Kind: "scenario", KindLabel: "Scenario", Label: "Horizon and discounting", Detail: "The quarters modeled and the NPV rate", Enabled: true,
		Texts: []TextField{{Path: "description", Key: "description", Label: "Description", Value: sc.Description, Multiline: true}}})
	p.quarter("start", "Start", sc.Start)
	p.quarter("end", "End", sc.End)
	p.num("discount_rate", "Discount rate")

	for i := range sc.Streams {
		st := &sc.Streams[i]
		path := "streams." + st.ID
		detail := "Revenue stream"
		if u, ok := used[st.ID]; ok {
			detail = "Revenue stream, the base of " + u
		}
		p.group(InputGroup{ID: path, Kind: "stream", KindLabel: "Stream", Label: st.DisplayLabel(), Detail: detail, Sources: st.Sources, Enabled: true, Removable: used[st.ID] == "", Timeline: true,
			Texts: []TextField{{Path: path + ".label", Key: "label", Label: "Label", Value: st.DisplayLabel()}}, SourcesPath: path + ".sources"})
		for _, a := range st.Annual {
			y := strconv.Itoa(a.Year)
			p.num(path+".annual."+y, y)
		}
		for _, gr := range st.Growth {
			y := strconv.Itoa(gr.Year)
			p.num(path+".growth."+y, "Growth from "+y)
		}
		for _, a := range st.Actuals {
			q := a.Quarter.String()
			p.num(path+".actuals."+q, q+" actual")
		}
	}
}

// contract adds a contract's group: what it reads of the scenario besides the
// contract is the horizon (for its quarters), the uncertain inputs of its own
// fields, and the placeholders and events of its own path.
func (p *panel) contract(c *scenario.Contract) {
	path := "contracts." + c.ID
	ed, editable := scenario.ContractEditorOf(c)
	detail := c.Payer + " → " + c.Payee
	var canAdd, canRemove bool
	if editable {
		detail = ed.Detail(c)
		for _, o := range ed.Optional(c) {
			// The panel offers to add or remove a cap, the one optional part so far.
			if o.Key == "cap" {
				canAdd, canRemove = !o.Present, o.Present
			}
		}
	}
	texts := []TextField{{Path: path + ".label", Key: "label", Label: "Label", Value: c.DisplayLabel()}}
	if c.MovesMoney() {
		texts = append(texts, TextField{Path: path + ".payer", Key: "payer", Label: "Payer", Value: c.Payer}, TextField{Path: path + ".payee", Key: "payee", Label: "Payee", Value: c.Payee})
	} else if h := contract.Equity(c).Holder; h != "" {
		texts = append(texts, TextField{Path: path + ".holder", Key: "holder", Label: "Holder", Value: h})
	}
	terms := changeTermsOf(c.Type)
	var choices []ChoiceField
	for _, ch := range contract.ChoicesOf(&scenario.Scenario{Start: p.sc.Start, End: p.sc.End, Streams: p.streams}, c) {
		opts := make([]ChoiceOption, len(ch.Options))
		for i, o := range ch.Options {
			opts[i] = ChoiceOption{Value: o.Value, Label: o.Label}
		}
		choices = append(choices, ChoiceField{Path: path + "." + ch.Key, Label: ch.Label, Value: ch.Value, Options: opts})
	}
	p.group(InputGroup{
		ID: path, Kind: c.Type, KindLabel: contract.Title(c.Type), Label: c.DisplayLabel(), Detail: detail, Sources: c.Sources,
		Enabled: c.Enabled, Removable: true, Timeline: len(terms) > 0, ChangeTerms: terms,
		CanAddCap:    canAdd,
		CanRemoveCap: canRemove,
		Texts:        texts,
		SourcesPath:  path + ".sources",
		Choices:      choices,
	})
	on := "false"
	if c.Enabled {
		on = "true"
	}
	p.inputs = append(p.inputs, Input{Path: path, Kind: KindToggle, Group: p.g.ID, GroupLabel: p.g.Label, Label: "Included in the model", Value: on, Sources: []string{}})
	if !editable {
		for _, f := range p.sc.Fields() {
			if rest, ok := strings.CutPrefix(f.Path, path+"."); ok {
				p.num(f.Path, rest)
			}
		}
		return
	}
	for _, in := range ed.Inputs(c) {
		if in.Date {
			p.quarter(path+"."+in.Key, in.Label, in.Quarter)
		} else {
			p.num(path+"."+in.Key, in.Label)
		}
	}
}

// panelMemo makes the inputs panel as inputsOf does, taking each contract's group
// and inputs from the latest panel when everything the group reads is as it was:
// the contract (compared in depth with a copy), the horizon, the format version
// and the uncertain inputs under the contract's path; and the scenario's and the
// streams' groups likewise (headPanel). An edit of one contract of a hundred
// makes one group again. It is safe for concurrent use.
type panelMemo struct {
	mu   sync.Mutex
	m    map[string]*contractPanel
	head *headPanel
}

// headPanel is the scenario's group and the streams', their inputs, and what
// they were made from: the description, the horizon, the version, the discount
// rate, the streams (compared in depth with copies), the contracts that use each
// stream and the uncertain inputs of all but the contracts' fields.
type headPanel struct {
	description string
	start, end  scenario.Quarter
	version     int
	rate        decimal.Decimal
	streams     []scenario.Stream
	used        map[string]string
	uncertain   []scenario.UncertainInput
	groups      []InputGroup
	inputs      []Input
}

// contractPanel is a contract's group and inputs, and what they were made from.
type contractPanel struct {
	c          scenario.Contract
	start, end scenario.Quarter
	version    int
	streams    string // the streams' ids and labels, which its choices offer
	uncertain  []scenario.UncertainInput
	group      InputGroup
	inputs     []Input
}

// inputsOf is inputsOf(sc).
func (m *panelMemo) inputsOf(sc *scenario.Scenario) ([]InputGroup, []Input) {
	m.mu.Lock()
	prev, prevHead := m.m, m.head
	m.mu.Unlock()
	var uncertain map[string][]scenario.UncertainInput
	var own []scenario.UncertainInput // of the scenario's own fields and the streams'
	if sc.Uncertainty != nil {
		uncertain = map[string][]scenario.UncertainInput{}
		for _, in := range sc.Uncertainty.Inputs {
			if rest, ok := strings.CutPrefix(in.Path, "contracts."); ok {
				id, _, _ := strings.Cut(rest, ".")
				uncertain[id] = append(uncertain[id], in)
			} else {
				own = append(own, in)
			}
		}
	}
	// The scenario's group and the streams' read no contract but for the
	// stream users, taken from the whole scenario.
	used := sc.StreamUsers()
	h := prevHead
	if h == nil || h.description != sc.Description || h.start != sc.Start || h.end != sc.End || h.version != sc.Version ||
		h.rate.Exponent() != sc.DiscountRate.Exponent() || !h.rate.Equal(sc.DiscountRate) ||
		!reflect.DeepEqual(h.used, used) || !reflect.DeepEqual(h.uncertain, own) || !reflect.DeepEqual(h.streams, sc.Streams) {
		head := *sc
		head.Contracts = nil
		q := newPanel(&head)
		q.head(used)
		h = &headPanel{description: sc.Description, start: sc.Start, end: sc.End, version: sc.Version, rate: sc.DiscountRate,
			used: used, uncertain: cloneUncertain(own), groups: q.groups, inputs: q.inputs}
		h.streams = make([]scenario.Stream, len(sc.Streams))
		for i := range sc.Streams {
			h.streams[i] = sc.Streams[i].Clone()
		}
	}
	var sk strings.Builder
	for i := range sc.Streams {
		sk.WriteString(sc.Streams[i].ID + "\x00" + sc.Streams[i].DisplayLabel() + "\x00")
	}
	streams := sk.String()
	groups := append(make([]InputGroup, 0, len(h.groups)+len(sc.Contracts)), h.groups...)
	inputs := append(make([]Input, 0, len(h.inputs)+6*len(sc.Contracts)), h.inputs...)
	next := make(map[string]*contractPanel, len(sc.Contracts))
	for i := range sc.Contracts {
		c := &sc.Contracts[i]
		e := prev[c.ID]
		if e == nil || e.start != sc.Start || e.end != sc.End || e.version != sc.Version || e.streams != streams ||
			!reflect.DeepEqual(e.uncertain, uncertain[c.ID]) || !reflect.DeepEqual(&e.c, c) {
			// The contract alone, with the scenario's horizon and uncertainty.
			one := *sc
			one.Streams, one.Contracts = nil, sc.Contracts[i:i+1:i+1]
			q := newPanel(&one)
			q.streams = sc.Streams
			q.contract(c)
			e = &contractPanel{c: c.Clone(), start: sc.Start, end: sc.End, version: sc.Version, streams: streams,
				uncertain: cloneUncertain(uncertain[c.ID]), group: q.groups[0], inputs: q.inputs}
		}
		next[c.ID] = e
		groups = append(groups, e.group)
		inputs = append(inputs, e.inputs...)
	}
	m.mu.Lock()
	m.m, m.head = next, h
	m.mu.Unlock()
	return groups, inputs
}

// cloneUncertain copies uncertain inputs in depth.
func cloneUncertain(list []scenario.UncertainInput) []scenario.UncertainInput {
	if list == nil {
		return nil
	}
	out := make([]scenario.UncertainInput, len(list))
	for i, in := range list {
		in.Params = append([]scenario.Param(nil), in.Params...)
		in.Values = append([]string(nil), in.Values...)
		in.Probs = append([]decimal.Decimal(nil), in.Probs...)
		in.Sources = append([]string(nil), in.Sources...)
		out[i] = in
	}
	return out
}

// numberInput is the input of a numeric field, its slider ranging over the
// uncertainty range when there is one.
func numberInput(f scenario.Field, u *scenario.UncertainInput) Input {
	in := Input{
		Path:    f.Path,
		Kind:    string(f.Kind),
		Value:   scenario.FormatValue(f.Kind, f.Value),
		Number:  money.Float(f.Value),
		Sources: []string{},
	}
	lo, hi, ok := uncertainRange(u)
	if ok {
		in.Uncertain = true
		in.Range = describeUncertainty(f.Kind, u)
		in.Sources = append(in.Sources, u.Sources...)
		if v := in.Number; v < lo || v > hi {
			side := "above"
			if v < lo {
				side = "below"
			}
			bound := func(x float64) string {
				d := decimal.NewFromFloat(x)
				if f.Kind == scenario.KindAmount {
					return scenario.FormatValue(f.Kind, money.RoundWhole(d))
				}
				return scenario.FormatValue(f.Kind, d.Round(6))
			}
			in.Outside = fmt.Sprintf("%s is %s its range (%s to %s): the uncertainty analysis draws from the range, not around this value.",
				in.Value, side, bound(lo), bound(hi))
		}
	} else {
		lo, hi = defaultRange(f)
	}
	in.Min, in.Max, in.Step = sliderRange(f, lo, hi)
	return in
}

// uncertainRange is where an uncertain input's distribution puts nearly all its
// weight: low..high for bounded distributions, three standard deviations around the
// mean for a normal one, two (in log space) for a lognormal.
func uncertainRange(u *scenario.UncertainInput) (float64, float64, bool) {
	if u == nil {
		return 0, 0, false
	}
	get := func(n string) float64 {
		v, _ := u.Get(n)
		return money.Float(v)
	}
	switch u.Dist {
	case scenario.DistTriangular, scenario.DistPert, scenario.DistUniform:
		return get("low"), get("high"), true
	case scenario.DistNormal:
		m, sd := get("mean"), get("sd")
		return m - 3*sd, m + 3*sd, true
	case scenario.DistLognormal:
		var mu, sigma float64
		if _, ok := u.Get("p10"); ok {
			a, b := math.Log(get("p10")), math.Log(get("p90"))
			mu, sigma = (a+b)/2, (b-a)/(2*1.2815515655446004)
		} else {
			mu, sigma = get("mu"), get("sigma")
		}
		return math.Exp(mu - 2*sigma), math.Exp(mu + 2*sigma), true
	case scenario.DistDiscrete:
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, t := range u.Values {
			if v, err := decimal.NewFromString(strings.TrimSpace(t)); err == nil {
				lo, hi = math.Min(lo, money.Float(v)), math.Max(hi, money.Float(v))
			} else if v, err := scenario.ParseAmount(t); err == nil {
				lo, hi = math.Min(lo, money.Float(v)), math.Max(hi, money.Float(v))
			} else if v, err := scenario.ParseRate(t); err == nil {
				lo, hi = math.Min(lo, money.Float(v)), math.Max(hi, money.Float(v))
			}
		}
		return lo, hi, lo <= hi
	}
	return 0, 0, false
}

// describeUncertainty writes a distribution for people, in the field's unit.
func describeUncertainty(k scenario.FieldKind, u *scenario.UncertainInput) string {
	parts := make([]string, 0, len(u.Params)+len(u.Values))
	for _, p := range u.Params {
		v := p.Value.String()
		switch {
		case p.Name == "p":
			v = scenario.FormatRate(p.Value)
		case p.Name != "mu" && p.Name != "sigma":
			v = scenario.FormatValue(k, p.Value)
		}
		parts = append(parts, p.Name+" "+v)
	}
	for i, t := range u.Values {
		if i < len(u.Probs) {
			parts = append(parts, t+" at "+scenario.FormatRate(u.Probs[i]))
		}
	}
	return u.Dist + ": " + strings.Join(parts, ", ")
}

// defaultRange is a slider range around a value that has no uncertainty range: from
// the field's floor to about twice the value, with room when the value is 0.
func defaultRange(f scenario.Field) (float64, float64) {
	v := money.Float(f.Value)
	switch f.Kind {
	case scenario.KindAmount:
		if v <= 0 {
			return 0, 10e9
		}
		return 0, 2 * v
	case scenario.KindRate:
		if f.Min != nil && f.Min.IsNegative() { // growth: -100% and up
			span := math.Max(math.Abs(v), 0.5)
			return v - span, v + span
		}
		return 0, math.Max(2*v, 0.2)
	case scenario.KindInteger:
		return 1, math.Max(2*v, 10)
	}
	return 0, math.Max(2*v, 4)
}

// sliderRange widens lo..hi to hold the value, keeps it inside the field's valid
// range, and picks a round step of about a two-hundredth of it, with the ends on
// steps.
func sliderRange(f scenario.Field, lo, hi float64) (float64, float64, float64) {
	v := money.Float(f.Value)
	lo, hi = math.Min(lo, v), math.Max(hi, v)
	if f.Min != nil {
		lo = math.Max(lo, money.Float(*f.Min))
	}
	if f.Max != nil {
		hi = math.Min(hi, money.Float(*f.Max))
	}
	if hi <= lo {
		hi = lo + 1
		if f.Kind == scenario.KindRate {
			hi = lo + 0.1
		}
	}
	step := niceStep((hi - lo) / 200)
	switch f.Kind {
	case scenario.KindInteger:
		step = math.Max(1, math.Round(step))
	case scenario.KindRate:
		step = math.Max(step, 0.0001) // 0.01%
	}
	lo = math.Floor(lo/step+1e-9) * step
	hi = math.Ceil(hi/step-1e-9) * step
	if f.Min != nil {
		lo = math.Max(lo, money.Float(*f.Min))
	}
	if f.Max != nil {
		hi = math.Min(hi, money.Float(*f.Max))
	}
	return clean(lo), clean(hi), clean(step)
}

// niceStep rounds x to 1, 2 or 5 times a power of ten.
func niceStep(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	switch m := x / p; {
	case m < 1.5:
		return p
	case m < 3.5:
		return 2 * p
	case m < 7.5:
		return 5 * p
	}
	return 10 * p
}

// clean drops the float noise of a product of steps (0.30000000000000004).
func clean(x float64) float64 {
	if x == 0 {
		return 0
	}
	d := decimal.NewFromFloat(x).Round(12 - int32(math.Floor(math.Log10(math.Abs(x)))))
	f, _ := d.Float64()
	return f
}
