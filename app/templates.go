package app

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/contract"
	"dealmodel/backend/fault"
	"dealmodel/backend/library"
	"dealmodel/backend/scenario"
)

// Template is what "New" and "Add" offer: a scenario to start from, or a contract or
// stream to add to one.
type Template struct {
	ID          string `json:"id"`
	Kind        string `json:"kind"` // scenario, contract or stream
	Label       string `json:"label"`
	Description string `json:"description"`
}

// Template kinds.
const (
	TemplateScenario = "scenario"
	TemplateContract = "contract"
	TemplateStream   = "stream"
)

// builtinPrefix starts the ids of templates that copy a built-in scenario.
const builtinPrefix = "builtin:"

// blankTemplate is the scenario template of a revenue stream alone.
const blankTemplate = TemplateScenario + ":blank"

// typeTemplate is a contract type's offer of a new scenario.
type typeTemplate struct {
	contract.ScenarioTemplate
	Type string
}

// scenarioTemplates are the contract types' offers of a new scenario, in the
// types' order.
func scenarioTemplates() []typeTemplate {
	var out []typeTemplate
	for _, name := range contract.Names() {
		t, _ := contract.Lookup(name)
		if st := t.Describe().Scenario; st != nil {
			out = append(out, typeTemplate{ScenarioTemplate: *st, Type: name})
		}
	}
	return out
}

// Templates lists the templates: blank scenarios of each kind, then the built-ins
// to start from, then the contracts and the stream that can be added.
func (s *Service) Templates() (out []Template, err error) {
	defer s.guard(&err)
	for _, st := range scenarioTemplates() {
		out = append(out, Template{ID: TemplateScenario + ":" + st.ID, Kind: TemplateScenario, Label: st.Label, Description: st.About})
	}
	out = append(out, Template{ID: blankTemplate, Kind: TemplateScenario, Label: "Blank", Description: "One revenue stream and nothing else."})
	builtins, err := library.Builtins()
	if err != nil {
		s.logf("built-ins: %v", err)
		return nil, errInternal
	}
	for _, b := range builtins {
		out = append(out, Template{ID: builtinPrefix + b.Stem, Kind: TemplateScenario, Label: "Copy of “" + b.Name + "”", Description: "The built-in scenario, with its sources, to change freely."})
	}
	for _, name := range contract.Names() {
		t, _ := contract.Lookup(name)
		d := t.Describe()
		out = append(out, Template{ID: TemplateContract + ":" + name, Kind: TemplateContract, Label: d.Template, Description: d.About})
	}
	out = append(out,
		Template{ID: "stream:revenue", Kind: TemplateStream, Label: "Revenue stream", Description: "Annual amounts, then growth."},
	)
	return out, nil
}

// NewScenario creates a scenario from a template under the name (a free name is
// chosen when it is empty), saves it as revision 1 and opens it.
func (s *Service) NewScenario(templateID, name string) (w *Workspace, err error) {
	defer s.guard(&err)
	lib, err := s.library()
	if err != nil {
		return nil, err
	}
	name = strings.TrimSpace(name)
	generated := name == ""
	var body []byte
	if stem, ok := strings.CutPrefix(templateID, builtinPrefix); ok {
		builtins, err := library.Builtins()
		if err != nil {
			s.logf("built-ins: %v", err)
			return nil, errInternal
		}
		for _, b := range builtins {
			if b.Stem == stem {
				body = b.Body
				if name == "" {
					name = b.Name + " (copy)"
				}
			}
		}
		if body == nil {
			return nil, fault.Errorf(fault.NotFound, "there is no built-in scenario %q", stem)
		}
	} else {
		sc, err := scenarioTemplate(templateID)
		if err != nil {
			return nil, err
		}
		body = scenario.Marshal(sc)
		if name == "" {
			name = "New scenario"
		}
	}
	if generated {
		// A name the user typed is kept (a taken one fails with the store's
		// message); a generated one is numbered until it is free.
		if name, err = s.freeName(name); err != nil {
			return nil, err
		}
	}
	sc, err := scenario.Parse("template "+templateID, body)
	if err != nil {
		s.logf("template %s: %v", templateID, err)
		return nil, errInternal
	}
	sc.Name = name
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	if _, err := lib.DB.Create(s.ctx(), name, scenario.Marshal(sc), "Created from the template “"+templateLabel(templateID)+"”", ""); err != nil {
		return nil, s.userError(err)
	}
	return s.OpenScenario(name)
}

func templateLabel(id string) string {
	if stem, ok := strings.CutPrefix(id, builtinPrefix); ok {
		return stem
	}
	_, kind, _ := strings.Cut(id, ":")
	return strings.ReplaceAll(kind, "_", " ")
}

var (
	dec = decimal.RequireFromString
	// templateStart is the first quarter of new scenarios: the current modeling
	// window of the built-ins.
	templateStart = scenario.NewQuarter(2025, 1)
	templateEnd   = scenario.NewQuarter(2032, 4)
)

// scenarioTemplate builds a blank scenario of the template's kind. Amounts are
// round placeholders, and each item says so in its source, so that nobody mistakes
// them for reported figures.
func scenarioTemplate(id string) (*scenario.Scenario, error) {
	sc := &scenario.Scenario{Version: scenario.FormatV1, Name: "New scenario", Start: templateStart, End: templateEnd}
	if err := addFromTemplate(sc, "revenue", "stream:revenue"); err != nil {
		return nil, err
	}
	if id != blankTemplate {
		found := false
		for _, st := range scenarioTemplates() {
			if id == TemplateScenario+":"+st.ID {
				if err := addFromTemplate(sc, st.ID, TemplateContract+":"+st.Type); err != nil {
					return nil, err
				}
				found = true
			}
		}
		if !found {
			return nil, fault.Errorf(fault.Invalid, "there is no scenario template %q: use one that Templates lists", id)
		}
	}
	sc.Tidy()
	return sc, nil
}

// addFromTemplate adds a stream or contract from a template, with the id given or,
// when id is empty, one made from the template's kind.
func addFromTemplate(sc *scenario.Scenario, id, templateID string) error {
	kind, typ, _ := strings.Cut(templateID, ":")
	if kind != TemplateContract && kind != TemplateStream {
		return fault.Errorf(fault.Invalid, "%q is not a contract or stream template: use %s or stream:revenue", templateID, strings.Join(contractTemplates(), ", "))
	}
	id = strings.TrimSpace(id)
	if id == "" {
		base := typ
		if kind == TemplateStream {
			base = "revenue"
		}
		id = freeID(sc, base)
	}
	if !scenario.ValidID(id) {
		return fault.Errorf(fault.Invalid, "%q is not a valid id: use a lower-case letter, then up to 39 lower-case letters, digits or _", id)
	}
	if sc.Stream(id) != nil || sc.Contract(id) != nil {
		return fault.Errorf(fault.Conflict, "the id %q is taken: choose another", id)
	}
	src := []string{contract.PlaceholderSource}
	if kind == TemplateStream {
		if typ != "revenue" {
			return fault.Errorf(fault.Invalid, "there is no stream template %q: use stream:revenue", templateID)
		}
		y := sc.Start.Year()
		sc.Streams = append(sc.Streams, scenario.Stream{
			ID: id, Label: contract.StreamLabel,
			Annual:  []scenario.YearAmount{{Year: y, Amount: dec("10000000000")}},
			Growth:  []scenario.YearRate{{Year: y + 1, Rate: dec("0.2")}},
			Sources: src,
		})
		return nil
	}
	t, ok := contract.Lookup(typ)
	if !ok {
		return fault.Errorf(fault.Invalid, "there is no contract template %q: use %s", templateID, contractTemplateIDs())
	}
	c := scenario.Contract{ID: id, Type: typ, Enabled: true, Sources: src, From: sc.Start, Until: sc.End}
	t.Template(&c, contract.TemplateEnv{Scenario: sc, Party: firstParty(sc), Stream: func() string { return firstStream(sc) }})
	if c.MovesMoney() && c.Payer == c.Payee {
		c.Payee = contract.SecondParty
	}
	sc.Contracts = append(sc.Contracts, c)
	return nil
}

// firstStream is the id of the first stream, adding one when there is none: a
// revenue share needs a base.
func firstStream(sc *scenario.Scenario) string {
	if len(sc.Streams) == 0 {
		_ = addFromTemplate(sc, "revenue", "stream:revenue")
	}
	return sc.Streams[0].ID
}

// firstParty is who pays in the scenario so far (the first payer), or "Company".
func firstParty(sc *scenario.Scenario) string {
	for i := range sc.Contracts {
		if sc.Contracts[i].MovesMoney() && sc.Contracts[i].Payer != "" {
			return sc.Contracts[i].Payer
		}
	}
	return contract.DefaultParty
}

// freeID is base, or base_2, base_3… whichever no stream or contract has.
func freeID(sc *scenario.Scenario, base string) string {
	id := base
	for i := 2; sc.Stream(id) != nil || sc.Contract(id) != nil; i++ {
		id = fmt.Sprintf("%s_%d", base, i)
	}
	return id
}

// contractTemplates lists the contract templates' ids, one per contract type.
func contractTemplates() []string {
	var out []string
	for _, name := range contract.Names() {
		out = append(out, TemplateContract+":"+name)
	}
	return out
}

// contractTemplateIDs lists the contract templates' ids for a message: "a, b or c".
func contractTemplateIDs() string {
	ids := contractTemplates()
	if len(ids) < 2 {
		return strings.Join(ids, "")
	}
	return strings.Join(ids[:len(ids)-1], ", ") + " or " + ids[len(ids)-1]
}
