package scenario

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// Marshal writes the scenario as canonical YAML: keys in the format's order, amounts
// and rates in their exact short forms (38B, 20%), text quoted, one scenario per
// document. Parsing the output gives back an identical scenario, and marshaling the
// same scenario always gives the same bytes, so stored revisions compare by hash.
func Marshal(s *Scenario) []byte {
	var b bytes.Buffer
	// About what a contract, a stream and an uncertain input take: one buffer
	// that rarely grows.
	b.Grow(2048 + 1024*(len(s.Contracts)+len(s.Streams)) + 256*uncertainInputs(s))
	w := &yamlWriter{b: &b}
	w.line(0, "version", fmt.Sprint(s.Version))
	w.line(0, "name", quote(s.Name))
	if s.Description != "" {
		w.text(0, "description", s.Description)
	}
	w.line(0, "start", s.Start.String())
	w.line(0, "end", s.End.String())
	if !s.DiscountRate.IsZero() {
		w.line(0, "discount_rate", FormatRate(s.DiscountRate))
	}
	if len(s.Streams) > 0 {
		w.key(0, "streams")
		for i := range s.Streams {
			w.stream(&s.Streams[i])
		}
	}
	if len(s.Contracts) > 0 {
		w.key(0, "contracts")
		for i := range s.Contracts {
			w.contract(&s.Contracts[i])
		}
	}
	if u := s.Uncertainty; u != nil {
		w.key(0, "uncertainty")
		if u.Runs > 0 {
			w.line(1, "runs", fmt.Sprint(u.Runs))
		}
		if u.SeedSet {
			w.line(1, "seed", fmt.Sprint(u.Seed))
		}
		if len(u.Inputs) > 0 {
			w.key(1, "inputs")
			fields := fieldLookup{s: s}
			for _, in := range u.Inputs {
				w.input(&fields, in)
			}
		}
		if len(u.Correlations) > 0 {
			w.key(1, "correlations")
			for _, g := range u.Correlations {
				w.correlation(g)
			}
		}
	}
	return b.Bytes()
}

type yamlWriter struct{ b *bytes.Buffer }

func uncertainInputs(s *Scenario) int {
	if s.Uncertainty == nil {
		return 0
	}
	return len(s.Uncertainty.Inputs)
}

// spaces indents the levels a scenario has without writing a new string a line.
const spaces = "                "

func (w *yamlWriter) indent(level int) {
	for ; 2*level > len(spaces); level -= len(spaces) / 2 {
		w.b.WriteString(spaces)
	}
	w.b.WriteString(spaces[:2*level])
}

func (w *yamlWriter) key(level int, k string) {
	w.indent(level)
	w.b.WriteString(k)
	w.b.WriteString(":\n")
}

func (w *yamlWriter) line(level int, k, v string) {
	w.indent(level)
	w.b.WriteString(k)
	w.b.WriteString(": ")
	w.b.WriteString(v)
	w.b.WriteByte('\n')
}

// text writes free text: a literal block when it spans lines and reads back exactly,
// else a quoted string.
func (w *yamlWriter) text(level int, k, v string) {
	if !blockSafe(v) {
		w.line(level, k, quote(v))
		return
	}
	w.indent(level)
	w.b.WriteString(k)
	w.b.WriteString(": |-\n")
	for _, l := range strings.Split(v, "\n") {
		if l != "" {
			w.indent(level + 1)
			w.b.WriteString(l)
		}
		w.b.WriteByte('\n')
	}
}

// blockSafe reports whether v survives a |- literal block unchanged: several lines,
// no leading space on the first, no trailing newline, only printable characters and
// no trailing spaces (which editors strip).
func blockSafe(v string) bool {
	if !strings.Contains(v, "\n") || strings.HasSuffix(v, "\n") || strings.HasPrefix(v, " ") || strings.HasPrefix(v, "\n") {
		return false
	}
	for _, l := range strings.Split(v, "\n") {
		if strings.HasSuffix(l, " ") {
			return false
		}
		for _, r := range l {
			if !unicode.IsPrint(r) && r != '\t' || r == '\t' || r == '\uFEFF' {
				return false
			}
		}
	}
	return true
}

// quote writes a double-quoted scalar. JSON's string syntax is valid YAML.
func quote(s string) string {
	// Printable ASCII but for the quote and the backslash is written as it is,
	// between quotes, which is what the encoder below would write.
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			plain = false
			break
		}
	}
	if plain {
		return `"` + s + `"`
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

func (w *yamlWriter) sources(level int, src []string) {
	switch len(src) {
	case 0:
	case 1:
		w.line(level, "source", quote(src[0]))
	default:
		w.key(level, "sources")
		for _, s := range src {
			w.indent(level)
			w.b.WriteString("  - ")
			w.b.WriteString(quote(s))
			w.b.WriteByte('\n')
		}
	}
}

func (w *yamlWriter) stream(st *Stream) {
	w.key(1, st.ID)
	if st.Label != "" {
		w.line(2, "label", quote(st.Label))
	}
	if len(st.Annual) > 0 {
		w.key(2, "annual")
		for _, a := range st.Annual {
			w.line(3, fmt.Sprint(a.Year), FormatAmount(a.Amount))
		}
	}
	if len(st.Growth) > 0 {
		w.key(2, "growth")
		for _, g := range st.Growth {
			w.line(3, fmt.Sprint(g.Year), FormatRate(g.Rate))
		}
	}
	if len(st.Actuals) > 0 {
		w.key(2, "actuals")
		for _, a := range st.Actuals {
			w.line(3, a.Quarter.String(), FormatAmount(a.Amount))
		}
	}
	w.sources(2, st.Sources)
}

func (w *yamlWriter) contract(c *Contract) {
	w.key(1, c.ID)
	w.line(2, "type", c.Type)
	if c.Label != "" {
		w.line(2, "label", quote(c.Label))
	}
	if c.MovesMoney() {
		w.line(2, "payer", quote(c.Payer))
		w.line(2, "payee", quote(c.Payee))
	}
	if t := contractTypeOf(c); t != nil {
		t.Encode(&ContractWriter{w: w, level: 2, c: c}, c)
	}
	if !c.Enabled {
		w.line(2, "enabled", "false")
	}
	w.sources(2, c.Sources)
}

func (w *yamlWriter) input(fields *fieldLookup, in UncertainInput) {
	kind := KindNumber
	if f, ok := fields.field(in.Path); ok {
		kind = f.Kind
	}
	var parts []string
	parts = append(parts, "dist: "+in.Dist)
	for _, p := range in.Params {
		v := p.Value.String()
		switch {
		case p.Name == "p":
			v = FormatRate(p.Value)
		case p.Name != "mu" && p.Name != "sigma":
			v = FormatValue(kind, p.Value)
		}
		parts = append(parts, p.Name+": "+v)
	}
	if in.Dist == DistDiscrete {
		vs := make([]string, len(in.Values))
		for i, t := range in.Values {
			vs[i] = yamlScalar(t)
		}
		ps := make([]string, len(in.Probs))
		for i, p := range in.Probs {
			ps[i] = FormatRate(p)
		}
		parts = append(parts, "values: ["+strings.Join(vs, ", ")+"]", "p: ["+strings.Join(ps, ", ")+"]")
	}
	if len(in.Sources) == 0 {
		w.line(2, in.Path, "{"+strings.Join(parts, ", ")+"}")
		return
	}
	w.key(2, in.Path)
	for _, p := range parts {
		k, v, _ := strings.Cut(p, ": ")
		w.line(3, k, v)
	}
	w.sources(3, in.Sources)
}

func (w *yamlWriter) correlation(g Correlation) {
	w.indent(2)
	w.b.WriteString("- inputs: [" + strings.Join(g.Inputs, ", ") + "]\n")
	w.line(3, "rho", g.Rho.String())
	w.sources(3, g.Sources)
}

// yamlScalar writes a value of a discrete list as a YAML scalar: plain when it
// reads back as the same text, quoted otherwise.
func yamlScalar(t string) string {
	for _, r := range t {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || strings.ContainsRune("$%._-", r)) {
			return quote(t)
		}
	}
	if t == "" {
		return `""`
	}
	return t
}
