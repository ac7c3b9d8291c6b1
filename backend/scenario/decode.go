package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Parse reads a scenario from YAML (or JSON when filename ends in .json), checks it
// strictly against format v1 and returns it, or an *ErrorList with every problem
// found (up to MaxErrors), each with file, line, column and key path.
func Parse(filename string, data []byte) (*Scenario, error) {
	sink := &errorSink{file: filename, positioned: true}
	if !checkDocSize(data, sink) {
		return nil, sink.err()
	}
	// A byte order mark, which some Windows editors write, is not part of the text.
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		sink.addAt(0, 0, "", "the file is not UTF-8 text: save it as UTF-8")
		return nil, sink.err()
	}
	var root *node
	boundedParse(len(data), func() { root = parseTree(filename, data, sink) })
	if root == nil {
		return nil, sink.err()
	}
	d := &decoder{sink: sink, pos: map[string]*node{}, failedAt: map[string]bool{}}
	s := d.scenario(root)
	// The rules across fields run even when some values did not decode, so that a
	// file's problems are reported together; but not for the stream or contract
	// (or top-level key) whose values are missing, where they would only echo the
	// first error. Without a horizon there is nothing to check against.
	if d.failedAt["start"] || d.failedAt["end"] || d.failedAt[""] {
		return nil, sink.err()
	}
	s.check(func(path, format string, args ...any) {
		if !d.failedAt[block(path)] {
			sink.add(d.at(path), path, format, args...)
		}
	})
	if sink.failed {
		return nil, sink.err()
	}
	return s, nil
}

// block is the unit a decoding error silences later checks in: a stream or
// contract (streams.<id>, contracts.<id>), the uncertainty block, or a top-level key.
func block(path string) string {
	parts := strings.SplitN(path, ".", 3)
	switch {
	case parts[0] == "uncertainty":
		return "uncertainty"
	case (parts[0] == "streams" || parts[0] == "contracts") && len(parts) > 1:
		return parts[0] + "." + parts[1]
	}
	return parts[0]
}

// validID reports whether id is an id: a lowercase letter, then up to 39 lowercase
// letters, digits and underscores (^[a-z][a-z0-9_]{0,39}$).
func validID(id string) bool {
	if len(id) == 0 || len(id) > 40 || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		c := id[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '_' {
			return false
		}
	}
	return true
}

// decoder turns a node tree into a Scenario, reporting type errors. Range and
// cross-field rules are checked afterwards by Scenario.check, which also serves
// scenarios edited in the app.
type decoder struct {
	version  int // the file's format version; 0 until read
	sink     *errorSink
	pos      map[string]*node // key path -> the node of its value, for later errors
	failedAt map[string]bool  // blocks (see block) with a decoding error
}

func (d *decoder) errf(n *node, path, format string, args ...any) {
	d.failedAt[block(path)] = true
	d.sink.add(n, path, format, args...)
}

// at returns the node for a key path, or the nearest enclosing one that was recorded.
func (d *decoder) at(path string) *node {
	for p := path; ; {
		if n, ok := d.pos[p]; ok {
			return n
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			return d.pos[""]
		}
		p = p[:i]
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// fields checks that n is a mapping with only allowed keys, each once, and returns
// the values by key. other maps keys that are valid elsewhere to a hint.
func (d *decoder) fields(n *node, path string, allowed []string, other map[string]string) map[string]*node {
	if n.kind != mappingNode {
		d.errf(n, path, "expected a mapping of keys (%s), found %s", strings.Join(allowed, ", "), n.describe())
		return nil
	}
	out := make(map[string]*node, len(n.pairs))
	for _, p := range n.pairs {
		key := p.key.text
		kp := join(path, key)
		if p.key.kind != scalarNode {
			d.errf(p.key, path, "a key must be a plain name, found %s", p.key.describe())
			continue
		}
		if _, dup := out[key]; dup {
			d.errf(p.key, kp, "duplicate key %q: each key may appear once", key)
			continue
		}
		if contains(allowed, key) && d.version == FormatV1 && v2Only[join(pattern(path), key)] {
			d.errf(p.key, kp, "%s is a key of format version 2: write version: 2 at the top of the file to use it (this file says version: 1)", key)
			continue
		}
		if !contains(allowed, key) {
			if hint, ok := other[key]; ok {
				d.errf(p.key, kp, "unknown key %q here: %s", key, hint)
			} else if s := suggest(key, allowed); s != "" {
				d.errf(p.key, kp, "unknown key %q: did you mean %q? Valid keys here: %s", key, s, strings.Join(allowed, ", "))
			} else {
				d.errf(p.key, kp, "unknown key %q: valid keys here: %s", key, strings.Join(allowed, ", "))
			}
			continue
		}
		out[key] = p.value
		d.record(kp, p)
	}
	return out
}

// entries checks that n is a mapping and returns its pairs, rejecting duplicate keys.
func (d *decoder) entries(n *node, path, what string) []pair {
	if n.kind != mappingNode {
		d.errf(n, path, "expected a mapping of %s, found %s", what, n.describe())
		return nil
	}
	seen := map[string]bool{}
	var out []pair
	for _, p := range n.pairs {
		if p.key.kind != scalarNode {
			d.errf(p.key, path, "a key must be a plain value, found %s", p.key.describe())
			continue
		}
		kp := join(path, p.key.text)
		if seen[p.key.text] {
			d.errf(p.key, kp, "duplicate key %q: each key may appear once", p.key.text)
			continue
		}
		seen[p.key.text] = true
		d.record(kp, p)
		out = append(out, p)
	}
	return out
}

// record remembers where a key path is, for errors found later: a plain value's own
// position, or the key of a mapping or list (its first line would be a child's).
func (d *decoder) record(path string, p pair) {
	if p.value.kind == scalarNode && p.value.line > 0 {
		d.pos[path] = p.value
	} else {
		d.pos[path] = p.key
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// suggest returns the allowed key closest to key, if it is a likely typo.
func suggest(key string, allowed []string) string {
	if len(key) > 64 { // no key is that long; and the distance costs len(key) × len(allowed key)
		return ""
	}
	best, bestDist := "", 1<<30
	for _, a := range allowed {
		if dist := editDistance(strings.ToLower(key), a); dist < bestDist {
			best, bestDist = a, dist
		}
	}
	limit := 2
	if len(key) <= 4 {
		limit = 1
	}
	if bestDist <= limit || commonPrefix(strings.ToLower(key), best) >= 5 {
		return best
	}
	return ""
}

// editDistance is the optimal string alignment distance: insertions, deletions,
// substitutions and swaps of neighbours ("nmae" is one step from "name").
func editDistance(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// Scalar readers. Each reports its own error and returns ok=false.

func (d *decoder) str(n *node, path string) (string, bool) {
	if n.kind != scalarNode || n.scalar == nullScalar {
		d.errf(n, path, "expected text, found %s", n.describe())
		return "", false
	}
	if n.scalar != stringScalar {
		d.errf(n, path, "expected text, found %s: put it in quotes", n.describe())
		return "", false
	}
	return n.text, true
}

func (d *decoder) amount(n *node, path string) (decimal.Decimal, bool) {
	if n.kind != scalarNode || (n.scalar != numberScalar && n.scalar != stringScalar) {
		d.errf(n, path, "expected an amount such as 50B, $1.5T or 250000000, found %s", n.describe())
		return decimal.Decimal{}, false
	}
	v, err := ParseAmount(n.text)
	if err != nil {
		d.errf(n, path, "%s", err)
		return decimal.Decimal{}, false
	}
	return v, true
}

func (d *decoder) rate(n *node, path string) (decimal.Decimal, bool) {
	if n.kind != scalarNode || (n.scalar != numberScalar && n.scalar != stringScalar) {
		d.errf(n, path, "expected a rate such as 20%% or 0.2, found %s", n.describe())
		return decimal.Decimal{}, false
	}
	v, err := ParseRate(n.text)
	if err != nil {
		d.errf(n, path, "%s", err)
		return decimal.Decimal{}, false
	}
	return v, true
}

func (d *decoder) number(n *node, path string) (decimal.Decimal, bool) {
	if n.kind != scalarNode || (n.scalar != numberScalar && n.scalar != stringScalar) {
		d.errf(n, path, "expected a number, found %s", n.describe())
		return decimal.Decimal{}, false
	}
	v, err := parseNumber(strings.TrimSpace(n.text))
	if err != nil {
		d.errf(n, path, "%q is not a number", n.text)
		return decimal.Decimal{}, false
	}
	return v, true
}

func (d *decoder) integer(n *node, path string) (int64, bool) {
	if n.kind == scalarNode && (n.scalar == numberScalar || n.scalar == stringScalar) {
		v, err := strconv.ParseInt(strings.ReplaceAll(n.text, "_", ""), 10, 64)
		switch {
		case err == nil && n.scalar == numberScalar:
			return v, true
		case errors.Is(err, strconv.ErrRange):
			// The YAML parser reads a whole number too large for 64 bits as text.
			d.errf(n, path, "%s is out of range: a whole number here is from %d to %d", clip(n.text), int64(math.MinInt64), int64(math.MaxInt64))
			return 0, false
		}
	}
	d.errf(n, path, "expected a whole number, found %s", n.describe())
	return 0, false
}

func (d *decoder) boolean(n *node, path string) (bool, bool) {
	if n.kind == scalarNode && n.scalar == boolScalar {
		switch strings.ToLower(n.text) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	d.errf(n, path, "expected true or false, found %s", n.describe())
	return false, false
}

func (d *decoder) quarter(n *node, path string, endOfYear bool) (Quarter, bool) {
	if n.kind != scalarNode || (n.scalar != numberScalar && n.scalar != stringScalar) {
		d.errf(n, path, "expected a quarter such as 2026Q3 or a year such as 2026, found %s", n.describe())
		return 0, false
	}
	q, err := ParseQuarter(n.text, endOfYear)
	if err != nil {
		d.errf(n, path, "%s", err)
		return 0, false
	}
	return q, true
}

func (d *decoder) year(n *node, path string) (int, bool) {
	y, err := strconv.Atoi(strings.TrimSpace(n.text))
	if n.kind != scalarNode || err != nil || len(strings.TrimSpace(n.text)) != 4 {
		d.errf(n, path, "expected a calendar year such as 2026, found %s", n.describe())
		return 0, false
	}
	if y < MinYear || y > MaxYear {
		d.errf(n, path, "year %d is out of range: years run from %d to %d", y, MinYear, MaxYear)
		return 0, false
	}
	return y, true
}

// sources reads `source` (text) or `sources` (a list of text).
func (d *decoder) sources(f map[string]*node, path string) []string {
	var out []string
	if n, ok := f["source"]; ok {
		if s, ok := d.str(n, join(path, "source")); ok {
			out = append(out, s)
		}
	}
	if n, ok := f["sources"]; ok {
		p := join(path, "sources")
		if _, both := f["source"]; both {
			d.errf(n, p, "give either source (one) or sources (a list), not both")
		}
		if n.kind != sequenceNode {
			d.errf(n, p, "expected a list of sources, found %s", n.describe())
		} else {
			for i, it := range n.items {
				if s, ok := d.str(it, fmt.Sprintf("%s[%d]", p, i)); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}

var topKeys = []string{"version", "name", "description", "start", "end", "discount_rate", "streams", "contracts", "uncertainty"}

func (d *decoder) scenario(root *node) *Scenario {
	d.pos[""] = root
	s := &Scenario{}
	f := d.fields(root, "", topKeys, nil)
	if f == nil {
		return s
	}
	required := func(key, what string) (*node, bool) {
		n, ok := f[key]
		if !ok {
			d.errf(root, key, "missing: %s", what)
		}
		return n, ok
	}
	if n, ok := required("version", "add version: 2 (or 1 for a file without the keys of format v2)"); ok {
		if v, ok := d.integer(n, "version"); ok {
			if v != FormatV1 && v != FormatV2 {
				d.errf(n, "version", "this program reads format versions 1 and 2, the file says %d", v)
			}
			s.Version = int(v)
			d.version = int(v)
		}
	}
	if n, ok := required("name", `add name: "…" (1 to 120 characters)`); ok {
		s.Name, _ = d.str(n, "name")
		s.Name = NormalName(s.Name)
		d.pos["name"] = n
	}
	if n, ok := f["description"]; ok {
		s.Description, _ = d.str(n, "description")
	}
	if n, ok := required("start", "add start: the first modeled quarter, such as 2025Q1"); ok {
		s.Start, _ = d.quarter(n, "start", false)
	}
	if n, ok := required("end", "add end: the last modeled quarter, such as 2032Q4"); ok {
		s.End, _ = d.quarter(n, "end", true)
	}
	if n, ok := f["discount_rate"]; ok {
		s.DiscountRate, _ = d.rate(n, "discount_rate")
	}
	if n, ok := f["streams"]; ok && !isNull(n) {
		for _, p := range d.entries(n, "streams", "stream ids to streams") {
			s.Streams = append(s.Streams, d.stream(p))
		}
	}
	if n, ok := f["contracts"]; ok && !isNull(n) {
		for _, p := range d.entries(n, "contracts", "contract ids to contracts") {
			s.Contracts = append(s.Contracts, d.contract(p, s))
		}
	}
	if n, ok := f["uncertainty"]; ok && !isNull(n) {
		s.Uncertainty = d.uncertainty(n)
	}
	return s
}

func isNull(n *node) bool { return n.kind == scalarNode && n.scalar == nullScalar }

func (d *decoder) id(k *node, path, what string) string {
	if !validID(k.text) {
		d.errf(k, path, "%q is not a valid %s id: use a lower-case letter, then up to 39 lower-case letters, digits or _ (such as openai_revenue)", k.text, what)
	}
	return k.text
}

var streamKeys = []string{"label", "annual", "growth", "actuals", "source", "sources"}

// v2Only holds the keys that only a version 2 file may use, by the pattern of
// their path (see pattern).
var v2Only = map[string]bool{
	"streams.*.actuals":        true,
	"uncertainty.correlations": true,
}

// pattern replaces the ids in a key path by *: streams.rev -> streams.*, so that
// rules about a key hold for every stream or contract.
func pattern(path string) string {
	parts := strings.Split(path, ".")
	if len(parts) >= 2 && (parts[0] == "streams" || parts[0] == "contracts") {
		parts[1] = "*"
	}
	return strings.Join(parts, ".")
}

func (d *decoder) stream(p pair) Stream {
	path := "streams." + p.key.text
	st := Stream{ID: d.id(p.key, path, "stream")}
	f := d.fields(p.value, path, streamKeys, nil)
	if f == nil {
		return st
	}
	if n, ok := f["label"]; ok {
		st.Label, _ = d.str(n, join(path, "label"))
	}
	if n, ok := f["annual"]; ok {
		ap := join(path, "annual")
		seen := map[int]*node{}
		for _, e := range d.entries(n, ap, "years to amounts") {
			yp := join(ap, e.key.text)
			y, ok1 := d.year(e.key, yp)
			a, ok2 := d.amount(e.value, yp)
			if ok1 && d.once(seen, y, e.key, yp, "year") && ok2 {
				st.Annual = append(st.Annual, YearAmount{Year: y, Amount: a})
			}
		}
		sort.SliceStable(st.Annual, func(i, j int) bool { return st.Annual[i].Year < st.Annual[j].Year })
	}
	if n, ok := f["growth"]; ok {
		gp := join(path, "growth")
		seen := map[int]*node{}
		for _, e := range d.entries(n, gp, "years to growth rates") {
			yp := join(gp, e.key.text)
			y, ok1 := d.year(e.key, yp)
			r, ok2 := d.rate(e.value, yp)
			if ok1 && d.once(seen, y, e.key, yp, "year") && ok2 {
				st.Growth = append(st.Growth, YearRate{Year: y, Rate: r})
			}
		}
		sort.SliceStable(st.Growth, func(i, j int) bool { return st.Growth[i].Year < st.Growth[j].Year })
	}
	if n, ok := f["actuals"]; ok {
		st.Actuals = d.quarterAmounts(n, join(path, "actuals"), "quarters to reported amounts")
	}
	st.Sources = d.sources(f, path)
	return st
}

var (
	commonContractKeys = []string{"type", "label", "enabled", "source", "sources"}
	moneyKeys          = []string{"payer", "payee"}
)

func (d *decoder) contract(p pair, s *Scenario) Contract {
	path := "contracts." + p.key.text
	c := Contract{ID: d.id(p.key, path, "contract"), Enabled: true}
	if p.value.kind != mappingNode {
		d.errf(p.value, path, "expected a contract (a mapping with type, …), found %s", p.value.describe())
		return c
	}
	// The type decides which keys are valid, so read it first.
	var typeNode *node
	for _, kv := range p.value.pairs {
		if kv.key.text == "type" {
			typeNode = kv.value
			break
		}
	}
	names := ContractTypeNames()
	if typeNode == nil {
		d.errf(p.value, join(path, "type"), "missing: add type: one of %s", strings.Join(names, ", "))
		return c
	}
	var typ ContractType
	if t, ok := d.str(typeNode, join(path, "type")); ok {
		typ, ok = LookupContractType(t)
		if !ok {
			hint := ""
			if s := suggest(t, names); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.errf(typeNode, join(path, "type"), "unknown contract type %q%s: valid types are %s", t, hint, strings.Join(names, ", "))
			return c
		}
		c.Type = t
	} else {
		return c
	}
	allowed, other := contractKeys(typ)
	f := d.fields(p.value, path, allowed, other)
	if f == nil {
		return c
	}
	str := func(key string) string {
		if n, ok := f[key]; ok {
			v, _ := d.str(n, join(path, key))
			return v
		}
		return ""
	}
	need := func(key, what string) (*node, bool) {
		n, ok := f[key]
		if !ok {
			d.errf(p.value, join(path, key), "missing: %s", what)
		}
		return n, ok
	}
	c.Label = str("label")
	if n, ok := f["enabled"]; ok {
		c.Enabled, _ = d.boolean(n, join(path, "enabled"))
	}
	if c.MovesMoney() {
		if n, ok := need("payer", "add payer: the party that pays, such as OpenAI"); ok {
			c.Payer, _ = d.str(n, join(path, "payer"))
		}
		if n, ok := need("payee", "add payee: the party that is paid, such as Microsoft"); ok {
			c.Payee, _ = d.str(n, join(path, "payee"))
		}
	}
	if n, ok := f["from"]; ok {
		c.From, c.FromSet = d.quarter(n, join(path, "from"), false)
	}
	if n, ok := f["until"]; ok {
		c.Until, c.UntilSet = d.quarter(n, join(path, "until"), true)
	}
	if vk, ok := typ.(V2Keyed); ok && d.version == FormatV1 {
		for _, k := range vk.V2Keys() {
			if _, has := f[k]; has {
				d.errf(d.at(join(path, k)), join(path, k), "%s is a key of format version 2: write version: 2 at the top of the file to use it (this file says version: 1)", k)
				delete(f, k)
			}
		}
	}
	typ.Decode(&ContractDecoder{d: d, n: p.value, f: f, path: path, s: s}, &c)
	c.Sources = d.sources(f, path)
	if !c.FromSet {
		c.From = s.Start
	}
	if !c.UntilSet {
		c.Until = s.End
	}
	return c
}

// once reports a key that names the same year or quarter as an earlier one in
// another spelling (2026q1 and 2026Q1, " 2027" and 2027): one would silently win.
func (d *decoder) once(seen map[int]*node, key int, k *node, path, what string) bool {
	if first, dup := seen[key]; dup {
		d.errf(k, path, "%q is the same %s as %q on line %d: give each %s once", k.text, what, first.text, first.line, what)
		return false
	}
	seen[key] = k
	return true
}

// quarterAmounts reads a mapping of quarters to amounts keyed as in format v2: a
// bare year is the year's first quarter. The result is in quarter order.
func (d *decoder) quarterAmounts(n *node, path, what string) []QuarterAmount {
	return d.quarterValues(n, path, what, d.amount)
}

// quarterValues reads a mapping whose keys are quarters (a bare year is its first
// quarter) and whose values read reads. Each key is recorded under its canonical
// path too (…2026Q1 for a key written 2026), for errors found later.
func (d *decoder) quarterValues(n *node, path, what string, read func(*node, string) (decimal.Decimal, bool)) []QuarterAmount {
	var out []QuarterAmount
	seen := map[int]*node{}
	for _, e := range d.entries(n, path, what) {
		qp := join(path, e.key.text)
		q, ok1 := d.quarter(e.key, qp, false)
		a, ok2 := read(e.value, qp)
		if ok1 {
			d.alias(join(path, q.String()), qp)
		}
		if ok1 && d.once(seen, int(q), e.key, qp, "quarter") && ok2 {
			out = append(out, QuarterAmount{Quarter: q, Amount: a})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Quarter < out[j].Quarter })
	return out
}

// alias records the position of path under canon as well, when they differ.
func (d *decoder) alias(canon, path string) {
	if canon == path {
		return
	}
	if n, ok := d.pos[path]; ok {
		if _, taken := d.pos[canon]; !taken {
			d.pos[canon] = n
		}
	}
}

// scheduleQuarter reads a schedule key. Bare years are refused there: a payment's
// quarter matters and no default would be obvious.
func (d *decoder) scheduleQuarter(k *node, path string) (Quarter, bool) {
	if !strings.ContainsAny(k.text, "Qq") {
		d.errf(k, path, "%q is not a quarter: schedule keys name a quarter, such as %sQ1", k.text, strings.TrimSpace(k.text))
		return 0, false
	}
	return d.quarter(k, path, false)
}

var (
	uncertaintyKeys = []string{"runs", "seed", "inputs", "correlations"}
	distParams      = map[string][]string{
		DistTriangular: {"low", "mode", "high"},
		DistUniform:    {"low", "high"},
		DistNormal:     {"mean", "sd"},
		DistLognormal:  {"p10", "p90", "mu", "sigma"},
		DistPert:       {"low", "mode", "high"},
		DistBernoulli:  {"p"},
		DistDiscrete:   {"values", "p"},
	}
	distNames = []string{DistTriangular, DistUniform, DistNormal, DistLognormal, DistPert, DistBernoulli, DistDiscrete}
)

func (d *decoder) uncertainty(n *node) *Uncertainty {
	u := &Uncertainty{}
	f := d.fields(n, "uncertainty", uncertaintyKeys, nil)
	if f == nil {
		return u
	}
	if r, ok := f["runs"]; ok {
		if v, ok := d.integer(r, "uncertainty.runs"); ok {
			if v < 1 || v > MaxRuns {
				d.errf(r, "uncertainty.runs", "runs must be from 1 to %d, found %d", MaxRuns, v)
			} else {
				u.Runs = int(v)
			}
		}
	}
	if r, ok := f["seed"]; ok {
		u.Seed, u.SeedSet = d.integer(r, "uncertainty.seed")
	}
	if r, ok := f["inputs"]; ok && !isNull(r) {
		for _, e := range d.entries(r, "uncertainty.inputs", "field paths to distributions") {
			u.Inputs = append(u.Inputs, d.input(e))
		}
	}
	if r, ok := f["correlations"]; ok && !isNull(r) {
		u.Correlations = d.correlations(r)
	}
	return u
}

// MaxRuns bounds uncertainty.runs.
const MaxRuns = 1_000_000

func (d *decoder) input(e pair) UncertainInput {
	path := "uncertainty.inputs." + e.key.text
	in := UncertainInput{Path: e.key.text}
	if e.value.kind != mappingNode {
		d.errf(e.value, path, "expected a distribution such as {dist: triangular, low: 25B, mode: 38B, high: 92B}, found %s", e.value.describe())
		return in
	}
	var distNode *node
	for _, kv := range e.value.pairs {
		if kv.key.text == "dist" {
			distNode = kv.value
		}
	}
	if distNode == nil {
		d.errf(e.value, join(path, "dist"), "missing: add dist: one of %s", strings.Join(distNames, ", "))
		return in
	}
	dist, ok := d.str(distNode, join(path, "dist"))
	if !ok {
		return in
	}
	params, known := distParams[dist]
	if !known {
		hint := ""
		if s := suggest(dist, distNames); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		d.errf(distNode, join(path, "dist"), "unknown distribution %q%s: valid ones are %s", dist, hint, strings.Join(distNames, ", "))
		return in
	}
	if d.version == FormatV1 && (dist == DistBernoulli || dist == DistDiscrete) {
		d.errf(distNode, join(path, "dist"), "%s is a distribution of format version 2: write version: 2 at the top of the file to use it (this file says version: 1)", dist)
		return in
	}
	in.Dist = dist
	allowed := append([]string{"dist", "source", "sources"}, params...)
	f := d.fields(e.value, path, allowed, nil)
	if f == nil {
		return in
	}
	if dist == DistDiscrete {
		d.discrete(f, path, &in)
		in.Sources = d.sources(f, path)
		return in
	}
	for _, name := range params {
		pn, ok := f[name]
		if !ok {
			continue
		}
		// Parameters are read leniently here (amount or rate syntax); check() converts
		// and range-checks them against the field they describe.
		pp := join(path, name)
		if pn.kind != scalarNode || (pn.scalar != numberScalar && pn.scalar != stringScalar) {
			d.errf(pn, pp, "expected a value such as 38B or 20%%, found %s", pn.describe())
			continue
		}
		v, err := parseParam(pn.text)
		if err != nil {
			d.errf(pn, pp, "%q is not a value: write an amount such as 38B or a rate such as 20%%", pn.text)
			continue
		}
		in.Params = append(in.Params, Param{Name: name, Value: v})
	}
	in.Sources = d.sources(f, path)
	return in
}

// parseParam reads a distribution parameter in either amount or rate syntax; both
// give the value in the field's own unit (38B is 38e9, 20% is 0.2).
func parseParam(s string) (decimal.Decimal, error) {
	if strings.HasSuffix(strings.TrimSpace(s), "%") {
		return ParseRate(s)
	}
	return ParseAmount(s)
}
