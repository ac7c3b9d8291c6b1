package contract

import "dealmodel/backend/scenario"

// Choice is a term of a contract chosen from a list rather than typed: a
// commitment's profile, a revenue share's base stream, a stake's valuation method.
// It is edited by its key as a text (the type's ContractEditor.SetText).
type Choice struct {
	Key, Label, Value string
	Options           []Option
}

// Option is one value a choice can take, with what people read for it.
type Option struct {
	Value, Label string
}

// Chooser is implemented by a contract type whose contracts have choices.
type Chooser interface {
	// Choices lists the contract's choices in the order the inputs panel shows
	// them; s gives what they choose among (the streams).
	Choices(s *scenario.Scenario, c *scenario.Contract) []Choice
}

// ChoicesOf lists a contract's choices, or none when its type has none.
func ChoicesOf(s *scenario.Scenario, c *scenario.Contract) []Choice {
	t, ok := Lookup(c.Type)
	if !ok {
		return nil
	}
	ch, ok := t.(Chooser)
	if !ok {
		return nil
	}
	return ch.Choices(s, c)
}

// streamOptions offers the scenario's streams by label.
func streamOptions(s *scenario.Scenario) []Option {
	out := make([]Option, len(s.Streams))
	for i := range s.Streams {
		out[i] = Option{Value: s.Streams[i].ID, Label: s.Streams[i].DisplayLabel()}
	}
	return out
}
