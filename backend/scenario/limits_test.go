package scenario

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hostile documents of at most MaxSize bytes, each shaped to hit one of the
// parser's weak spots: flow nesting (quadratic in goccy/go-yaml), documents
// (quadratic), width, keys, long text, long keys (quadratic typo suggestions),
// block nesting.
func hostileDocuments() map[string]string {
	rep := strings.Repeat
	deepBlock := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(rep(" ", i))
			b.WriteString("a:\n")
		}
		return b.String()
	}
	manyKeys := func(n int) string {
		var b strings.Builder
		b.WriteString("version: 1\nname: x\nstart: 2025Q1\nend: 2025Q4\nstreams:\n")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "  s%d: {annual: {2025: %d}}\n", i, i)
		}
		return b.String()
	}
	return map[string]string{
		"flow-list-bomb.yaml":      "description: " + rep("[", 100_000),
		"flow-list-bomb-max.yaml":  "description: " + rep("[", MaxMarks-1),
		"flow-map-bomb.yaml":       "description: " + rep("{a: ", MaxMarks/2-1),
		"closed-flow-bomb.yaml":    "description: " + rep("[", MaxMarks/2-1) + rep("]", MaxMarks/2-1),
		"size-bomb.yaml":           "description: " + rep("[", MaxSize-13),
		"documents.yaml":           rep("---\na\n", MaxMarks/3-1),
		"width.yaml":               "description: [" + rep("1,", MaxMarks-2) + "]",
		"width-8mb.yaml":           "description: [" + rep("1234567890123456789,", MaxMarks-2) + "]",
		"keys.yaml":                manyKeys(MaxMarks / 8),
		"long-text.yaml":           "description: " + rep("lorem ipsum ", MaxSize/12-2),
		"long-unknown-key.yaml":    rep("k", MaxSize/2-10) + ": 1\n" + rep("x", MaxSize/2-10) + ": 2\n",
		"long-lines.yaml":          rep("word\n", MaxSize/5-1),
		"block-nesting.yaml":       deepBlock(4000),
		"compact-lists.yaml":       "description: " + rep("- ", MaxMarks-1) + "x",
		"anchors.yaml":             "a: &a [" + rep("*a, ", MaxMarks/3) + "]",
		"flow-list-bomb.json":      rep("[", MaxMarks-1),
		"width.json":               "[" + rep("1,", MaxMarks-2) + "1]",
		"nested-objects.json":      rep(`{"a":`, MaxMarks/2-1),
		"long-string.json":         `{"description": "` + rep("x", MaxSize-40) + `"}`,
		"long-unknown-key.json":    `{"` + rep("k", MaxSize-20) + `": 1}`,
		"strings-with-marks.yaml":  "description: \"" + rep("a, b: [c] ", MaxSize/10-3) + "\"",
		"many-scalars-in-doc.yaml": rep("a: b\n", MaxMarks-1),
		"wide-mapping.yaml":        manyKeys(MaxKeys + 1),
		"wide-mappings.yaml":       rep("m:\n"+rep("  a: 1\n", MaxKeys-1), 2),
		"long-number.yaml":         "version: 1\nname: x\nstart: 2025Q1\nend: 2025Q4\nstreams:\n  s: {annual: {2025: " + rep("9", MaxSize-100) + "}}\n",
		"long-seed.yaml":           "version: 1\nuncertainty: {seed: -" + rep("9", MaxSize-100) + "}\n",
		"escapes.yaml":             "description: \"" + rep(`\u00e9\ud83d\ude80`, MaxSize/18-2) + "\"\nname: [",
		"quoted-on-one-line.yaml":  "description: [" + rep(`"\u00e9",`, MaxMarks/2) + "\"\\ud800\"]\nname: [",
		"escapes.json":             `{"description": "` + rep(`\u00e9\ud83d\ude80`, MaxSize/18-4) + `\ud800"}`,
	}
}

// TestParseIsBounded: parsing any document of at most MaxSize bytes finishes
// within 2 s of processor time and with at most 300 MB of live heap, whatever its
// shape, and a refusal says where and why in a message of reasonable length.
// (The heap the process takes stays near the live heap: Parse holds the
// collector to it for large documents. The command line's peak resident size on
// the worst of these shapes is about 250 MB.)
func TestParseIsBounded(t *testing.T) {
	const maxResident = 300 << 20
	maxCPU := 2 * time.Second
	if raceEnabled {
		maxCPU *= 10 // the race detector slows this code about tenfold
	}
	for name, doc := range hostileDocuments() {
		t.Run(name, func(t *testing.T) {
			if len(doc) > MaxSize {
				t.Fatalf("test document is %d bytes, over MaxSize", len(doc))
			}
			data := []byte(doc)
			var err error
			// The best of up to three runs: other work on a shared machine costs
			// this process processor time too (caches, the collector's threads).
			var cpu time.Duration
			var heap uint64
			for range 3 {
				c, h := measure(t, func() { _, err = Parse(name, data) })
				if cpu == 0 || c < cpu {
					cpu = c
				}
				if heap == 0 || h < heap {
					heap = h
				}
				if cpu <= maxCPU && heap <= maxResident {
					break
				}
			}
			t.Logf("%s: %d bytes, %v processor time, %d MB more resident", name, len(data), cpu, heap>>20)
			if cpu > maxCPU {
				t.Errorf("took %v of processor time, over %v", cpu, maxCPU)
			}
			if heap > maxResident {
				t.Errorf("the process grew by %d MB resident, over %d MB", heap>>20, maxResident>>20)
			}
			if err == nil {
				t.Fatal("accepted a document that is not a scenario")
			}
			var el *ErrorList
			if !errors.As(err, &el) {
				t.Fatalf("not an ErrorList: %v", err)
			}
			if len(err.Error()) > 20_000 {
				t.Errorf("the message is %d bytes long: it must quote long text shortened", len(err.Error()))
			}
		})
	}
}

// measure runs f and returns the processor time the process spent meanwhile
// (which a busy machine does not inflate as it does the wall clock) and how far
// the process's resident memory rose above where it stood before f: the
// kernel's high-water mark, reset just before f (after giving back what earlier
// work left), so it counts every page f touched, whenever the collector ran. The
// test's own documents, held throughout, are not counted.
func measure(t *testing.T, f func()) (time.Duration, uint64) {
	t.Helper()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		t.Fatalf("cannot reset the peak resident memory: %v", err)
	}
	base := procStatus(t, "VmRSS:")
	before := cpuTime()
	f()
	cpu := cpuTime() - before
	peak := procStatus(t, "VmHWM:")
	if peak < base {
		return cpu, 0
	}
	return cpu, peak - base
}

// procStatus reads one memory line of /proc/self/status, in bytes.
func procStatus(t *testing.T, key string) uint64 {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, key); ok {
			n, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				t.Fatalf("%s %v", key, err)
			}
			return n << 10
		}
	}
	t.Fatalf("no %s in /proc/self/status", key)
	return 0
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestParseRefusesOverMaxSize(t *testing.T) {
	doc := minimal + "description: \"" + strings.Repeat("x", MaxSize) + "\"\n"
	_, err := Parse("big.yaml", []byte(doc))
	if err == nil || !strings.Contains(err.Error(), "big.yaml:1:1: the document is 8 MiB: a scenario is at most 8 MiB") {
		t.Fatalf("got %v", err)
	}
}

func TestParseRefusesDeepNesting(t *testing.T) {
	for name, doc := range map[string]string{
		"flow.yaml":  "version: 1\ndescription: " + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "\n",
		"block.yaml": "version: 1\ndescription:\n" + strings.Repeat("- ", 70) + "x\n",
		"deep.json":  `{"version": 1, "description": ` + strings.Repeat("[", 65) + strings.Repeat("]", 65) + "}",
	} {
		_, err := Parse(name, []byte(doc))
		if err == nil || !strings.Contains(err.Error(), "nest more than 64 deep here") {
			t.Errorf("%s: got %v", name, err)
		}
	}
	// 60 levels is deep for a scenario but allowed: the refusal is about depth,
	// not about lists in a description.
	_, err := Parse("ok.yaml", []byte(minimal+"description: "+strings.Repeat("[", 60)+strings.Repeat("]", 60)+"\n"))
	if err == nil || strings.Contains(err.Error(), "nest") {
		t.Errorf("60 levels: got %v, want only a type error", err)
	}
}

func TestParseAcceptsByteOrderMark(t *testing.T) {
	for name, doc := range map[string]string{
		"bom.yaml": "\ufeff" + minimal,
		"bom.json": "\ufeff" + `{"version": 1, "name": "J", "start": "2025Q1", "end": 2025, "streams": {"r": {"annual": {"2025": "1B"}}}}`,
	} {
		if _, err := Parse(name, []byte(doc)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// Positions stay those an editor shows (it does not show the mark).
	_, err := Parse("bom.yaml", []byte("\ufeffversion: 9\n"))
	if err == nil || !strings.Contains(err.Error(), "bom.yaml:1:10: version:") {
		t.Errorf("got %v", err)
	}
}

func TestUnclosedFlowListNamesWhereItOpened(t *testing.T) {
	_, err := Parse("u.yaml", []byte("version: 1\nname: [unclosed\n"))
	if err == nil || !strings.Contains(err.Error(), "the [ opened at 2:7 is not closed") {
		t.Fatalf("got %v", err)
	}
	_, err = Parse("u.yaml", []byte("version: 1\nname: {a: 1\nstart: 2025Q1\n"))
	if err == nil || !strings.Contains(err.Error(), "the { opened at 2:7 is not closed") {
		t.Fatalf("got %v", err)
	}
}
