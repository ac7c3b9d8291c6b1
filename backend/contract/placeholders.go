package contract

import (
	"fmt"
	"slices"
	"strings"

	"dealmodel/backend/scenario"
)

// What a template writes that is not a fact: a new contract or stream carries
// PlaceholderSource as its source, and parties and labels of the type's template
// (Company → Partner, "Revenue share"), until someone replaces them.
const (
	// PlaceholderSource is the source of everything a template adds.
	PlaceholderSource = "Placeholder from the template: replace with the figure and its source"
	// DefaultParty is who pays in a template's contract when the scenario names
	// nobody yet.
	DefaultParty = "Company"
	// SecondParty is the payee a template gives when its payer would be paid.
	SecondParty = "Partner 2"
	// StreamLabel is the label of a template's revenue stream.
	StreamLabel = "Revenue"
)

// Placeholder is a text of a scenario still as a template wrote it.
type Placeholder struct {
	// Path is the text's edit path: contracts.<id>.payee, streams.<id>.label,
	// contracts.<id>.sources.
	Path string
	// Owner is the label of the contract or stream that holds it; What names the
	// text (label, payer, payee, holder, source); Value is the text itself.
	Owner, What, Value string
}

// Placeholders lists the texts of s still as a template wrote them, in the
// scenario's order. A party is one when it is a name the type's template gives
// (found by running the template, not from a list kept here); a label when it is
// the template's and the item still carries the template's placeholder source,
// the marker of where it came from.
func Placeholders(s *scenario.Scenario) []Placeholder {
	var out []Placeholder
	for i := range s.Streams {
		st := &s.Streams[i]
		p := "streams." + st.ID
		marked := slices.Contains(st.Sources, PlaceholderSource)
		if marked && st.Label == StreamLabel {
			out = append(out, Placeholder{Path: p + ".label", Owner: st.DisplayLabel(), What: "label", Value: st.Label})
		}
		if marked {
			out = append(out, Placeholder{Path: p + ".sources", Owner: st.DisplayLabel(), What: "source", Value: PlaceholderSource})
		}
	}
	for i := range s.Contracts {
		c := &s.Contracts[i]
		t, ok := Lookup(c.Type)
		if !ok {
			continue
		}
		p := "contracts." + c.ID
		// The type's template, on a scratch scenario: what it would write.
		tpl := scenario.Contract{ID: c.ID, Type: c.Type, From: s.Start, Until: s.End}
		t.Template(&tpl, TemplateEnv{Scenario: &scenario.Scenario{Version: scenario.FormatV2, Start: s.Start, End: s.End}, Party: DefaultParty, Stream: func() string { return "" }})
		marked := slices.Contains(c.Sources, PlaceholderSource)
		if marked && c.Label != "" && c.Label == tpl.Label {
			out = append(out, Placeholder{Path: p + ".label", Owner: c.DisplayLabel(), What: "label", Value: c.Label})
		}
		party := func(what, v, tv string) {
			if v != "" && (v == tv || v == DefaultParty || v == SecondParty) {
				out = append(out, Placeholder{Path: p + "." + what, Owner: c.DisplayLabel(), What: what, Value: v})
			}
		}
		if c.MovesMoney() {
			party("payer", c.Payer, tpl.Payer)
			party("payee", c.Payee, tpl.Payee)
		}
		if h := Equity(&tpl).Holder; h != "" {
			party("holder", Equity(c).Holder, h)
		}
		if marked {
			out = append(out, Placeholder{Path: p + ".sources", Owner: c.DisplayLabel(), What: "source", Value: PlaceholderSource})
		}
	}
	return out
}

// DescribePlaceholders says how many texts are still as a template wrote them and
// names the first few, for a caveat or a note: `2 texts are still as the template
// wrote them (payer “Company”, payee “Partner”)`. Empty when there are none.
func DescribePlaceholders(ph []Placeholder) string {
	if len(ph) == 0 {
		return ""
	}
	var named []string
	seen := map[string]bool{}
	for _, p := range ph {
		v := p.What + " “" + p.Value + "”"
		if !seen[v] && len(named) < 3 {
			seen[v] = true
			named = append(named, v)
		}
	}
	if len(ph) > len(named) {
		named = append(named, "…")
	}
	if len(ph) == 1 {
		return fmt.Sprintf("1 text is still as the template wrote it (%s)", named[0])
	}
	return fmt.Sprintf("%d texts are still as the template wrote them (%s)", len(ph), strings.Join(named, ", "))
}
