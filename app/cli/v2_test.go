package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// v1Files lists the stems of testdata/v1: scenario files of format v1 (the
// built-ins as they were before format v2), each with its run JSON in both views.
func v1Files(t *testing.T) []string {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "v1", "*.yaml"))
	if len(paths) == 0 {
		t.Fatal("no v1 files")
	}
	var out []string
	for _, p := range paths {
		out = append(out, strings.TrimSuffix(filepath.Base(p), ".yaml"))
	}
	return out
}

// TestRunV1Unchanged: a format v1 file computes exactly as before format v2 existed:
// its run JSON, in both views, is byte-identical to the output recorded then.
func TestRunV1Unchanged(t *testing.T) {
	for _, stem := range v1Files(t) {
		for _, period := range []string{"quarter", "year"} {
			t.Run(stem+"."+period, func(t *testing.T) {
				code, out, errs := cli(t, "run", filepath.Join("testdata", "v1", stem+".yaml"), "--format", "json", "--period", period)
				if code != ExitOK {
					t.Fatalf("exit %d: %s", code, errs)
				}
				want, err := os.ReadFile(filepath.Join("testdata", "v1", stem+"."+period+".json"))
				if err != nil {
					t.Fatal(err)
				}
				if out != string(want) {
					t.Fatalf("a v1 file's output changed")
				}
			})
		}
	}
}

// v2Cases are the hand-computed cases of testdata/v2.
var v2Cases = []string{"actuals", "revshare", "equity", "tranches", "capacity"}

// runDoc is the `run --format json` document.
type runDoc struct {
	Scenario string              `json:"scenario"`
	Period   string              `json:"period"`
	Periods  []string            `json:"periods"`
	Series   map[string][]string `json:"series"`
	Summary  map[string]*string  `json:"summary"`
}

// TestRunV2HandComputed: every formula of format v2 (stream actuals; revenue share
// changes of rate and cap, cap_from, toward_cap, cap_hit; stake changes and
// valuation marks, step and linear; tranches with expires; capacity in GW at a
// price, with gw, peak_gw and outside_horizon) against cases computed by hand, to
// the cent, in both period views. testdata/v2/NAME.yaml is the case and
// NAME.expect.json every series and summary figure it must give (written by
// expect.py from values typed in by hand): the same keys, the same figures.
func TestRunV2HandComputed(t *testing.T) {
	for _, stem := range v2Cases {
		f := filepath.Join("testdata", "v2", stem+".yaml")
		raw, err := os.ReadFile(filepath.Join("testdata", "v2", stem+".expect.json"))
		if err != nil {
			t.Fatal(err)
		}
		var want map[string]runDoc
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		for _, period := range []string{"quarter", "year"} {
			t.Run(stem+"."+period, func(t *testing.T) {
				code, out, errs := cli(t, "run", f, "--format", "json", "--period", period)
				if code != ExitOK {
					t.Fatalf("exit %d: %s", code, errs)
				}
				var got runDoc
				if err := json.Unmarshal([]byte(out), &got); err != nil {
					t.Fatal(err)
				}
				w := want[period]
				if got.Scenario != w.Scenario || got.Period != w.Period || !reflect.DeepEqual(got.Periods, w.Periods) {
					t.Errorf("header: %q %q %v, want %q %q %v", got.Scenario, got.Period, got.Periods, w.Scenario, w.Period, w.Periods)
				}
				if g, e := keys(got.Series), keys(w.Series); !reflect.DeepEqual(g, e) {
					t.Errorf("series: %v\nwant %v", g, e)
				}
				for id, vals := range w.Series {
					if !reflect.DeepEqual(got.Series[id], vals) {
						t.Errorf("%s = %v\nwant %v", id, got.Series[id], vals)
					}
				}
				if g, e := keys(got.Summary), keys(w.Summary); !reflect.DeepEqual(g, e) {
					t.Errorf("summary: %v\nwant %v", g, e)
				}
				for id, v := range w.Summary {
					if g := got.Summary[id]; (g == nil) != (v == nil) || g != nil && *g != *v {
						t.Errorf("%s = %s, want %s", id, show(g), show(v))
					}
				}
			})
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func show(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// TestV2RefusalsStoreNothing: a file that breaks a rule of format v2 is refused by
// run and by import with exit 2, the file:line:col and key path on stderr, nothing
// on stdout, and nothing stored; the same file, corrected, is stored.
func TestV2RefusalsStoreNothing(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "v2", "revshare.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]struct{ from, to, where string }{
		"change outside the term": {"      2025Q3:\n", "      2024Q3:\n", "bad.yaml:22:7: contracts.share.changes.2024Q3:"},
		"cap_from without a cap":  {"    cap: 3B\n    cap_from: 2025Q4\n    changes:\n      2026Q2: {cap: 3.5B, note: \"Raised\"}\n", "    cap_from: 2025Q4\n", "bad.yaml:36:15: contracts.later.cap_from:"},
		"v2 key in a v1 file":     {"version: 2", "version: 1", "bad.yaml:21:5: contracts.share.changes:"},
	}
	db := filepath.Join(t.TempDir(), "s.db")
	for name, b := range bad {
		t.Run(name, func(t *testing.T) {
			src := strings.Replace(string(good), b.from, b.to, 1)
			if src == string(good) {
				t.Fatal("the edit changed nothing")
			}
			p := writeFile(t, "bad.yaml", src)
			for _, args := range [][]string{{"run", p}, {"scenarios", "import", p, "--db", db}} {
				code, out, errs := cli(t, args...)
				if code != ExitInvalid || out != "" || !strings.Contains(errs, b.where) {
					t.Errorf("%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", args[0], code, out, errs, b.where)
				}
			}
		})
	}
	_, out, _ := cli(t, "scenarios", "list", "--format", "json", "--db", db)
	if strings.Contains(out, "v2 revenue share") {
		t.Fatalf("a refused file was stored: %s", out)
	}
	if code, _, errs := cli(t, "scenarios", "import", filepath.Join("testdata", "v2", "revshare.yaml"), "--db", db); code != ExitOK {
		t.Fatalf("the valid file: exit %d: %s", code, errs)
	}
}
