package scenario

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
)

// Editing by path: the app's inputs panel changes a scenario one value at a time,
// each named by its key path. Every operation changes only what its path names (a
// clone is the caller's undo); Tidy then restores what follows from the rest (dates
// left to their defaults, uncertainty over fields that are gone) and ValidateEdit
// says what rule the edit broke.

// ContractEditor is implemented by a contract type whose contracts have values
// beyond numeric fields that can be edited by path: dates, text and choices, parts
// that can be added and removed. Without it a type's contracts edit only their
// numeric fields, label, sources, parties and switch.
type ContractEditor interface {
	// Inputs lists the contract's editable values for the inputs panel in order:
	// numeric fields (by key, as Fields lists them) and dates.
	Inputs(c *Contract) []ContractInput
	// SetDate sets the date at key (from, until, valuation.at); false when the
	// contract has no such date.
	SetDate(c *Contract, key string, q Quarter) bool
	// SetText sets a text value or choice at key; handled is false when the
	// contract has no such text.
	SetText(s *Scenario, c *Contract, key, v string) (handled bool, err error)
	// Add gives the contract an optional numeric part it lacks (a revenue share's
	// cap), read as people type it; handled is false when key is no such part.
	Add(c *Contract, key, text string) (handled bool, err error)
	// Remove removes an optional part (a cap, one payment of a schedule); false
	// when key is no such part.
	Remove(c *Contract, key string) bool
	// Optional lists the optional parts and whether the contract has them.
	Optional(c *Contract) []OptionalPart
	// Detail says who is party to the contract, for a heading: "OpenAI → Microsoft".
	Detail(c *Contract) string
	// Uses lists the ids of the streams the contract is computed from.
	Uses(c *Contract) []string
}

// StreamUsers maps each stream id that a contract uses to the label of the last
// such contract.
func (s *Scenario) StreamUsers() map[string]string {
	used := map[string]string{}
	for i := range s.Contracts {
		c := &s.Contracts[i]
		e, ok := ContractEditorOf(c)
		if !ok {
			continue
		}
		for _, id := range e.Uses(c) {
			if id != "" {
				used[id] = c.DisplayLabel()
			}
		}
	}
	return used
}

// ContractInput is one editable value of a contract: a numeric field at Key, or a
// date (Date true, its value Quarter).
type ContractInput struct {
	Key, Label string
	Date       bool
	Quarter    Quarter
}

// OptionalPart is a part of a contract that can be added or removed (cap).
type OptionalPart struct {
	Key     string
	Present bool
}

// ContractEditorOf returns the editing facet of c's type, if it has one.
func ContractEditorOf(c *Contract) (ContractEditor, bool) {
	e, ok := contractTypeOf(c).(ContractEditor)
	return e, ok
}

// ValidID reports whether id is a valid stream or contract id.
func ValidID(id string) bool { return validID(id) }

// ContractAt splits contracts.<id>.<rest> and finds the contract (nil when there
// is none); rest is "" for the contract itself.
func (s *Scenario) ContractAt(path string) (*Contract, string) {
	r, ok := strings.CutPrefix(path, "contracts.")
	if !ok {
		return nil, ""
	}
	id, field, _ := strings.Cut(r, ".")
	return s.Contract(id), field
}

// StreamAt splits streams.<id>.<rest> and finds the stream (nil when there is none).
func (s *Scenario) StreamAt(path string) (*Stream, string) {
	r, ok := strings.CutPrefix(path, "streams.")
	if !ok {
		return nil, ""
	}
	id, field, _ := strings.Cut(r, ".")
	return s.Stream(id), field
}

// SetInput sets the numeric field at path from text as people type it
// (ParseInput). A contract's optional part it lacks (a revenue share's cap) is
// added.
func (s *Scenario) SetInput(path, text string) error {
	f, ok := s.Field(path)
	if !ok {
		if st, rest := s.StreamAt(path); st != nil && strings.HasPrefix(rest, "actuals.") {
			return s.addActual(st, strings.TrimPrefix(rest, "actuals."), text)
		}
		if c, rest := s.ContractAt(path); c != nil {
			if e, ok := ContractEditorOf(c); ok {
				if handled, err := e.Add(c, rest, text); handled {
					if err == nil && isV2Part(rest) {
						s.Version = max(s.Version, FormatV2)
					}
					return err
				}
			}
		}
		if err := s.Set(path, decimal.Zero); err != nil {
			return err
		}
		return fault.Errorf(fault.Invalid, "%q is not a numeric field of this scenario", path)
	}
	v, err := ParseInput(f.Kind, text)
	if err != nil {
		return err
	}
	if err := s.Set(path, v); err != nil {
		return fault.New(fault.Invalid, strings.TrimPrefix(err.Error(), path+": "))
	}
	return nil
}

// isV2Part reports whether a contract's part is one of format v2: adding it makes
// the scenario version 2 (a version 1 scenario computes the same as version 2).
func isV2Part(key string) bool {
	for _, p := range []string{"changes.", "tranches.", "gw.", "cap_from"} {
		if strings.HasPrefix(key, p) {
			return true
		}
	}
	return false
}

// addActual adds a stream's reported quarter (format v2), in quarter order.
func (s *Scenario) addActual(st *Stream, quarter, text string) error {
	q, err := ParseQuarter(quarter, false)
	if err != nil {
		return err
	}
	v, err := ParseInput(KindAmount, text)
	if err != nil {
		return err
	}
	for i := range st.Actuals {
		if st.Actuals[i].Quarter == q {
			st.Actuals[i].Amount = v
			return nil
		}
	}
	st.Actuals = append(st.Actuals, QuarterAmount{Quarter: q, Amount: v})
	for j := len(st.Actuals) - 1; j > 0 && st.Actuals[j].Quarter < st.Actuals[j-1].Quarter; j-- {
		st.Actuals[j], st.Actuals[j-1] = st.Actuals[j-1], st.Actuals[j]
	}
	s.Version = max(s.Version, FormatV2)
	return nil
}

// SetDate sets a date: start, end, a stream's reported quarter (actuals.<quarter>
// moves to the new one), or a contract's date (from, until, valuation.at, and its
// type's: cap_from, a change's quarter, a tranche's at and expires, a gw key, a
// valuation mark). A bare year is its first quarter, or its last for end, until
// and expires.
func (s *Scenario) SetDate(path, text string) error {
	endOfYear := path == "end" || strings.HasSuffix(path, ".until") || strings.HasSuffix(path, ".expires")
	q, err := ParseQuarter(text, endOfYear)
	if err != nil {
		return err
	}
	switch path {
	case "start":
		s.Start = q
		return nil
	case "end":
		s.End = q
		return nil
	}
	if st, field := s.StreamAt(path); st != nil && strings.HasPrefix(field, "actuals.") {
		return s.moveActual(st, strings.TrimPrefix(field, "actuals."), q)
	}
	c, field := s.ContractAt(path)
	if c == nil {
		return fault.Errorf(fault.Invalid, "%q is not a date of this scenario: dates are start, end, contracts.<id>.from, .until and .valuation.at, a contract's dated parts and a stream's actuals.<quarter>", path)
	}
	if e, ok := ContractEditorOf(c); ok && e.SetDate(c, field, q) {
		if isV2Part(field) {
			s.Version = max(s.Version, FormatV2)
		}
		if from, key, ok := datedPart(field); ok {
			// A dated part moved to another quarter: its ranges go with it.
			s.MoveUncertain("contracts."+c.ID+"."+key+"."+from.String(), "contracts."+c.ID+"."+key+"."+q.String())
		}
		return nil
	}
	return fault.Errorf(fault.Invalid, "“%s” (%s) has no date %q: its dates are its inputs with a quarter, and the quarters of its timeline", c.DisplayLabel(), c.Type, field)
}

// datedPart splits a contract's dated part, <key>.<quarter> (changes.2026Q2,
// gw.2027Q1, valuation.marks.2026Q1), into its quarter and key.
func datedPart(field string) (Quarter, string, bool) {
	i := strings.LastIndexByte(field, '.')
	if i < 0 {
		return 0, "", false
	}
	q, err := ParseQuarter(field[i+1:], false)
	if err != nil {
		return 0, "", false
	}
	return q, field[:i], true
}

// MoveUncertain re-keys the uncertainty range of the field at from, and those of
// the fields under it, to the path to, with the correlations that name them: when
// an edit moves a value (a dated part to another quarter, a valuation into a mark
// and back), the range and its sources go with the value they describe.
func (s *Scenario) MoveUncertain(from, to string) {
	u := s.Uncertainty
	if u == nil || from == to {
		return
	}
	re := func(p string) string {
		if p == from {
			return to
		}
		if rest, ok := strings.CutPrefix(p, from+"."); ok {
			return to + "." + rest
		}
		return p
	}
	for i := range u.Inputs {
		u.Inputs[i].Path = re(u.Inputs[i].Path)
	}
	for i := range u.Correlations {
		for j := range u.Correlations[i].Inputs {
			u.Correlations[i].Inputs[j] = re(u.Correlations[i].Inputs[j])
		}
	}
}

// moveActual moves the stream's reported quarter from to q (a quarter reported
// late, or typed in the wrong row). Two reported amounts in one quarter are left
// for the check to refuse.
func (s *Scenario) moveActual(st *Stream, from string, q Quarter) error {
	fq, err := ParseQuarter(from, false)
	if err == nil {
		for i := range st.Actuals {
			if st.Actuals[i].Quarter == fq {
				st.Actuals[i].Quarter = q
				slices.SortStableFunc(st.Actuals, func(a, b QuarterAmount) int { return cmp.Compare(a.Quarter, b.Quarter) })
				s.MoveUncertain("streams."+st.ID+".actuals."+fq.String(), "streams."+st.ID+".actuals."+q.String())
				return nil
			}
		}
	}
	return fault.Errorf(fault.Invalid, "%s has no reported quarter %q to move: its reported quarters are %s", st.DisplayLabel(), from, actualQuarters(st))
}

// actualQuarters lists a stream's reported quarters for a message.
func actualQuarters(st *Stream) string {
	if len(st.Actuals) == 0 {
		return "none"
	}
	qs := make([]string, len(st.Actuals))
	for i, a := range st.Actuals {
		qs[i] = a.Quarter.String()
	}
	return strings.Join(qs, ", ")
}

// SetEnabled switches the contract at path (contracts.<id>) on or off.
func (s *Scenario) SetEnabled(path, text string) error {
	c, field := s.ContractAt(path)
	if c == nil || field != "" {
		return fault.Errorf(fault.Invalid, "%q is not a contract: write contracts.<id>", path)
	}
	on, err := strconv.ParseBool(strings.TrimSpace(text))
	if err != nil {
		return fault.Errorf(fault.Invalid, "%q: write true or false", text)
	}
	c.Enabled = on
	return nil
}

// Limits of the texts people edit in the app (counted in characters, so a name in
// any script or Unicode plane counts the same): a label, the description, and each
// source line and how many.
const (
	MaxLabel       = 120
	MaxDescription = 4000
	MaxSource      = 600
	MaxSources     = 50
)

// SetText sets a text value: the name and description, a stream's or contract's
// label and sources (one a line), a contract's parties, and its type's own text
// and choices (a commitment's profile, a revenue share's base). A label cannot be
// emptied (a contract or stream is known by it), and texts keep to their limits;
// party names are checked by the format's rules (ValidateEdit).
func (s *Scenario) SetText(path, text string) error {
	v := strings.TrimSpace(text)
	switch path {
	case "name":
		s.Name = NormalName(v)
		return nil
	case "description":
		if n := utf8.RuneCountInString(v); n > MaxDescription {
			return fault.Errorf(fault.Invalid, "the description has %d characters: at most %d fit; shorten it or move detail to the sources", n, MaxDescription)
		}
		if line, r, ok := controlInText(v); ok {
			return fault.Errorf(fault.Invalid, "the description has a control character (U+%04X) on line %d: remove it; line breaks and tabs are fine", r, line)
		}
		s.Description = v
		return nil
	}
	if st, field := s.StreamAt(path); st != nil {
		switch field {
		case "label":
			if err := checkLabel(v); err != nil {
				return err
			}
			st.Label = v
		case "source", "sources":
			list, err := sourceLines(text)
			if err != nil {
				return err
			}
			st.Sources = list
		default:
			return fault.Errorf(fault.Invalid, "a stream's text fields are label and sources, not %q", field)
		}
		return nil
	}
	c, field := s.ContractAt(path)
	if c == nil {
		return fault.Errorf(fault.Invalid, "%q is not a text field of this scenario", path)
	}
	switch {
	case field == "label":
		if err := checkLabel(v); err != nil {
			return err
		}
		c.Label = v
		return nil
	case field == "source" || field == "sources":
		list, err := sourceLines(text)
		if err != nil {
			return err
		}
		c.Sources = list
		return nil
	case field == "payer" && c.MovesMoney():
		c.Payer = v
		return nil
	case field == "payee" && c.MovesMoney():
		c.Payee = v
		return nil
	}
	if e, ok := ContractEditorOf(c); ok {
		if handled, err := e.SetText(s, c, field, v); handled {
			return err
		}
	}
	return fault.Errorf(fault.Invalid, "a %s contract has no text field %q", c.Type, field)
}

// checkLabel says what is wrong with a label typed for a stream or contract.
func checkLabel(v string) error {
	n := utf8.RuneCountInString(v)
	switch {
	case n == 0 || invisible(v):
		return fault.New(fault.Invalid, "a label cannot be empty: it names the item in the figures, charts and briefing; write, say, “AWS compute”")
	case n > MaxLabel:
		return fault.Errorf(fault.Invalid, "the label has %d characters: at most %d fit", n, MaxLabel)
	}
	if msg := badText(v); msg != "" {
		return fault.New(fault.Invalid, "the label "+msg)
	}
	return nil
}

// invisible reports whether v shows nothing: only spaces and format characters
// such as U+200B, which would leave an item without a visible name.
func invisible(v string) bool {
	for _, r := range v {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// controlInText finds a control character other than a line break or a tab in a
// text of several lines: 1-based line and the character.
func controlInText(v string) (line int, r rune, ok bool) {
	line = 1
	for _, c := range v {
		switch {
		case c == '\n':
			line++
		case c == '\t' || c == '\r':
		case unicode.IsControl(c):
			return line, c, true
		}
	}
	return 0, 0, false
}

// sourceLines reads sources written one a line, within their limits.
func sourceLines(text string) ([]string, error) {
	list := splitLines(text)
	if len(list) > MaxSources {
		return nil, fault.Errorf(fault.Invalid, "%d sources: at most %d fit; merge some", len(list), MaxSources)
	}
	for i, l := range list {
		if n := utf8.RuneCountInString(l); n > MaxSource {
			return nil, fault.Errorf(fault.Invalid, "source %d has %d characters: at most %d fit; shorten it", i+1, n, MaxSource)
		}
		for _, r := range l {
			if unicode.IsControl(r) {
				return nil, fault.Errorf(fault.Invalid, "source %d contains a control character (such as a tab): write it as plain text", i+1)
			}
		}
	}
	return list, nil
}

// splitLines is a list written one item a line.
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Remove removes a stream (unless a contract uses it), a contract, or a contract's
// optional part (a revenue share's cap, one payment of a schedule).
func (s *Scenario) Remove(path string) error {
	if st, field := s.StreamAt(path); st != nil && field == "" {
		for i := range s.Contracts {
			c := &s.Contracts[i]
			if e, ok := ContractEditorOf(c); ok && contains(e.Uses(c), st.ID) {
				return fault.Errorf(fault.Invalid, "“%s” is the base of “%s”: remove that contract or give it another stream first", st.DisplayLabel(), c.DisplayLabel())
			}
		}
		for i := range s.Streams {
			if s.Streams[i].ID == st.ID {
				s.Streams = append(s.Streams[:i:i], s.Streams[i+1:]...)
				return nil
			}
		}
	}
	if st, field := s.StreamAt(path); st != nil && strings.HasPrefix(field, "actuals.") {
		if q, err := ParseQuarter(strings.TrimPrefix(field, "actuals."), false); err == nil {
			for i := range st.Actuals {
				if st.Actuals[i].Quarter == q {
					st.Actuals = append(st.Actuals[:i:i], st.Actuals[i+1:]...)
					return nil
				}
			}
		}
	}
	c, field := s.ContractAt(path)
	switch {
	case c != nil && field == "":
		for i := range s.Contracts {
			if s.Contracts[i].ID == c.ID {
				s.Contracts = append(s.Contracts[:i:i], s.Contracts[i+1:]...)
				return nil
			}
		}
	case c != nil:
		if e, ok := ContractEditorOf(c); ok && e.Remove(c, field) {
			return nil
		}
	}
	return fault.Errorf(fault.Invalid, "%q cannot be removed: remove streams.<id>, a stream's actuals.<quarter>, contracts.<id>, a revenue share's cap or a contract's part (a change, a tranche, a gw key or a valuation mark, while another is left)", path)
}

// Tidy restores what follows from the rest of the scenario after edits: dates the
// file leaves out get their defaults again (from is start, until is end), and
// uncertain inputs whose field is gone (its contract removed, a commitment
// shortened) are dropped, since a range over nothing would make it invalid.
func (s *Scenario) Tidy() {
	for i := range s.Contracts {
		c := &s.Contracts[i]
		if !c.FromSet {
			c.From = s.Start
		}
		if !c.UntilSet {
			c.Until = s.End
		}
	}
	u := s.Uncertainty
	if u == nil {
		return
	}
	paths := map[string]bool{}
	for _, f := range s.fields(false) {
		paths[f.Path] = true
	}
	for _, f := range s.QuarterFields() {
		paths[f.Path] = true
	}
	keep := u.Inputs[:0]
	for _, in := range u.Inputs {
		if paths[in.Path] {
			keep = append(keep, in)
		}
	}
	u.Inputs = keep
	if len(u.Inputs) == 0 && u.Runs == 0 && !u.SeedSet {
		s.Uncertainty = nil
	}
}

// ValidateEdit validates the scenario after an edit of path and says, in one line,
// what rule it broke: the edited value's problems plainly, other fields' by path.
func (s *Scenario) ValidateEdit(path string) error {
	err := s.Validate()
	var el *ErrorList
	if !errors.As(err, &el) {
		return err
	}
	msgs := make([]string, 0, len(el.Errors))
	for _, e := range el.Errors {
		if e.Path == "" || e.Path == path {
			msgs = append(msgs, e.Msg)
		} else {
			msgs = append(msgs, e.Path+": "+e.Msg)
		}
	}
	return fault.New(fault.Invalid, strings.Join(msgs, "; "))
}
