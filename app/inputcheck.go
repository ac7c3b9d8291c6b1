package app

import (
	"fmt"
	"strings"

	"dealmodel/backend/fault"
	"dealmodel/backend/money"
	"dealmodel/backend/scenario"
)

// InputCheck is what the app makes of text typed into a field, before applying it.
type InputCheck struct {
	// Value is the text in the format's syntax ("280B" for "$280 billion"), to
	// send as the edit; empty when Error is set.
	Value string `json:"value"`
	// Error says why the text is not a value of the field's kind, and what would be.
	Error string `json:"error,omitempty"`
	// Meant is what the text probably meant when it looks like a slip of scale
	// ("280B" for "280" in a field in the billions); Question asks it in words.
	// The field asks before applying either.
	Meant    string `json:"meant,omitempty"`
	Question string `json:"question,omitempty"`
}

// CheckInput reads text typed into a field of the kind (amount, rate, integer,
// number) whose value is current (in the format's syntax; "" when not known),
// without applying it: the value to apply, why it is not one, or whether it looks
// like a slip of scale to ask about first.
func (s *Service) CheckInput(kind, text, current string) (c *InputCheck, err error) {
	defer s.guard(&err)
	k := scenario.FieldKind(kind)
	switch k {
	case scenario.KindAmount, scenario.KindRate, scenario.KindInteger, scenario.KindNumber:
	default:
		return nil, fault.Errorf(fault.Invalid, "kind %q: use amount, rate, integer or number", kind)
	}
	if strings.TrimSpace(text) == "" {
		return &InputCheck{Error: "Enter a value."}, nil
	}
	v, perr := scenario.ParseInput(k, text)
	if perr != nil {
		return &InputCheck{Error: perr.Error()}, nil
	}
	c = &InputCheck{Value: scenario.FormatInput(k, v)}
	if cur, cerr := scenario.ParseInput(k, current); cerr == nil {
		if meant, ok := scenario.Slip(k, text, v, cur); ok {
			c.Meant = scenario.FormatInput(k, meant)
			c.Question = fmt.Sprintf("Did you mean %s? %s is less than a million, and this field is in billions (now %s).",
				c.Meant, money.Short(v), money.Short(cur))
		}
	}
	return c, nil
}
