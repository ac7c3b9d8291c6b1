package scenario

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sync"

	"github.com/goccy/go-yaml/token"
)

// Limits on what Parse reads. A real scenario is far inside all of them (the
// largest built-in is 12 KB, 4 levels deep; 1000 contracts over 40 years is about
// 300 KB and 60,000 marks); they exist so that no input, however made, costs more
// than a bounded time and memory to refuse. The YAML parser's cost grows with the
// square of flow nesting and of the number of documents, and its tokens cost
// about 200 bytes each, so both are bounded before it runs.
const (
	// MaxSize is the largest scenario document, in bytes, from a file, a pipe or
	// the app's API.
	MaxSize = 8 << 20
	// MaxDepth is how deeply mappings and lists may nest.
	MaxDepth = 64
	// MaxKeys is the most keys one block mapping may hold (the parser's cost
	// grows with its square), and MaxKeyWork bounds the sum of those squares over
	// a document. 1000 contracts in one mapping is far inside both.
	MaxKeys    = 10_000
	MaxKeyWork = 100_000_000
	// MaxMarks bounds the YAML or JSON structure marks (: - , [ ] { } ? & * ! | >)
	// in a document, counted before parsing: every key, value and list item needs
	// at least one, so it bounds the parser's work.
	MaxMarks = 150_000
)

// checkDocSize refuses a document over MaxSize.
func checkDocSize(data []byte, sink *errorSink) bool {
	if len(data) > MaxSize {
		sink.addAt(1, 1, "", "the document is %s: a scenario is at most %s", sizeText(int64(len(data))), sizeText(MaxSize))
		return false
	}
	return true
}

// sizeText writes a byte count for people: 8 MiB, 12.5 MiB, 300 KiB, 17 bytes.
func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MiB"
	case n >= 1<<10:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trimZero(s string) string {
	return string(bytes.TrimSuffix([]byte(s), []byte(".0")))
}

// checkMarks counts the structure marks of a YAML or JSON document without
// parsing it (quotes are not understood, so marks inside text count too: the
// count is an upper bound on the parser's tokens). Linear, allocation free.
func checkMarks(data []byte, sink *errorSink) bool {
	marks, line, col := 0, 1, 1
	for _, b := range data {
		switch b {
		case ':', '-', ',', '[', ']', '{', '}', '?', '&', '*', '!', '|', '>':
			marks++
			if marks > MaxMarks {
				sink.addAt(line, col, "", "the document has more than %d structure marks (: - , [ ] { } and the like) by here: a scenario has far fewer; this is not a scenario file, or it is generated wrongly", MaxMarks)
				return false
			}
		case '\n':
			line, col = line+1, 0
		}
		if b < 0x80 || b >= 0xC0 { // count characters, not UTF-8 continuation bytes
			col++
		}
	}
	return true
}

// checkTokens bounds the parser's work on a token stream: flow nesting, which it
// handles in time quadratic in the depth, and documents, whose cost grows with
// the square of their number. It also finds brackets left open, which the parser
// reports only where it noticed (at the end of the file).
func checkTokens(tokens token.Tokens, sink *errorSink) bool {
	var open []*token.Token // unclosed [ and {
	docs := 0
	var blocks blockLevels
	for _, tk := range tokens {
		if len(open) == 0 && !blocks.see(tk) {
			l, c := yamlPos(tk)
			if blocks.deep {
				sink.addAt(l, c, "", "lists and mappings nest more than %d deep here: a scenario needs a few levels", MaxDepth)
			} else if blocks.wide {
				sink.addAt(l, c, "", "a mapping here holds more than %d keys: a scenario needs far fewer", MaxKeys)
			} else {
				sink.addAt(l, c, "", "the document's mappings hold too many keys in all (by here): a scenario needs far fewer")
			}
			return false
		}
		switch tk.Type {
		case token.AliasType:
			// Not used in scenarios, and the parser's cost grows with their number.
			l, c := yamlPos(tk)
			sink.addAt(l, c, "", "YAML aliases (*name) are not used in scenario files: write the value out")
			return false
		case token.SequenceStartType, token.MappingStartType:
			open = append(open, tk)
			if len(open)+len(blocks.stack) > MaxDepth {
				l, c := yamlPos(tk)
				sink.addAt(l, c, "", "lists and mappings nest more than %d deep here: a scenario needs a few levels", MaxDepth)
				return false
			}
		case token.SequenceEndType, token.MappingEndType:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case token.DocumentHeaderType:
			docs++
			if docs > 2 {
				l, c := yamlPos(tk)
				sink.addAt(l, c, "", "a file holds one scenario: this is its third document (after ---)")
				return false
			}
		}
	}
	return true
}

// unclosed returns the first flow bracket that the tokens open and never close.
func unclosed(tokens token.Tokens) *token.Token {
	var open []*token.Token
	for _, tk := range tokens {
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			open = append(open, tk)
		case token.SequenceEndType, token.MappingEndType:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
	}
	if len(open) == 0 {
		return nil
	}
	return open[0]
}

// blockLevels follows the block mappings and lists of a token stream by the
// columns of their keys and entries, to bound the parser's work on wide block
// mappings, which grows with the square of their keys.
type blockLevels struct {
	stack []blockLevel
	work  int // sum over the mappings of keys squared
	wide  bool
	deep  bool
}

type blockLevel struct {
	col  int
	list bool
	keys int
}

// see takes the next token outside flow collections; false when a bound is
// exceeded.
func (b *blockLevels) see(tk *token.Token) bool {
	var col int
	list := false
	switch tk.Type {
	case token.MappingValueType:
		key := tk.Prev
		for key != nil && key.Type == token.CommentType {
			key = key.Prev
		}
		if key == nil || key.Position == nil {
			return true
		}
		col = key.Position.Column
	case token.SequenceEntryType:
		if tk.Position == nil {
			return true
		}
		col, list = tk.Position.Column, true
	default:
		return true
	}
	// A deeper level ends; so does a list at the same column as a mapping's keys
	// when the next key comes (the list was the previous key's value).
	for len(b.stack) > 0 {
		top := b.stack[len(b.stack)-1]
		if top.col > col || (!list && top.col == col && top.list) {
			b.stack = b.stack[:len(b.stack)-1]
			continue
		}
		break
	}
	if n := len(b.stack); n > 0 && b.stack[n-1].col == col && b.stack[n-1].list == list {
		if !list {
			top := &b.stack[n-1]
			// keys² grows by 2·keys+1 with one more key.
			b.work += 2*top.keys + 1
			top.keys++
			if top.keys > MaxKeys {
				b.wide = true
				return false
			}
			if b.work > MaxKeyWork {
				return false
			}
		}
		return true
	}
	b.stack = append(b.stack, blockLevel{col: col, list: list, keys: 1})
	if len(b.stack) > MaxDepth {
		b.deep = true
		return false
	}
	if !list {
		b.work++
	}
	return true
}

// bigDocument is the size from which a document is parsed under bigParse.
const bigDocument = 1 << 20

// bigParse lets one large document be parsed at a time, with the garbage
// collector holding the process to what it used before plus parseHeadroom. The
// YAML parser keeps about 30 bytes per byte of a long text while it reads it;
// without the limit the collector lets the heap grow to twice what is live, and
// two large documents at once (the browser mode serves calls concurrently) would
// need twice that again.
var bigParse sync.Mutex

const parseHeadroom = 200 << 20

// boundedParse runs parse, under bigParse for a large document.
func boundedParse(size int, parse func()) {
	if size < bigDocument {
		parse()
		return
	}
	bigParse.Lock()
	defer bigParse.Unlock()
	// What the process holds: the memory the runtime has mapped less what it gave
	// back. (runtime.ReadMemStats rather than runtime/metrics, whose
	// initialisation every start of the command line would pay.)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	used := ms.Sys - ms.HeapReleased
	prev := debug.SetMemoryLimit(-1)
	limit := int64(math.MaxInt64)
	if used < math.MaxInt64-parseHeadroom {
		limit = int64(used) + parseHeadroom
	}
	if prev < limit {
		limit = prev
	}
	debug.SetMemoryLimit(limit)
	defer debug.SetMemoryLimit(prev)
	// One processor while it runs: the parser grows buffers of tens of MB by
	// copying them inside the runtime, where a goroutine cannot be stopped, and
	// with a second processor the collector spins trying to stop the world
	// meanwhile. 8 MB of text took 3 s and 5 s of CPU on 2 cores, 1.5 s on one.
	// Other goroutines of the process still run, in turn, meanwhile. Afterwards
	// the runtime goes back to choosing the count itself, unless GOMAXPROCS is set.
	procs := runtime.GOMAXPROCS(1)
	defer func() {
		if os.Getenv("GOMAXPROCS") == "" {
			runtime.SetDefaultGOMAXPROCS()
		} else {
			runtime.GOMAXPROCS(procs)
		}
	}()
	parse()
}
