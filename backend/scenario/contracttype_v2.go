package scenario

import (
	"strings"

	"github.com/shopspring/decimal"

	"dealmodel/backend/fault"
)

// V2Keyed is implemented by a contract type with keys that only format v2 has. A
// version 1 file that uses one is refused at the key with "write version: 2".
type V2Keyed interface {
	V2Keys() []string
}

// Dated is one entry of a mapping keyed by quarter (format v2), with a decoder
// for its value's keys.
type Dated struct {
	Quarter Quarter
	*ContractDecoder
}

// DatedMappings reads the key as a mapping of quarters (a bare year is its first
// quarter) to mappings with only the allowed keys, in quarter order. Each entry is
// addressed key.<quarter> in errors, whatever the spelling of its quarter.
func (cd *ContractDecoder) DatedMappings(key, what string, allowed []string) []Dated {
	n, ok := cd.f[key]
	if !ok {
		return nil
	}
	d, path := cd.d, join(cd.path, key)
	var out []Dated
	seen := map[int]*node{}
	for _, e := range d.entries(n, path, what) {
		qp := join(path, e.key.text)
		q, ok := d.quarter(e.key, qp, false)
		if !ok || !d.once(seen, int(q), e.key, qp, "quarter") {
			continue
		}
		cp := join(path, q.String())
		d.alias(cp, qp)
		f := d.fields(e.value, cp, allowed, nil)
		if f == nil {
			continue
		}
		out = append(out, Dated{Quarter: q, ContractDecoder: &ContractDecoder{d: d, n: e.key, f: f, path: cp, s: cd.s}})
	}
	for i := 1; i < len(out); i++ { // entries are few: keep them in quarter order
		for j := i; j > 0 && out[j].Quarter < out[j-1].Quarter; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Entry is one entry of a mapping keyed by id, with a decoder for its value.
type Entry struct {
	ID string
	*ContractDecoder
}

// Entries reads the key as a mapping of ids (what names them in messages, such
// as "tranche") to mappings with only the allowed keys, in file order.
func (cd *ContractDecoder) Entries(key, what string, allowed []string) []Entry {
	n, ok := cd.f[key]
	if !ok {
		return nil
	}
	d, path := cd.d, join(cd.path, key)
	var out []Entry
	for _, e := range d.entries(n, path, what+" ids to "+what+"s") {
		ep := join(path, e.key.text)
		id := d.id(e.key, ep, what)
		f := d.fields(e.value, ep, allowed, nil)
		if f == nil {
			continue
		}
		out = append(out, Entry{ID: id, ContractDecoder: &ContractDecoder{d: d, n: e.value, f: f, path: ep, s: cd.s}})
	}
	return out
}

// IsEmptyMapping reports whether the key is given as a mapping without entries.
func (cd *ContractDecoder) IsEmptyMapping(key string) bool {
	n, ok := cd.f[key]
	return ok && n.kind == mappingNode && len(n.pairs) == 0
}

// Sources reads source (text) or sources (a list of text) of the mapping.
func (cd *ContractDecoder) Sources() []string { return cd.d.sources(cd.f, cd.path) }

// DatedValues reads the key as a mapping of quarters (a bare year is its first
// quarter) to values that parse reads from their text, such as gigawatts; example
// shows a valid value in messages.
func (cd *ContractDecoder) DatedValues(key, what, example string, parse func(string) (decimal.Decimal, error)) []QuarterAmount {
	n, ok := cd.f[key]
	if !ok {
		return nil
	}
	d := cd.d
	read := func(v *node, path string) (decimal.Decimal, bool) {
		if v.kind != scalarNode || (v.scalar != numberScalar && v.scalar != stringScalar) {
			d.errf(v, path, "expected %s, found %s", example, v.describe())
			return decimal.Decimal{}, false
		}
		x, err := parse(v.text)
		if err != nil {
			d.errf(v, path, "%s", err)
			return decimal.Decimal{}, false
		}
		return x, true
	}
	return d.quarterValues(n, join(cd.path, key), what, read)
}

// KeyErrorf reports a problem at the key itself (not its value): for a rule about
// the key's presence, such as two keys that exclude each other.
func (cd *ContractDecoder) KeyErrorf(key, format string, args ...any) {
	p := join(cd.path, key)
	cd.d.errf(cd.d.at(p), p, format, args...)
}

// Here reports a problem with the mapping itself (a dated entry: at its quarter).
func (cd *ContractDecoder) Here(format string, args ...any) {
	cd.d.errf(cd.n, cd.path, format, args...)
}

// Sources writes source (one) or sources (a list).
func (cw *ContractWriter) Sources(src []string) { cw.w.sources(cw.level, src) }

// Text writes free text as a quoted scalar, when it is not empty.
func (cw *ContractWriter) Text(key, v string) {
	if v != "" {
		cw.w.line(cw.level, key, quote(v))
	}
}

// ParseGW reads gigawatts: a plain number (4.5), or a number with the suffix GW
// or MW in either case ("4.5GW", "750MW"). The result is in gigawatts, exact.
func ParseGW(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	exp := int32(0)
	if n := len(t); n >= 2 {
		switch suffix := t[n-2:]; {
		case strings.EqualFold(suffix, "GW"):
			t = strings.TrimSpace(t[:n-2])
		case strings.EqualFold(suffix, "MW"):
			t, exp = strings.TrimSpace(t[:n-2]), -3
		}
	}
	d, err := parseNumber(t)
	if err == nil {
		d = d.Shift(exp)
		err = checkSize(d)
	}
	if err != nil {
		return decimal.Decimal{}, fault.Errorf(fault.Invalid, "%q is not a number of gigawatts: write a number such as 4.5, or \"4.5GW\" or \"750MW\"", s)
	}
	return d, nil
}

// FormatGW writes gigawatts exactly, as a plain number: 4.5, 0.75.
func FormatGW(d decimal.Decimal) string { return d.String() }
