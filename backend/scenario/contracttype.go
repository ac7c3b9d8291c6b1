package scenario

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// ContractType is what the scenario format needs to know of one contract type: its
// keys, how to read them, the rules they obey, how to write them back and which of
// them are numeric fields. The types themselves live in backend/contract, which
// registers each with RegisterContractType; this package holds no type's rules.
type ContractType interface {
	// Name is the type as written in a file, the value of a contract's type key.
	Name() string
	// MovesMoney reports whether the type moves money from a payer to a payee (and
	// so has the keys payer and payee).
	MovesMoney() bool
	// Keys are the type's own keys, in the format's order, beyond type, label,
	// enabled, source(s) and (when it moves money) payer and payee. from and until
	// are read for every type that lists them.
	Keys() []string
	// Decode reads the type's own keys into c.
	Decode(d *ContractDecoder, c *Contract)
	// Check applies the type's rules (ranges, references, rules across its fields).
	Check(k *ContractCheck, c *Contract)
	// Encode writes the type's own keys, in canonical order.
	Encode(w *ContractWriter, c *Contract)
	// Fields lists the type's numeric fields in document order.
	Fields(c *Contract, add FieldFunc)
	// Ref resolves a numeric field by its path below contracts.<id>. (parts holds
	// that path split at dots). A zero FieldRef (Kind "") means there is none;
	// why then says what is wrong, or "" for the generic message.
	Ref(c *Contract, parts []string) (ref FieldRef, why string)
	// NumericKeys names the type's numeric fields for messages: rate, cap, weights.<n>.
	NumericKeys() []string
}

// FieldFunc adds one numeric field of a contract: key is its path below
// contracts.<id>. and label what follows "<contract label>: ".
type FieldFunc func(key string, kind FieldKind, label string, v decimal.Decimal, lo, hi *decimal.Decimal)

// FieldRef is where a numeric field's value lives: Ptr, or Set for a field stored in
// another form (a commitment's whole years).
type FieldRef struct {
	Kind FieldKind
	Ptr  *decimal.Decimal
	Set  func(decimal.Decimal)
}

// ContractExt holds a contract's terms of its type (Contract.Ext): every type keeps
// its own, in a struct of its module, so that Contract has only what all types
// share. Clone must return a deep copy.
type ContractExt interface {
	Clone() ContractExt
}

var contractTypes struct {
	sync.RWMutex
	byName map[string]ContractType
	order  []string
}

// RegisterContractType makes a contract type known to Parse, Validate, Marshal and
// Fields. Types are listed in the order they are registered. It panics on a
// duplicate name: that is a defect of the program.
func RegisterContractType(t ContractType) {
	contractTypes.Lock()
	defer contractTypes.Unlock()
	if contractTypes.byName == nil {
		contractTypes.byName = map[string]ContractType{}
	}
	if _, dup := contractTypes.byName[t.Name()]; dup {
		panic("scenario: contract type " + t.Name() + " registered twice")
	}
	contractTypes.byName[t.Name()] = t
	contractTypes.order = append(contractTypes.order, t.Name())
}

// LookupContractType returns the registered type with the name.
func LookupContractType(name string) (ContractType, bool) {
	contractTypes.RLock()
	defer contractTypes.RUnlock()
	t, ok := contractTypes.byName[name]
	return t, ok
}

// ContractTypeNames lists the registered types in registration order.
func ContractTypeNames() []string {
	contractTypes.RLock()
	defer contractTypes.RUnlock()
	return append([]string(nil), contractTypes.order...)
}

// ContractDecoder reads one contract's keys for its type's Decode, reporting
// errors at the key's position.
type ContractDecoder struct {
	d    *decoder
	n    *node            // the mapping being read
	f    map[string]*node // its values by key
	path string
	s    *Scenario
}

// Scenario is the scenario being read (its horizon is known; later contracts are not).
func (cd *ContractDecoder) Scenario() *Scenario { return cd.s }

// Version is the file's format version.
func (cd *ContractDecoder) Version() int { return cd.d.version }

// DatedAmounts reads the key as a mapping of quarters to amounts in format v2's
// way (a bare year is its first quarter), sorted by quarter.
func (cd *ContractDecoder) DatedAmounts(key, what string) []QuarterAmount {
	n, ok := cd.f[key]
	if !ok {
		return nil
	}
	return cd.d.quarterAmounts(n, join(cd.path, key), what)
}

// Path is the key path of the mapping being read: contracts.<id>.
func (cd *ContractDecoder) Path() string { return cd.path }

// Has reports whether the key is given.
func (cd *ContractDecoder) Has(key string) bool { _, ok := cd.f[key]; return ok }

// Need reports a missing key ("missing: " + what) and returns whether it is given.
func (cd *ContractDecoder) Need(key, what string) bool {
	if _, ok := cd.f[key]; !ok {
		cd.d.errf(cd.n, join(cd.path, key), "missing: %s", what)
		return false
	}
	return true
}

// Errorf reports a problem with the key's value.
func (cd *ContractDecoder) Errorf(key, format string, args ...any) {
	cd.d.errf(cd.f[key], join(cd.path, key), format, args...)
}

// Str reads the key as text, if given.
func (cd *ContractDecoder) Str(key string) (string, bool) {
	if n, ok := cd.f[key]; ok {
		return cd.d.str(n, join(cd.path, key))
	}
	return "", false
}

// Amount reads the key as an amount (38B), if given.
func (cd *ContractDecoder) Amount(key string) (decimal.Decimal, bool) {
	if n, ok := cd.f[key]; ok {
		return cd.d.amount(n, join(cd.path, key))
	}
	return decimal.Decimal{}, false
}

// Rate reads the key as a rate (20%), if given.
func (cd *ContractDecoder) Rate(key string) (decimal.Decimal, bool) {
	if n, ok := cd.f[key]; ok {
		return cd.d.rate(n, join(cd.path, key))
	}
	return decimal.Decimal{}, false
}

// Integer reads the key as a whole number, if given.
func (cd *ContractDecoder) Integer(key string) (int64, bool) {
	if n, ok := cd.f[key]; ok {
		return cd.d.integer(n, join(cd.path, key))
	}
	return 0, false
}

// Quarter reads the key as a quarter, if given; a bare year is its first quarter,
// or its last when endOfYear.
func (cd *ContractDecoder) Quarter(key string, endOfYear bool) (Quarter, bool) {
	if n, ok := cd.f[key]; ok {
		return cd.d.quarter(n, join(cd.path, key), endOfYear)
	}
	return 0, false
}

// Numbers reads the key as a list of plain numbers, addressed key.1, key.2…;
// what describes the list for a value that is not one.
func (cd *ContractDecoder) Numbers(key, what string) []decimal.Decimal {
	n, ok := cd.f[key]
	if !ok {
		return nil
	}
	wp := join(cd.path, key)
	if n.kind != sequenceNode {
		cd.d.errf(n, wp, "expected %s, found %s", what, n.describe())
		return nil
	}
	var out []decimal.Decimal
	for i, it := range n.items {
		ip := fmt.Sprintf("%s.%d", wp, i+1)
		cd.d.pos[ip] = it
		v, _ := cd.d.number(it, ip)
		out = append(out, v)
	}
	return out
}

// QuarterAmounts reads the key as a mapping of quarters to amounts, sorted by
// quarter; bare years are refused.
func (cd *ContractDecoder) QuarterAmounts(key string) []QuarterAmount {
	n, ok := cd.f[key]
	if !ok {
		return nil
	}
	sp := join(cd.path, key)
	seen := map[int]*node{}
	var out []QuarterAmount
	for _, e := range cd.d.entries(n, sp, "quarters to amounts") {
		qp := join(sp, e.key.text)
		q, ok1 := cd.d.scheduleQuarter(e.key, qp)
		a, ok2 := cd.d.amount(e.value, qp)
		if ok1 && cd.d.once(seen, int(q), e.key, qp, "quarter") && ok2 {
			out = append(out, QuarterAmount{Quarter: q, Amount: a})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Quarter < out[j].Quarter })
	return out
}

// Mapping reads the key as a mapping with only the allowed keys and returns a
// decoder for it, or nil (the error reported) when it is not one.
func (cd *ContractDecoder) Mapping(key string, allowed []string) *ContractDecoder {
	n, ok := cd.f[key]
	if !ok {
		return nil
	}
	p := join(cd.path, key)
	f := cd.d.fields(n, p, allowed, nil)
	if f == nil {
		return nil
	}
	return &ContractDecoder{d: cd.d, n: n, f: f, path: p, s: cd.s}
}

// ContractCheck applies a type's rules to one contract, reporting each broken rule
// with its key path.
type ContractCheck struct {
	s      *Scenario
	report reportFunc
	path   string
}

// Scenario is the scenario the contract belongs to.
func (k *ContractCheck) Scenario() *Scenario { return k.s }

// Errorf reports a broken rule at the key (a path below contracts.<id>, "" for the
// contract itself).
func (k *ContractCheck) Errorf(key, format string, args ...any) {
	k.report(join(k.path, key), format, args...)
}

// Rate checks that a rate lies in [lo, hi].
func (k *ContractCheck) Rate(key string, v, lo, hi decimal.Decimal) {
	checkRate(k.report, join(k.path, key), v, lo, hi)
}

// Amount checks that an amount is not negative.
func (k *ContractCheck) Amount(key string, v decimal.Decimal) {
	checkAmount(k.report, join(k.path, key), v)
}

// Party checks a party's name.
func (k *ContractCheck) Party(key, name string) {
	checkParty(k.report, join(k.path, key), name)
}

// Stream checks that id names a stream and returns it, reporting a missing one
// with what (": base names a stream id under streams", or "").
func (k *ContractCheck) Stream(key, id, what string) *Stream {
	st := k.s.Stream(id)
	if st == nil {
		k.Errorf(key, "there is no stream %q%s%s", id, didYouMean(id, k.s.streamIDs()), what)
	}
	return st
}

// ContractWriter writes one contract's keys in canonical YAML.
type ContractWriter struct {
	w     *yamlWriter
	level int
	c     *Contract
}

// Line writes key: value (value as given: quote text with Quote).
func (cw *ContractWriter) Line(key, value string) { cw.w.line(cw.level, key, value) }

// Mapping writes key: and returns a writer for the mapping's keys.
func (cw *ContractWriter) Mapping(key string) *ContractWriter {
	cw.w.key(cw.level, key)
	return &ContractWriter{w: cw.w, level: cw.level + 1, c: cw.c}
}

// FromUntil writes from (and until, when until is true) if the file gave them.
func (cw *ContractWriter) FromUntil(until bool) {
	if cw.c.FromSet {
		cw.w.line(cw.level, "from", cw.c.From.String())
	}
	if until && cw.c.UntilSet {
		cw.w.line(cw.level, "until", cw.c.Until.String())
	}
}

// Quote writes text as a double-quoted scalar.
func Quote(s string) string { return quote(s) }

// contractType returns the registered type of c, or nil.
func contractTypeOf(c *Contract) ContractType {
	t, _ := LookupContractType(c.Type)
	return t
}

// contractKeys returns the keys valid for a contract type, and hints for keys that
// belong to other types.
func contractKeys(t ContractType) ([]string, map[string]string) {
	allowed := append([]string(nil), commonContractKeys...)
	if t.MovesMoney() {
		allowed = append(allowed, moneyKeys...)
	}
	allowed = append(allowed, t.Keys()...)
	other := map[string]string{}
	for _, name := range ContractTypeNames() {
		o, _ := LookupContractType(name)
		keys := append([]string(nil), o.Keys()...)
		if o.MovesMoney() {
			keys = append(keys, moneyKeys...)
		}
		for _, k := range keys {
			if !contains(allowed, k) {
				if _, seen := other[k]; !seen {
					other[k] = fmt.Sprintf("%s does not apply to a %s contract (it belongs to %s)", k, t.Name(), name)
				}
			}
		}
	}
	return allowed, other
}

// numericKeysOf names a contract's numeric fields for messages.
func numericKeysOf(c *Contract) string {
	if t := contractTypeOf(c); t != nil {
		return strings.Join(t.NumericKeys(), ", ")
	}
	return ""
}
