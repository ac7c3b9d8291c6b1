package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func readCSVText(t *testing.T, text string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	return rows
}

// The schedule CSV holds exactly the numbers of `run --format json`, in both period
// views.
func TestExportCSVMatchesRunJSON(t *testing.T) {
	for _, period := range []string{"quarter", "year"} {
		code, js, stderr := cli(t, "run", "briefing", "--format", "json", "--period", period)
		if code != ExitOK {
			t.Fatalf("run: %d %s", code, stderr)
		}
		var doc struct {
			Periods []string            `json:"periods"`
			Series  map[string][]string `json:"series"`
			Summary map[string]*string  `json:"summary"`
		}
		if err := json.Unmarshal([]byte(js), &doc); err != nil {
			t.Fatal(err)
		}
		code, out, stderr := cli(t, "export", "briefing", "--csv", "-", "--period", period)
		if code != ExitOK {
			t.Fatalf("export: %d %s", code, stderr)
		}
		rows := readCSVText(t, out)
		if len(rows) != len(doc.Periods)+1 || len(rows[0]) != len(doc.Series)+1 {
			t.Fatalf("%s: %dx%d cells for %d periods and %d series", period, len(rows), len(rows[0]), len(doc.Periods), len(doc.Series))
		}
		for j, id := range rows[0][1:] {
			want, ok := doc.Series[id]
			if !ok {
				t.Fatalf("column %q is not a series of run --format json", id)
			}
			for i, p := range doc.Periods {
				if rows[i+1][0] != p {
					t.Fatalf("row %d is %q, want %q", i+1, rows[i+1][0], p)
				}
				if got := rows[i+1][j+1]; got != want[i] {
					t.Errorf("%s %s %s: CSV %s, run JSON %s", period, id, p, got, want[i])
				}
			}
		}
		// The summary CSV too.
		code, out, _ = cli(t, "export", "briefing", "--summary-csv", "-", "--period", period)
		if code != ExitOK {
			t.Fatal("summary export failed")
		}
		rows = readCSVText(t, out)
		if len(rows) != len(doc.Summary)+1 {
			t.Fatalf("%d summary rows for %d metrics", len(rows)-1, len(doc.Summary))
		}
		for _, row := range rows[1:] {
			want, ok := doc.Summary[row[0]]
			if !ok {
				t.Fatalf("summary id %q is not in run --format json", row[0])
			}
			if (want == nil && row[2] != "") || (want != nil && row[2] != *want) {
				t.Errorf("%s: CSV %q, run JSON %v", row[0], row[2], want)
			}
		}
	}
}

func TestExportWritesFiles(t *testing.T) {
	dir := t.TempDir()
	csvPath, sumPath, pdfPath := filepath.Join(dir, "b.csv"), filepath.Join(dir, "s.csv"), filepath.Join(dir, "b.pdf")
	code, out, stderr := cli(t, "export", "briefing", "--pdf", pdfPath, "--csv", csvPath, "--summary-csv", sumPath, "--labels", "--bom", "--period", "year")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if out != "" {
		t.Errorf("stdout %q: every output went to a file", out)
	}
	pdf, err := os.ReadFile(pdfPath)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(pdf), []byte("%%EOF")) {
		t.Fatalf("%s is not a whole PDF (%v)", pdfPath, err)
	}
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Error("--bom: no byte order mark")
	}
	rows := readCSVText(t, string(data))
	if rows[1][0] == "2025" || rows[2][0] != "2025" {
		t.Errorf("--labels --period year: rows start %q, %q", rows[1][0], rows[2][0])
	}
	if _, err := os.Stat(sumPath); err != nil {
		t.Error(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %q: temporary files were left", names)
	}
	if st, _ := os.Stat(csvPath); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
}

// TestExportPDFContents reads the PDF back: the scenario and the compared ones are
// there, the comparison is, and the --compare forms (repeated, comma list, a name
// with a comma) all resolve.
func TestExportPDFContents(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (apt-get install poppler-utils) to run the PDF tests")
	}
	dir := t.TempDir()
	pdfPath := filepath.Join(dir, "c.pdf")
	code, _, stderr := cli(t, "export", "microsoft-cap", "--pdf", pdfPath,
		"--compare", "microsoft-cap-high,microsoft-cap-low",
		"--compare", "Briefing: OpenAI's deals with Microsoft, Amazon, Oracle and others",
		"--paper", "letter", "--landscape")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text, err := exec.Command(tool, pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(strings.Fields(string(text)), " ")
	for _, w := range []string{"Microsoft revenue share: reported $38B cap (base case)", "Comparison", "high cap ($68B)", "low cap ($26B stress case)", "Briefing: OpenAI's deals", "Revision sha256:"} {
		if !strings.Contains(all, w) {
			t.Errorf("the PDF lacks %q", w)
		}
	}
}

// A stored scenario is exported by name, and the briefing names its revision.
func TestExportStoredScenario(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (apt-get install poppler-utils) to run the PDF tests")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	src := writeFile(t, "deal.yaml", "version: 1\nname: \"Stored deal\"\nstart: 2026Q1\nend: 2027Q4\nstreams:\n  rev:\n    annual: {2026: 40B, 2027: 80B}\n")
	if code, _, stderr := cli(t, "scenarios", "import", src, "--db", db); code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	pdfPath := filepath.Join(dir, "s.pdf")
	if code, _, stderr := cli(t, "export", "Stored deal", "--db", db, "--pdf", pdfPath, "--compare", "Stored deal"); code != ExitOK {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	text, err := exec.Command(tool, pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if all := strings.Join(strings.Fields(string(text)), " "); !strings.Contains(all, "Revision 1 (sha256:") {
		t.Errorf("the briefing does not name the stored revision:\n%s", all[:min(400, len(all))])
	}
}

// TestExportReproducible: with SOURCE_DATE_EPOCH set, two exports are identical.
func TestExportReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1778594580")
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	for _, p := range []string{a, b} {
		if code, _, stderr := cli(t, "export", "compute", "--pdf", p); code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Error("two exports of the same scenario at the same SOURCE_DATE_EPOCH differ")
	}
}

func TestExportInvalid(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "o.csv")
	for name, args := range map[string][]string{
		"no output":             {"export", "briefing"},
		"no scenario":           {"export", "--csv", out},
		"two scenarios":         {"export", "briefing", "compute", "--csv", out},
		"unknown scenario":      {"export", "no-such-thing", "--csv", out},
		"missing file":          {"export", filepath.Join(dir, "missing.yaml"), "--csv", out},
		"bad period":            {"export", "briefing", "--csv", out, "--period", "month"},
		"bad paper":             {"export", "briefing", "--pdf", out, "--paper", "a3"},
		"pdf to stdout":         {"export", "briefing", "--pdf", "-"},
		"two to stdout":         {"export", "briefing", "--csv", "-", "--summary-csv", "-"},
		"same file twice":       {"export", "briefing", "--csv", out, "--summary-csv", out},
		"missing folder":        {"export", "briefing", "--csv", filepath.Join(dir, "no", "o.csv")},
		"output is a folder":    {"export", "briefing", "--csv", dir},
		"compare without pdf":   {"export", "briefing", "--csv", out, "--compare", "compute"},
		"unknown compare":       {"export", "briefing", "--pdf", out, "--compare", "compute,nothing"},
		"empty compare":         {"export", "briefing", "--pdf", out, "--compare", ""},
		"unknown flag":          {"export", "briefing", "--csv", out, "--xlsx"},
		"malformed scenario":    {"export", writeFile(t, "bad.yaml", "version: 1\nname: x\n"), "--csv", out},
		"empty in compare list": {"export", "briefing", "--pdf", out, "--compare", "compute,,valuation"},
	} {
		code, stdout, stderr := cli(t, args...)
		if code != ExitInvalid {
			t.Errorf("%s: exit %d, want %d (stderr %q)", name, code, ExitInvalid, stderr)
		}
		if stdout != "" {
			t.Errorf("%s: stdout %q", name, stdout)
		}
		if stderr == "" {
			t.Errorf("%s: no message", name)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("a rejected export wrote %d files", len(entries))
	}
}

// A rejected export leaves an existing output as it was.
func TestExportFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "o.csv")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := writeFile(t, "bad.yaml", "version: 1\nname: x\nstart: 2025Q1\nend: 2024Q1\n")
	if code, _, _ := cli(t, "export", bad, "--csv", out); code != ExitInvalid {
		t.Fatalf("exit %d, want %d", code, ExitInvalid)
	}
	if data, _ := os.ReadFile(out); string(data) != "old" {
		t.Errorf("the old file now holds %q", data)
	}
	// A successful export replaces it and keeps its permissions.
	if code, _, stderr := cli(t, "export", "compute", "--csv", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	st, _ := os.Stat(out)
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want the old file's 0600", st.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1", len(entries))
	}
}

func TestExportInUsage(t *testing.T) {
	_, out, _ := cli(t, "help")
	if !strings.Contains(out, "dealmodel export FILE|NAME") || !strings.Contains(out, "--summary-csv") {
		t.Errorf("usage does not describe export:\n%s", out)
	}
}

// --summary-only writes the one-page executive summary alone.
func TestExportSummaryOnly(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils (apt-get install poppler-utils) to run the PDF tests")
	}
	pdfPath := filepath.Join(t.TempDir(), "s.pdf")
	if code, _, stderr := cli(t, "export", "briefing", "--pdf", pdfPath, "--summary-only"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	text, err := exec.Command(tool, pdfPath, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(text), "\f\n"), "\f")
	if all := strings.Join(strings.Fields(string(text)), " "); len(pages) != 1 || !strings.Contains(all, "EXECUTIVE SUMMARY") || !strings.Contains(all, "Page 1 of 1") {
		t.Errorf("%d pages: %.300s", len(pages), all)
	}
}
