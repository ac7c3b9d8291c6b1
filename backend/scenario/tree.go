package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"dealmodel/backend/fault"
)

// node is a format-neutral document tree with positions. YAML and JSON both become
// nodes, so that one decoder checks both with the same messages. Scalars keep their
// source text, so numbers are never read through float64.
type node struct {
	kind      nodeKind
	line, col int
	text      string // scalars: the value as written (unquoted)
	scalar    scalarKind
	pairs     []pair  // mappings, in document order
	items     []*node // sequences
}

type pair struct {
	key   *node
	value *node
}

type nodeKind int

const (
	scalarNode nodeKind = iota
	mappingNode
	sequenceNode
)

type scalarKind int

const (
	stringScalar scalarKind = iota // quoted or plain text
	numberScalar
	boolScalar
	nullScalar
)

func (n *node) describe() string {
	switch n.kind {
	case mappingNode:
		return "a mapping"
	case sequenceNode:
		return "a list"
	}
	switch n.scalar {
	case numberScalar:
		return "the number " + clip(n.text)
	case boolScalar:
		return "the boolean " + n.text
	case nullScalar:
		return "an empty value"
	}
	return fmt.Sprintf("the text %q", clip(n.text))
}

// parseTree reads YAML, or JSON when the name ends in .json. It returns the root, or
// the syntax errors with their positions.
func parseTree(name string, data []byte, sink *errorSink) *node {
	if strings.HasSuffix(strings.ToLower(name), ".json") || looksJSON(name, data) {
		return parseJSONTree(data, sink)
	}
	if root := builtinTree(data); root != nil {
		return root
	}
	return parseYAMLTree(data, sink)
}

func parseYAMLTree(data []byte, sink *errorSink) *node {
	if !checkMarks(data, sink) {
		return nil
	}
	tokens := lexer.Tokenize(string(data))
	if !checkTokens(tokens, sink) || !checkEscapes(data, tokens, sink) {
		return nil
	}
	f, err := parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
	if err != nil {
		line, col := 0, 0
		msg := err.Error()
		var ye interface {
			GetToken() *token.Token
			GetMessage() string
		}
		if errors.As(err, &ye) {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				line, col = tk.Position.Line, tk.Position.Column
			}
		}
		if tk := unclosed(tokens); tk != nil {
			l, c := yamlPos(tk)
			msg += fmt.Sprintf(" (the %s opened at %d:%d is not closed)", tk.Value, l, c)
		}
		sink.addAt(line, col, "", "not valid YAML: %s", msg)
		return nil
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		sink.addAt(1, 1, "", "the file is empty: a scenario needs at least version, name, start and end")
		return nil
	}
	if len(docs) > 1 {
		n := fromYAML(docs[1].Body, sink)
		sink.add(n, "", "a file holds one scenario: remove the second document (after ---)")
		return nil
	}
	return fromYAML(docs[0].Body, sink)
}

func yamlPos(tk *token.Token) (int, int) {
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

func fromYAML(n ast.Node, sink *errorSink) *node {
	if n == nil {
		return &node{kind: scalarNode, scalar: nullScalar}
	}
	line, col := yamlPos(n.GetToken())
	out := &node{line: line, col: col}
	switch v := n.(type) {
	case *ast.MappingNode:
		out.kind = mappingNode
		for _, mv := range v.Values {
			out.pairs = append(out.pairs, yamlPair(mv, sink))
		}
		if v.Start != nil { // flow mapping: point at the brace
			out.line, out.col = yamlPos(v.Start)
		}
	case *ast.MappingValueNode:
		// goccy gives a one-entry block mapping as a bare key: value node.
		out.kind = mappingNode
		out.pairs = []pair{yamlPair(v, sink)}
		out.line, out.col = out.pairs[0].key.line, out.pairs[0].key.col
	case *ast.SequenceNode:
		out.kind = sequenceNode
		for _, it := range v.Values {
			out.items = append(out.items, fromYAML(it, sink))
		}
	case *ast.StringNode:
		out.text = v.Value
	case *ast.LiteralNode:
		out.text = v.Value.Value
	case *ast.IntegerNode, *ast.FloatNode:
		out.scalar = numberScalar
		out.text = n.GetToken().Value
	case *ast.BoolNode:
		out.scalar = boolScalar
		out.text = n.GetToken().Value
	case *ast.NullNode:
		out.scalar = nullScalar
		out.text = n.GetToken().Value
	case *ast.InfinityNode, *ast.NanNode:
		out.scalar = stringScalar
		out.text = n.GetToken().Value
	case *ast.TagNode:
		sink.add(out, "", "YAML tags (%s) are not used in scenario files: remove it", v.Start.Value)
		return fromYAML(v.Value, sink)
	case *ast.AnchorNode:
		return fromYAML(v.Value, sink)
	case *ast.AliasNode:
		sink.add(out, "", "YAML aliases (*name) are not used in scenario files: write the value out")
		out.scalar = nullScalar
	default:
		sink.add(out, "", "unexpected YAML element (%s): scenario files use mappings, lists and plain values", n.Type())
		out.scalar = nullScalar
	}
	return out
}

func yamlPair(mv *ast.MappingValueNode, sink *errorSink) pair {
	var key *node
	if mv.Key == nil {
		key = &node{scalar: nullScalar}
	} else {
		key = fromYAML(mv.Key, sink)
	}
	val := fromYAML(mv.Value, sink)
	if mv.Value == nil || val.line == 0 { // an empty value: point just after the key
		val.line, val.col = key.line, key.col
	}
	return pair{key: key, value: val}
}

// looksJSON says whether a document without a YAML file name (a pipe such as
// /dev/stdin) is a JSON object: it is read as JSON then, which costs a fraction
// of what the YAML parser takes on long text. Anything that is not valid JSON is
// left to the YAML parser, and its messages, as before.
func looksJSON(name string, data []byte) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml":
		return false
	}
	t := bytes.TrimLeft(data, " \t\r\n")
	return len(t) > 0 && t[0] == '{' && json.Valid(t)
}

// parseJSONTree reads JSON with encoding/json's tokenizer, keeping numbers as text
// and computing line and column from byte offsets.
func parseJSONTree(data []byte, sink *errorSink) *node {
	if !checkMarks(data, sink) {
		return nil
	}
	lines := lineStarts(data)
	pos := func(off int64) (int, int) {
		// off is just past the token; step back over it to its first byte.
		lo, hi := 0, len(lines)-1
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if int64(lines[mid]) <= off {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo + 1, int(off) - lines[lo] + 1
	}
	if off, esc, found := LoneSurrogate(data); found {
		l, c := pos(int64(off))
		sink.addAt(l, c, "", "%s", SurrogateMessage(esc))
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	// start returns the offset of the next token's first byte.
	start := func() int64 {
		off := dec.InputOffset()
		for int(off) < len(data) {
			switch data[off] {
			case ' ', '\t', '\r', '\n', ',', ':':
				off++
				continue
			}
			break
		}
		return off
	}
	var read func(depth int) (*node, error)
	read = func(depth int) (*node, error) {
		off := start()
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		l, c := pos(off)
		n := &node{line: l, col: c}
		switch t := tok.(type) {
		case json.Delim:
			if depth >= MaxDepth {
				return nil, &tooDeep{line: l, col: c}
			}
			switch t {
			case '{':
				n.kind = mappingNode
				for dec.More() {
					k, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					v, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					n.pairs = append(n.pairs, pair{key: k, value: v})
				}
				if _, err := dec.Token(); err != nil {
					return nil, err
				}
			case '[':
				n.kind = sequenceNode
				for dec.More() {
					v, err := read(depth + 1)
					if err != nil {
						return nil, err
					}
					n.items = append(n.items, v)
				}
				if _, err := dec.Token(); err != nil {
					return nil, err
				}
			default:
				return nil, fault.Errorf(fault.Invalid, "unexpected %q", t)
			}
		case string:
			n.text = t
		case json.Number:
			n.scalar, n.text = numberScalar, t.String()
		case bool:
			n.scalar, n.text = boolScalar, fmt.Sprint(t)
		case nil:
			n.scalar, n.text = nullScalar, "null"
		}
		return n, nil
	}
	root, err := read(0)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			err = fault.New(fault.Invalid, "more than one value: a file holds one scenario")
		}
	}
	var deep *tooDeep
	if errors.As(err, &deep) {
		sink.addAt(deep.line, deep.col, "", "lists and mappings nest more than %d deep here: a scenario needs a few levels", MaxDepth)
		return nil
	}
	if err != nil {
		off := dec.InputOffset()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			err = fault.New(fault.Invalid, "unexpected end of file")
			off = int64(len(data))
		}
		l, c := pos(off)
		sink.addAt(l, c, "", "not valid JSON: %s", err)
		return nil
	}
	return root
}

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// tooDeep stops reading JSON that nests past MaxDepth, at the bracket that does.
type tooDeep struct{ line, col int }

func (e *tooDeep) Error() string { return "nested too deeply" }
