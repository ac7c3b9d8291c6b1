package scenario

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
)

// FieldKind is the unit of a numeric field.
type FieldKind string

// Field kinds.
const (
	KindAmount  FieldKind = "amount"  // money, written 38B
	KindRate    FieldKind = "rate"    // a fraction, written 20%
	KindInteger FieldKind = "integer" // a whole number (years)
	KindNumber  FieldKind = "number"  // a plain number (weights)
)

// Field is one numeric input of a scenario, addressed by its key path, such as
// contracts.msft_revshare.cap. Sliders, uncertain inputs and goal seek act on fields.
type Field struct {
	Path    string
	Kind    FieldKind
	Label   string // for people: "Revenue share to Microsoft: cap"
	Value   decimal.Decimal
	Min     *decimal.Decimal // nil: unbounded
	Max     *decimal.Decimal // nil: unbounded
	Sources []string         // the sources of the stream or contract it belongs to
}

var (
	zero      = decimal.Zero
	one       = decimal.NewFromInt(1)
	minusOne  = decimal.NewFromInt(-1)
	hundredD  = decimal.NewFromInt(100)
	ptrZero   = &zero
	ptrOne    = &one
	ptrMinus1 = &minusOne
)

// Fields lists every numeric field of the scenario in document order.
func (s *Scenario) Fields() []Field { return s.fields(true) }

// fields is Fields; without labels, each field's Label is "" (for lookups of a
// field's path, kind and range, which write no label).
func (s *Scenario) fields(labels bool) []Field {
	// About four fields a contract and a few a stream: one list that rarely grows.
	out := make([]Field, 0, 1+4*len(s.Contracts)+8*len(s.Streams))
	add := func(path string, kind FieldKind, label string, v decimal.Decimal, lo, hi *decimal.Decimal, src []string) {
		out = append(out, Field{Path: path, Kind: kind, Label: label, Value: v, Min: lo, Max: hi, Sources: src})
	}
	// label is the label of a stream's field, when labels are wanted.
	label := func(parts ...string) string {
		if !labels {
			return ""
		}
		return strings.Join(parts, "")
	}
	add("discount_rate", KindRate, "Discount rate", s.DiscountRate, ptrZero, ptrOne, nil)
	for i := range s.Streams {
		st := &s.Streams[i]
		p := "streams." + st.ID
		l := st.DisplayLabel()
		for _, a := range st.Annual {
			y := strconv.Itoa(a.Year)
			add(p+".annual."+y, KindAmount, label(l, " ", y), a.Amount, ptrZero, nil, st.Sources)
		}
		for _, g := range st.Growth {
			y := strconv.Itoa(g.Year)
			add(p+".growth."+y, KindRate, label(l, " growth from ", y), g.Rate, ptrMinus1, nil, st.Sources)
		}
		for _, a := range st.Actuals {
			q := a.Quarter.String()
			add(p+".actuals."+q, KindAmount, label(l, " ", q, " (actual)"), a.Amount, ptrZero, nil, st.Sources)
		}
	}
	for i := range s.Contracts {
		c := &s.Contracts[i]
		p := "contracts." + c.ID
		l := c.DisplayLabel()
		if t := contractTypeOf(c); t != nil {
			t.Fields(c, func(key string, kind FieldKind, name string, v decimal.Decimal, lo, hi *decimal.Decimal) {
				add(p+"."+key, kind, label(l, ": ", name), v, lo, hi, c.Sources)
			})
		}
	}
	return out
}

// Field returns the numeric field at path. It lists the fields of the one stream
// or contract the path names, not all of them: validation looks up every uncertain
// input, and a scenario of many contracts has many.
func (s *Scenario) Field(path string) (Field, bool) {
	for _, f := range s.fieldsNear(path).Fields() {
		if f.Path == path {
			return f, true
		}
	}
	return Field{}, false
}

// Set changes the numeric field at path. It checks the field's own range (and that
// integers are whole) but not rules across fields: call Validate after a batch of
// changes.
func (s *Scenario) Set(path string, v decimal.Decimal) error {
	ref, err := s.fieldRef(path)
	if err != nil {
		return err
	}
	ptr, kind, set := ref.Ptr, ref.Kind, ref.Set
	f, _ := s.Field(path)
	if f.Min != nil && v.Cmp(*f.Min) < 0 || f.Max != nil && v.Cmp(*f.Max) > 0 {
		return fault.Errorf(fault.Invalid, "%s: %s is out of range: %s", path, FormatValue(kind, v), describeRange(kind, f.Min, f.Max))
	}
	if kind == KindInteger && !v.IsInteger() {
		return fault.Errorf(fault.Invalid, "%s: %s is not a whole number", path, v)
	}
	if set != nil {
		set(v)
		return nil
	}
	*ptr = v
	return nil
}

// fieldRef resolves a key path to the decimal it names.
func (s *Scenario) fieldRef(path string) (FieldRef, error) {
	parts := strings.Split(path, ".")
	bad := func(why string) (FieldRef, error) {
		return FieldRef{}, fault.Errorf(fault.Invalid, "%q is not a numeric field of this scenario: %s", path, why)
	}
	switch parts[0] {
	case "discount_rate":
		if len(parts) == 1 {
			return FieldRef{Kind: KindRate, Ptr: &s.DiscountRate}, nil
		}
	case "streams":
		if len(parts) != 4 {
			return bad("write streams.<id>.annual.<year>, streams.<id>.growth.<year> or streams.<id>.actuals.<quarter>")
		}
		st := s.Stream(parts[1])
		if st == nil {
			return bad(fmt.Sprintf("there is no stream %q", parts[1]))
		}
		if parts[2] == "actuals" {
			if q, err := ParseQuarter(parts[3], false); err == nil {
				for i := range st.Actuals {
					if st.Actuals[i].Quarter == q {
						return FieldRef{Kind: KindAmount, Ptr: &st.Actuals[i].Amount}, nil
					}
				}
			}
			return bad(fmt.Sprintf("stream %s lists no actual amount for %s", st.ID, parts[3]))
		}
		y, err := strconv.Atoi(parts[3])
		if err != nil {
			return bad(fmt.Sprintf("%q is not a year", parts[3]))
		}
		switch parts[2] {
		case "annual":
			for i := range st.Annual {
				if st.Annual[i].Year == y {
					return FieldRef{Kind: KindAmount, Ptr: &st.Annual[i].Amount}, nil
				}
			}
			return bad(fmt.Sprintf("stream %s lists no annual amount for %d", st.ID, y))
		case "growth":
			for i := range st.Growth {
				if st.Growth[i].Year == y {
					return FieldRef{Kind: KindRate, Ptr: &st.Growth[i].Rate}, nil
				}
			}
			return bad(fmt.Sprintf("stream %s lists no growth rate for %d", st.ID, y))
		}
		return bad("a stream's numeric fields are annual.<year>, growth.<year> and actuals.<quarter>")
	case "contracts":
		if len(parts) < 3 {
			return bad("write contracts.<id>.<field>")
		}
		c := s.Contract(parts[1])
		if c == nil {
			return bad(fmt.Sprintf("there is no contract %q", parts[1]))
		}
		t := contractTypeOf(c)
		if t == nil {
			return bad(fmt.Sprintf("contract %s has an unknown type %q", c.ID, c.Type))
		}
		ref, why := t.Ref(c, parts[2:])
		if ref.Kind != "" {
			return ref, nil
		}
		if why != "" {
			return bad(why)
		}
		return bad(fmt.Sprintf("a %s contract's numeric fields are %s", c.Type, numericKeysOf(c)))
	}
	return bad("numeric fields are discount_rate, streams.<id>.… and contracts.<id>.…")
}

// FormatValue writes a value of a field's kind in the format's syntax: 38B, 20%,
// 7, 1.5. It is the one place a value is written by its kind.
func FormatValue(k FieldKind, v decimal.Decimal) string {
	switch k {
	case KindAmount:
		return FormatAmount(v)
	case KindRate:
		return FormatRate(v)
	case KindQuarter:
		return Quarter(v.IntPart()).String()
	}
	return v.String()
}

func describeRange(k FieldKind, lo, hi *decimal.Decimal) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("valid values run from %s to %s", FormatValue(k, *lo), FormatValue(k, *hi))
	case lo != nil:
		return fmt.Sprintf("valid values are %s or more", FormatValue(k, *lo))
	case hi != nil:
		return fmt.Sprintf("valid values are %s or less", FormatValue(k, *hi))
	}
	return "any value is valid"
}

// fieldsNear is the scenario cut down to the stream or contract that path names
// (with the scenario-wide fields), sharing its data: for lookups only.
// fieldLookup finds numeric fields by path, listing the fields of each stream or
// contract once: the uncertain inputs of one contract share its listing. The
// fields it finds have no label. The scenario must not change while it is used.
type fieldLookup struct {
	s      *Scenario
	owners map[string][]Field
}

func (l *fieldLookup) field(path string) (Field, bool) {
	head, rest, _ := strings.Cut(path, ".")
	id, _, _ := strings.Cut(rest, ".")
	owner := head + "." + id
	if head != "streams" && head != "contracts" {
		owner = "" // a field of the scenario's own, which fieldsNear lists alone
	}
	fs, ok := l.owners[owner]
	if !ok {
		if l.owners == nil {
			l.owners = map[string][]Field{}
		}
		fs = l.s.fieldsNear(path).fields(false)
		l.owners[owner] = fs
	}
	for _, f := range fs {
		if f.Path == path {
			return f, true
		}
	}
	return Field{}, false
}

func (s *Scenario) fieldsNear(path string) *Scenario {
	head, rest, _ := strings.Cut(path, ".")
	id, _, _ := strings.Cut(rest, ".")
	sub := *s
	sub.Streams, sub.Contracts = nil, nil
	switch head {
	case "streams":
		for i := range s.Streams {
			if s.Streams[i].ID == id {
				sub.Streams = s.Streams[i : i+1 : i+1]
				break
			}
		}
	case "contracts":
		for i := range s.Contracts {
			if s.Contracts[i].ID == id {
				sub.Contracts = s.Contracts[i : i+1 : i+1]
				break
			}
		}
	}
	// Any other path is a field of the scenario's own (discount_rate), which
	// no stream or contract changes: the scenario without them lists it.
	return &sub
}
