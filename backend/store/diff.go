package store

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// ChangeKind says what happened to a value between two documents.
type ChangeKind string

const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Change is one difference between two YAML documents.
type Change struct {
	// Path locates the value: mapping keys joined by dots, sequence
	// indexes in brackets, keys that are not plain words quoted in brackets
	// (contracts.msft_revshare.cap, streams.x.annual.2026, steps[2],
	// labels["a.b"]). The empty path is the whole document.
	Path string     `json:"path"`
	Kind ChangeKind `json:"kind"`
	// From and To are the old and new values as YAML flow text: a scalar as
	// written (quoted only when it would read as another type), a mapping
	// or sequence as {k: v, ...} or [a, ...]. From is empty for Added, To
	// for Removed.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
}

// String formats the change for people, e.g. "contracts.x.cap: 38B → 40B".
func (c Change) String() string {
	p := c.Path
	if p == "" {
		p = "(document)"
	}
	switch c.Kind {
	case Added:
		return p + ": added " + c.To
	case Removed:
		return p + ": removed " + c.From
	}
	return p + ": " + c.From + " → " + c.To
}

// DiffYAML compares two YAML documents structurally and returns the changes
// from a to b in document order (the order of b, with removed values where
// they stood in a). Mappings are compared key by key, whatever their order;
// sequences item by item after aligning the items both share; scalars by
// type and text, so 1.0 and 1.00 differ. Comments and formatting are
// ignored.
func DiffYAML(a, b []byte) ([]Change, error) {
	na, err := parseTree(a)
	if err != nil {
		return nil, err
	}
	nb, err := parseTree(b)
	if err != nil {
		return nil, err
	}
	var d differ
	d.node("", na, nb)
	return d.out, nil
}

type treeKind int

const (
	scalarKind treeKind = iota
	mappingKind
	sequenceKind
)

// tree is a YAML value reduced to what the diff compares.
type tree struct {
	kind  treeKind
	typ   ast.NodeType // of a scalar: StringType, IntegerType, FloatType, BoolType, NullType...
	text  string       // of a scalar: its text as written (a string's value)
	keys  []string     // of a mapping, in order
	vals  []*tree      // of a mapping, by keys
	items []*tree      // of a sequence
	flow  string       // cached render()
}

var nullTree = &tree{kind: scalarKind, typ: ast.NullType, text: "null"}

func parseTree(src []byte) (*tree, error) {
	f, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, err
	}
	c := converter{anchors: map[string]*tree{}}
	var docs []*tree
	for _, d := range f.Docs {
		docs = append(docs, c.convert(d))
	}
	switch len(docs) {
	case 0:
		return nullTree, nil
	case 1:
		return docs[0], nil
	}
	return &tree{kind: sequenceKind, items: docs}, nil // a stream of documents
}

type converter struct {
	anchors map[string]*tree
}

func (c *converter) convert(n ast.Node) *tree {
	switch n := n.(type) {
	case nil:
		return nullTree
	case *ast.DocumentNode:
		return c.convert(n.Body)
	case *ast.MappingNode:
		t := &tree{kind: mappingKind}
		for _, mv := range n.Values {
			c.pair(t, mv)
		}
		return t
	case *ast.MappingValueNode:
		t := &tree{kind: mappingKind}
		c.pair(t, n)
		return t
	case *ast.SequenceNode:
		t := &tree{kind: sequenceKind}
		for _, v := range n.Values {
			t.items = append(t.items, c.convert(v))
		}
		return t
	case *ast.AnchorNode:
		v := c.convert(n.Value)
		if n.Name != nil {
			c.anchors[n.Name.GetToken().Value] = v
		}
		return v
	case *ast.AliasNode:
		if n.Value != nil {
			name := n.Value.GetToken().Value
			if v, ok := c.anchors[name]; ok {
				return v
			}
			return &tree{kind: scalarKind, typ: ast.AliasType, text: "*" + name}
		}
	case *ast.TagNode:
		return c.convert(n.Value)
	case *ast.MappingKeyNode:
		return c.convert(n.Value)
	case *ast.CommentGroupNode, *ast.CommentNode:
		return nullTree
	case *ast.NullNode:
		return nullTree
	case *ast.StringNode:
		return &tree{kind: scalarKind, typ: ast.StringType, text: n.Value}
	case *ast.LiteralNode:
		return &tree{kind: scalarKind, typ: ast.StringType, text: n.Value.Value}
	}
	t := &tree{kind: scalarKind, typ: n.Type()}
	if tk := n.GetToken(); tk != nil {
		t.text = tk.Value
	} else {
		t.text = n.String()
	}
	return t
}

// pair adds a key and its value to the mapping t; a repeated key replaces
// the earlier value in place.
func (c *converter) pair(t *tree, mv *ast.MappingValueNode) {
	var key string
	if k := c.convert(mv.Key); k.kind == scalarKind {
		key = k.text
	} else {
		key = render(k)
	}
	v := c.convert(mv.Value)
	for i, k := range t.keys {
		if k == key {
			t.vals[i] = v
			return
		}
	}
	t.keys = append(t.keys, key)
	t.vals = append(t.vals, v)
}

type differ struct {
	out []Change
}

func (d *differ) add(path string, kind ChangeKind, from, to *tree) {
	c := Change{Path: path, Kind: kind}
	if from != nil {
		c.From = render(from)
	}
	if to != nil {
		c.To = render(to)
	}
	d.out = append(d.out, c)
}

func (d *differ) node(path string, a, b *tree) {
	switch {
	case a.kind == mappingKind && b.kind == mappingKind:
		d.mapping(path, a, b)
	case a.kind == sequenceKind && b.kind == sequenceKind:
		d.sequence(path, a, b)
	case render(a) != render(b):
		d.add(path, Changed, a, b)
	}
}

// mapping walks the keys of b in order; a key only in a is reported where
// it stood in a.
func (d *differ) mapping(path string, a, b *tree) {
	ai := make(map[string]int, len(a.keys))
	for i, k := range a.keys {
		ai[k] = i
	}
	bi := make(map[string]bool, len(b.keys))
	for _, k := range b.keys {
		bi[k] = true
	}
	done := map[string]bool{}
	i, j := 0, 0
	for i < len(a.keys) || j < len(b.keys) {
		if i < len(a.keys) {
			k := a.keys[i]
			if !bi[k] {
				d.add(joinKey(path, k), Removed, a.vals[i], nil)
				i++
				continue
			}
			if done[k] {
				i++
				continue
			}
		}
		if j >= len(b.keys) {
			i++
			continue
		}
		k := b.keys[j]
		if x, ok := ai[k]; ok {
			d.node(joinKey(path, k), a.vals[x], b.vals[j])
			done[k] = true
		} else {
			d.add(joinKey(path, k), Added, nil, b.vals[j])
		}
		j++
	}
}

// maxAlign bounds the work of aligning two sequences (len(a)*len(b)); past
// it items are compared by index.
const maxAlign = 1 << 20

// sequence aligns the items of a and b: equal items at both ends, then a
// longest common subsequence of equal items in between (or, past maxAlign,
// by index). Between two aligned items, removed and added items are paired
// up and compared, and the rest reported as removed or added.
func (d *differ) sequence(path string, a, b *tree) {
	type op struct{ i, j int } // i<0: added b[j]; j<0: removed a[i]; else both
	var ops []op
	// Items equal at both ends align without a search.
	pre := 0
	for pre < len(a.items) && pre < len(b.items) && render(a.items[pre]) == render(b.items[pre]) {
		ops = append(ops, op{pre, pre})
		pre++
	}
	suf := 0
	for suf < len(a.items)-pre && suf < len(b.items)-pre &&
		render(a.items[len(a.items)-1-suf]) == render(b.items[len(b.items)-1-suf]) {
		suf++
	}
	ai, bi := a.items[pre:len(a.items)-suf], b.items[pre:len(b.items)-suf]
	n, m := len(ai), len(bi)
	if n*m <= maxAlign {
		// lcs[i][j] is the LCS length of a[i:] and b[j:].
		lcs := make([][]int, n+1)
		for i := range lcs {
			lcs[i] = make([]int, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if render(ai[i]) == render(bi[j]) {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n || j < m {
			switch {
			case i < n && j < m && render(ai[i]) == render(bi[j]):
				ops = append(ops, op{pre + i, pre + j})
				i, j = i+1, j+1
			case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
				ops = append(ops, op{-1, pre + j})
				j++
			default:
				ops = append(ops, op{pre + i, -1})
				i++
			}
		}
	} else {
		for k := 0; k < max(n, m); k++ {
			switch {
			case k >= n:
				ops = append(ops, op{-1, pre + k})
			case k >= m:
				ops = append(ops, op{pre + k, -1})
			default:
				ops = append(ops, op{pre + k, pre + k})
			}
		}
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, op{pre + n + k, pre + m + k})
	}

	// Report each run of unaligned items.
	var dels, ins []int
	flush := func() {
		k := 0
		for ; k < len(dels) && k < len(ins); k++ {
			d.node(joinIndex(path, ins[k]), a.items[dels[k]], b.items[ins[k]])
		}
		for _, x := range dels[k:] {
			d.add(joinIndex(path, x), Removed, a.items[x], nil)
		}
		for _, x := range ins[k:] {
			d.add(joinIndex(path, x), Added, nil, b.items[x])
		}
		dels, ins = dels[:0], ins[:0]
	}
	for _, o := range ops {
		switch {
		case o.i < 0:
			ins = append(ins, o.j)
		case o.j < 0:
			dels = append(dels, o.i)
		default:
			flush()
			d.node(joinIndex(path, o.j), a.items[o.i], b.items[o.j])
		}
	}
	flush()
}

func joinKey(path, key string) string {
	if isWord(key) {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}

func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// render returns t as one line of YAML flow text.
func render(t *tree) string {
	if t.flow != "" {
		return t.flow
	}
	var b strings.Builder
	writeFlow(&b, t)
	t.flow = b.String()
	return t.flow
}

func writeFlow(b *strings.Builder, t *tree) {
	switch t.kind {
	case mappingKind:
		b.WriteByte('{')
		for i, k := range t.keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(flowString(k))
			b.WriteString(": ")
			writeFlow(b, t.vals[i])
		}
		b.WriteByte('}')
	case sequenceKind:
		b.WriteByte('[')
		for i, v := range t.items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeFlow(b, v)
		}
		b.WriteByte(']')
	default:
		if t.typ == ast.StringType {
			b.WriteString(flowString(t.text))
		} else {
			b.WriteString(t.text)
		}
	}
}

// flowString writes a string scalar as is, unless it would read as another
// type, as a collection, or lose its spaces: then quoted.
func flowString(s string) string {
	if s == "" || s != strings.TrimSpace(s) || strings.ContainsAny(s, "\n\r\t\"{}[]") ||
		strings.Contains(s, ", ") || strings.Contains(s, ": ") || strings.HasPrefix(s, "#") ||
		looksTyped(s) {
		return strconv.Quote(s)
	}
	return s
}

// looksTyped reports whether s, unquoted, would be read as a null, a bool
// or a number.
func looksTyped(s string) bool {
	switch strings.ToLower(s) {
	case "null", "~", "true", "false", "yes", "no", "on", "off", ".inf", "-.inf", "+.inf", ".nan":
		return true
	}
	_, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err == nil {
		return true
	}
	_, err = strconv.ParseInt(s, 0, 64)
	return err == nil
}
