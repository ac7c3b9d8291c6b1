package contract

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/scenario"
)

// Editing dated changes by path (format v2): a type with changes hands its list
// and terms to these from its ContractEditor methods. Paths are relative to the
// contract:
//
//	changes.<quarter>.<term>    set through SetInput; a change or term it lacks is added
//	changes.<quarter>.note      SetText; also .source (one a line)
//	changes.<quarter>           SetDate moves the change to another quarter; Remove removes it
//	changes.<quarter>.<term>    Remove drops the term (the change with it when it sets no other)

// changeKey splits changes.<quarter>[.<rest>]; ok is false for another key.
func changeKey(key string) (q scenario.Quarter, rest string, ok bool) {
	r, found := strings.CutPrefix(key, "changes.")
	if !found {
		return 0, "", false
	}
	qs, rest, _ := strings.Cut(r, ".")
	q, err := scenario.ParseQuarter(qs, false)
	if err != nil {
		return 0, "", false
	}
	return q, rest, true
}

// changeAt is the index of the change in q, or -1.
func changeAt(changes []Change, q scenario.Quarter) int {
	for i := range changes {
		if changes[i].Quarter == q {
			return i
		}
	}
	return -1
}

// sortChanges keeps changes in quarter order after an edit.
func sortChanges(changes []Change) {
	for i := 1; i < len(changes); i++ {
		for j := i; j > 0 && changes[j].Quarter < changes[j-1].Quarter; j-- {
			changes[j], changes[j-1] = changes[j-1], changes[j]
		}
	}
}

// addChangeTerm sets changes.<quarter>.<term> from text, adding the change or the
// term when it lacks them; handled is false for another key.
func addChangeTerm(changes *[]Change, terms []changeTerm, key, text string) (bool, error) {
	q, rest, ok := changeKey(key)
	if !ok {
		return false, nil
	}
	var t *changeTerm
	for i := range terms {
		if terms[i].key == rest {
			t = &terms[i]
		}
	}
	if t == nil {
		return true, fmt.Errorf("a change here sets %s, not %q", strings.Join(termKeys(terms), " or "), rest)
	}
	v, err := scenario.ParseInput(t.kind, text)
	if err != nil {
		return true, err
	}
	i := changeAt(*changes, q)
	if i < 0 {
		*changes = append(*changes, Change{Quarter: q})
		i = len(*changes) - 1
	}
	*t.get(&(*changes)[i]) = &v
	sortChanges(*changes)
	return true, nil
}

// setChangeText sets a change's note or sources; handled is false for another key.
func setChangeText(changes []Change, key, v string) (bool, error) {
	q, rest, ok := changeKey(key)
	if !ok || (rest != "note" && rest != "source" && rest != "sources") {
		return false, nil
	}
	i := changeAt(changes, q)
	if i < 0 {
		return true, fmt.Errorf("there is no change in %s: add one with a value first", q)
	}
	if rest == "note" {
		changes[i].Note = strings.TrimSpace(v)
	} else {
		changes[i].Sources = lines(v)
	}
	return true, nil
}

// moveChange moves changes.<quarter> to q; false for another key or no such
// change. A change moved onto another's quarter is refused by the checks.
func moveChange(changes []Change, key string, q scenario.Quarter) bool {
	from, rest, ok := changeKey(key)
	if !ok || rest != "" {
		return false
	}
	i := changeAt(changes, from)
	if i < 0 {
		return false
	}
	changes[i].Quarter = q
	sortChanges(changes)
	return true
}

// removeChange removes changes.<quarter>, or one term of it (the change too when
// that was the last term it set); false for another key or nothing to remove.
func removeChange(changes *[]Change, terms []changeTerm, key string) bool {
	q, rest, ok := changeKey(key)
	if !ok {
		return false
	}
	i := changeAt(*changes, q)
	if i < 0 {
		return false
	}
	if rest != "" {
		left := 0
		found := false
		for _, t := range terms {
			p := t.get(&(*changes)[i])
			if t.key == rest && *p != nil {
				*p, found = nil, true
			}
			if *p != nil {
				left++
			}
		}
		if !found {
			return false
		}
		if left > 0 {
			return true
		}
	}
	*changes = append((*changes)[:i:i], (*changes)[i+1:]...)
	return true
}

// checkChangeQuarters refuses two changes in one quarter (an edit can move one
// onto another).
func checkChangeQuarters(k *scenario.ContractCheck, changes []Change) {
	for i := 1; i < len(changes); i++ {
		if changes[i].Quarter == changes[i-1].Quarter {
			k.Errorf("changes."+changes[i].Quarter.String(), "two changes take effect in %s: give each quarter one change, or move one", changes[i].Quarter)
		}
	}
}

// lines is a list written one item a line.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TermsText lists what a change sets, for people: "cap 38B", "rate 15%".
func (ch *Change) TermsText() string {
	var parts []string
	add := func(label string, v *decimal.Decimal, rate bool) {
		if v == nil {
			return
		}
		if rate {
			parts = append(parts, label+" "+scenario.FormatRate(*v))
		} else {
			parts = append(parts, label+" "+scenario.FormatAmount(*v))
		}
	}
	add("rate", ch.Rate, true)
	add("cap", ch.Cap, false)
	add("stake", ch.Stake, true)
	add("price per GW-year", ch.Price, false)
	return strings.Join(parts, ", ")
}
