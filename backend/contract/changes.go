package contract

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// Change is a dated change of a contract's terms (format v2), in force from its
// quarter until a later change of the same term. A type allows some of the terms
// below, which its own file lists as a []changeTerm.
type Change struct {
	Quarter scenario.Quarter
	Rate    *decimal.Decimal
	Cap     *decimal.Decimal
	Stake   *decimal.Decimal
	Price   *decimal.Decimal
	Note    string
	Sources []string
}

// changeTerm is one term a change may set.
type changeTerm struct {
	key     string
	kind    scenario.FieldKind // KindRate or KindAmount
	label   string             // "rate", for "rate from 2026Q2"
	example string             // a value as the format writes it, for the add form: "15%"
	get     func(*Change) **decimal.Decimal
}

var (
	termRate  = changeTerm{"rate", scenario.KindRate, "rate", "15%", func(c *Change) **decimal.Decimal { return &c.Rate }}
	termCap   = changeTerm{"cap", scenario.KindAmount, "cap", "45B", func(c *Change) **decimal.Decimal { return &c.Cap }}
	termStake = changeTerm{"stake", scenario.KindRate, "stake", "25%", func(c *Change) **decimal.Decimal { return &c.Stake }}
	termPrice = changeTerm{"price", scenario.KindAmount, "price per GW-year", "12B", func(c *Change) **decimal.Decimal { return &c.Price }}
)

// ChangeTerm is a term a type's dated changes may set, for the app's timeline:
// its key (changes.<quarter>.<key>) and an example value for the add form.
type ChangeTerm struct {
	Key     string
	Example string
}

// describeTerms lists terms for a type's Description.
func describeTerms(terms []changeTerm) []ChangeTerm {
	out := make([]ChangeTerm, len(terms))
	for i, t := range terms {
		out[i] = ChangeTerm{Key: t.key, Example: t.example}
	}
	return out
}

// ChangeTermsOf lists the terms that dated changes of a type may set, in the
// type's order; none for a type without changes or an unknown type.
func ChangeTermsOf(name string) []ChangeTerm {
	if t, ok := Lookup(name); ok {
		return t.Describe().Changes
	}
	return nil
}

func termKeys(terms []changeTerm) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.key
	}
	return out
}

// decodeChanges reads changes: quarters to the terms they set, with note and
// source(s). A change that sets none of the terms is refused.
func decodeChanges(d *scenario.ContractDecoder, terms []changeTerm) []Change {
	allowed := append(termKeys(terms), "note", "source", "sources")
	var out []Change
	for _, e := range d.DatedMappings("changes", "quarters to changes", allowed) {
		ch := Change{Quarter: e.Quarter}
		set := 0
		for _, t := range terms {
			if !e.Has(t.key) {
				continue
			}
			set++
			var v decimal.Decimal
			var ok bool
			if t.kind == scenario.KindRate {
				v, ok = e.Rate(t.key)
			} else {
				v, ok = e.Amount(t.key)
			}
			if ok {
				*t.get(&ch) = &v
			}
		}
		if set == 0 {
			e.Here("a change must set %s: a change with only a note changes nothing", strings.Join(termKeys(terms), " or "))
		}
		ch.Note, _ = e.Str("note")
		ch.Sources = e.Sources()
		out = append(out, ch)
	}
	return out
}

// checkChanges checks each change's quarter against [lo, hi] (what names that
// span in messages) and its terms' ranges.
func checkChanges(k *scenario.ContractCheck, changes []Change, terms []changeTerm, lo, hi scenario.Quarter, what string) {
	checkChangeQuarters(k, changes)
	for i := range changes {
		ch := &changes[i]
		key := "changes." + ch.Quarter.String()
		if ch.Quarter < lo || ch.Quarter > hi {
			k.Errorf(key, "the change in %s is outside %s %s..%s: a change takes effect inside it", ch.Quarter, what, lo, hi)
		}
		for _, t := range terms {
			v := *t.get(ch)
			if v == nil {
				continue
			}
			if t.kind == scenario.KindRate {
				k.Rate(key+"."+t.key, *v, zero, one)
			} else {
				k.Amount(key+"."+t.key, *v)
			}
		}
		if strings.ContainsAny(ch.Note, "\n\r\t") {
			k.Errorf(key+".note", "contains a line break or tab: write the note on one line")
		}
	}
}

// encodeChanges writes changes, each under its quarter.
func encodeChanges(w *scenario.ContractWriter, changes []Change, terms []changeTerm) {
	if len(changes) == 0 {
		return
	}
	cw := w.Mapping("changes")
	for i := range changes {
		ch := &changes[i]
		e := cw.Mapping(ch.Quarter.String())
		for _, t := range terms {
			if v := *t.get(ch); v != nil {
				if t.kind == scenario.KindRate {
					e.Line(t.key, scenario.FormatRate(*v))
				} else {
					e.Line(t.key, scenario.FormatAmount(*v))
				}
			}
		}
		e.Text("note", ch.Note)
		e.Sources(ch.Sources)
	}
}

// changeFields lists the changes' terms as numeric fields: changes.<quarter>.<term>.
func changeFields(changes []Change, terms []changeTerm, add scenario.FieldFunc) {
	for i := range changes {
		ch := &changes[i]
		for _, t := range terms {
			if v := *t.get(ch); v != nil {
				lo, hi := ptrZero, (*decimal.Decimal)(nil)
				if t.kind == scenario.KindRate {
					hi = ptrOne
				}
				add(fmt.Sprintf("changes.%s.%s", ch.Quarter, t.key), t.kind, fmt.Sprintf("%s from %s", t.label, ch.Quarter), *v, lo, hi)
			}
		}
	}
}

// changeRef resolves changes.<quarter>.<term>; ok is false for another path.
func changeRef(c *scenario.Contract, changes []Change, terms []changeTerm, parts []string) (ref scenario.FieldRef, why string, ok bool) {
	if len(parts) != 3 || parts[0] != "changes" {
		return scenario.FieldRef{}, "", false
	}
	q, err := scenario.ParseQuarter(parts[1], false)
	for i := range changes {
		if err != nil || changes[i].Quarter != q {
			continue
		}
		for _, t := range terms {
			if v := *t.get(&changes[i]); v != nil && t.key == parts[2] {
				return scenario.FieldRef{Kind: t.kind, Ptr: v}, "", true
			}
		}
	}
	return scenario.FieldRef{}, fmt.Sprintf("contract %s has no change of %s in %s", c.ID, parts[2], parts[1]), true
}

// cloneChanges copies changes deeply.
func cloneChanges(changes []Change) []Change {
	if changes == nil {
		return nil
	}
	out := make([]Change, len(changes))
	for i, ch := range changes {
		for _, p := range []**decimal.Decimal{&ch.Rate, &ch.Cap, &ch.Stake, &ch.Price} {
			if *p != nil {
				v := **p
				*p = &v
			}
		}
		ch.Sources = append([]string(nil), ch.Sources...)
		out[i] = ch
	}
	return out
}

// term is a contract term that dated changes may replace: its value in force in a
// quarter is that of the latest change at or before it that sets the term, else
// the top-level value (nil: none in force before the first change).
type term struct {
	base  *decimal.Decimal
	steps []termStep
}

type termStep struct {
	q scenario.Quarter
	v *decimal.Decimal
}

func newTerm(base *decimal.Decimal, changes []Change, t changeTerm) term {
	out := term{base: base}
	for i := range changes {
		if v := *t.get(&changes[i]); v != nil {
			out.steps = append(out.steps, termStep{changes[i].Quarter, v})
		}
	}
	return out
}

// at returns the value in force in q, or nil.
func (t term) at(q scenario.Quarter) *decimal.Decimal {
	v := t.base
	for _, s := range t.steps {
		if s.q > q {
			break
		}
		v = s.v
	}
	return v
}

// floatTerm is a term in the float program: a base slot (-1: none) and the slots
// of its changes, by quarter offset.
type floatTerm struct {
	base  int
	steps []schedEntry
}

func compileTerm(c *scenario.Contract, l FloatLayout, baseKey string, changes []Change, t changeTerm) floatTerm {
	out := floatTerm{base: -1}
	if baseKey != "" {
		out.base = l.Slot(c, baseKey)
	}
	for i := range changes {
		if *t.get(&changes[i]) != nil {
			out.steps = append(out.steps, schedEntry{q: int(changes[i].Quarter - l.Start()), slot: l.Slot(c, fmt.Sprintf("changes.%s.%s", changes[i].Quarter, t.key))})
		}
	}
	return out
}

// at returns the value in force at quarter offset q, and whether one is.
func (t floatTerm) at(v []float64, q int) (float64, bool) {
	x, ok := 0.0, t.base >= 0
	if ok {
		x = v[t.base]
	}
	for _, s := range t.steps {
		if s.q > q {
			break
		}
		x, ok = v[s.slot], true
	}
	return x, ok
}

// stepAt returns the latest keyed value at or before q, or nil before the first.
func stepAt(list []scenario.QuarterAmount, q scenario.Quarter) *decimal.Decimal {
	var v *decimal.Decimal
	for i := range list {
		if list[i].Quarter > q {
			break
		}
		v = &list[i].Amount
	}
	return v
}

// datedRef resolves <key>.<quarter> in a list keyed by quarter.
func datedRef(list []scenario.QuarterAmount, q string, kind scenario.FieldKind) (scenario.FieldRef, bool) {
	qq, err := scenario.ParseQuarter(q, false)
	if err != nil {
		return scenario.FieldRef{}, false
	}
	for i := range list {
		if list[i].Quarter == qq {
			return scenario.FieldRef{Kind: kind, Ptr: &list[i].Amount}, true
		}
	}
	return scenario.FieldRef{}, false
}

// changeInputs lists the changes' terms for the inputs panel: "Cap from 2026Q2".
func changeInputs(changes []Change, terms []changeTerm) []scenario.ContractInput {
	var out []scenario.ContractInput
	for i := range changes {
		ch := &changes[i]
		for _, t := range terms {
			if *t.get(ch) != nil {
				label := strings.ToUpper(t.label[:1]) + t.label[1:] + " from " + ch.Quarter.String()
				out = append(out, number(fmt.Sprintf("changes.%s.%s", ch.Quarter, t.key), label))
			}
		}
	}
	return out
}
