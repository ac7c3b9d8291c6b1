package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain points the default database at a temporary folder, so that no test
// touches the user's own scenarios.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dealmodel-cli-test")
	if err != nil {
		panic(err)
	}
	os.Setenv("DEALMODEL_DB", filepath.Join(dir, "default.db"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const storedScenario = `version: 1
name: "Cap study"
start: 2026Q1
end: 2027Q4
streams:
  rev:
    annual: {2026: 40B, 2027: 80B}
contracts:
  share:
    type: revenue_share
    payer: OpenAI
    payee: Microsoft
    base: rev
    rate: 20%
    cap: 10B
`

// A scenario imported, edited, saved three times, diffed and restored from the
// command line shows the expected history; export then import round-trips exactly.
func TestScenariosLifecycle(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	sc := func(args ...string) (int, string, string) {
		return cli(t, append(append([]string{"scenarios"}, args...), "--db", db)...)
	}
	path := writeFile(t, "cap.yaml", storedScenario)
	code, out, errs := sc("import", path)
	if code != 0 || !strings.Contains(out, `created "Cap study", revision 1`) {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	// Importing the same file again writes nothing and says so.
	if _, out, _ = sc("import", path); !strings.Contains(out, "unchanged") {
		t.Fatalf("re-import: %q", out)
	}
	for i, cap := range []string{"12B", "15B", "20B"} {
		edited := writeFile(t, "cap.yaml", strings.Replace(storedScenario, "cap: 10B", "cap: "+cap, 1))
		code, out, _ := sc("import", edited)
		if code != 0 || !strings.Contains(out, "revision "+string(rune('2'+i))) {
			t.Fatalf("save %d: %d %q", i, code, out)
		}
	}
	code, out, _ = sc("history", "Cap study", "--format", "json")
	var hist []struct {
		Number  int    `json:"number"`
		Message string `json:"message"`
		Hash    string `json:"hash"`
		Time    string `json:"time"`
	}
	if err := json.Unmarshal([]byte(out), &hist); err != nil || code != 0 {
		t.Fatalf("history: %v %s", err, out)
	}
	if len(hist) != 4 || hist[0].Number != 4 || hist[3].Number != 1 || len(hist[0].Hash) != 64 || hist[0].Time == "" || !strings.HasPrefix(hist[0].Message, "Imported from") {
		t.Fatalf("history: %+v", hist)
	}
	if _, out, _ = sc("diff", "Cap study", "1", "4"); strings.TrimSpace(out) != "~ contracts.share.cap: 10B → 20B" {
		t.Fatalf("diff: %q", out)
	}
	if code, out, _ = sc("restore", "Cap study", "2"); code != 0 || !strings.Contains(out, "restored as revision 5") {
		t.Fatalf("restore: %d %q", code, out)
	}
	if _, out, _ = sc("show", "Cap study"); !strings.Contains(out, "cap: 12B") {
		t.Fatalf("show after restore: %q", out)
	}
	if _, out, _ = sc("show", "Cap study", "--rev", "4"); !strings.Contains(out, "cap: 20B") {
		t.Fatalf("show --rev 4: %q", out)
	}
	// run computes the stored scenario by name.
	code, out, _ = cli(t, "run", "Cap study", "--format", "json", "--db", db)
	if code != 0 || !strings.Contains(out, `"contract.share.total_paid": "12000000000.00"`) {
		t.Fatalf("run stored: %d %s", code, out)
	}
	// Export, then import into a fresh database: the identical document.
	exported := filepath.Join(t.TempDir(), "out.yaml")
	if code, _, errs = sc("export", "Cap study", exported); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	first, _ := os.ReadFile(exported)
	db2 := filepath.Join(t.TempDir(), "other.db")
	if code, _, errs = cli(t, "scenarios", "import", exported, "--db", db2); code != 0 {
		t.Fatalf("import into another database: %s", errs)
	}
	_, second, _ := cli(t, "scenarios", "export", "Cap study", "--db", db2)
	if second != string(first) {
		t.Fatalf("export/import changed the document:\n%s\n---\n%s", first, second)
	}
	// Trash and back.
	if code, _, _ = sc("rm", "Cap study"); code != 0 {
		t.Fatal("rm failed")
	}
	if code, _, errs = cli(t, "run", "Cap study", "--db", db); code != ExitInvalid || !strings.Contains(errs, "trash") {
		t.Fatalf("run of a trashed scenario: %d %q", code, errs)
	}
	if _, out, _ = sc("list", "--trash"); !strings.Contains(out, "Cap study") {
		t.Fatalf("trash list: %q", out)
	}
	if code, _, _ = sc("undelete", "Cap study"); code != 0 {
		t.Fatal("undelete failed")
	}
}

func TestScenariosListSeedsBuiltins(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := cli(t, "scenarios", "list", "--format", "json", "--db", db)
	var list []struct {
		Name      string `json:"name"`
		Builtin   string `json:"builtin"`
		Revisions int    `json:"revisions"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 {
		t.Fatalf("%d %v %s %s", code, err, out, errs)
	}
	stems := map[string]bool{}
	for _, s := range list {
		stems[s.Builtin] = true
		if s.Revisions != 1 {
			t.Errorf("%s has %d revisions", s.Name, s.Revisions)
		}
	}
	for _, stem := range builtinStems() {
		if !stems[stem] {
			t.Errorf("built-in %s not seeded", stem)
		}
	}
	if info, err := os.Stat(filepath.Dir(db)); err != nil || info.Mode().Perm()&0o077 != 0 && filepath.Dir(db) != os.TempDir() {
		_ = info // the temporary folder is made by the test; the store's own folders are 0700
	}
}

// An import with one bad file writes nothing, and reports the bad file's errors with
// their lines.
func TestScenariosImportIsAllOrNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	good := writeFile(t, "good.yaml", storedScenario)
	bad := writeFile(t, "bad.yaml", strings.Replace(strings.Replace(storedScenario, "Cap study", "Other", 1), "rate: 20%", "rate: 20%\n    capp: 1B", 1))
	code, out, errs := cli(t, "scenarios", "import", good, bad, "--db", db)
	if code != ExitInvalid || out != "" || !strings.Contains(errs, bad+":15:5") || !strings.Contains(errs, `did you mean "cap"`) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs = cli(t, "scenarios", "show", "Cap study", "--db", db); code != ExitInvalid || !strings.Contains(errs, "Cap study") {
		t.Fatalf("the good file was stored although the import failed: %d %s", code, errs)
	}
	// Two files naming the same scenario are refused too.
	code, _, errs = cli(t, "scenarios", "import", good, writeFile(t, "again.yaml", storedScenario), "--db", db)
	if code != ExitInvalid || !strings.Contains(errs, "both named") {
		t.Fatalf("duplicate names: %d %s", code, errs)
	}
}

func TestScenariosErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	cases := [][]string{
		{"nope"},
		{"show"},
		{"show", "No such scenario"},
		{"diff", "No such scenario", "1", "2"},
		{"diff", "x", "one", "2"},
		{"restore", "x", "0"},
		{"history", "x", "--format", "xml"},
		{"import"},
		{"import", "/no/such/file.yaml"},
		{"purge", "No such scenario"},
	}
	for _, args := range cases {
		code, out, errs := cli(t, append(append([]string{"scenarios"}, args...), "--db", db)...)
		if code != ExitInvalid || out != "" || errs == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// A damaged database is moved aside with a plain message, and the command works.
func TestDamagedDatabaseIsKeptAside(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	junk := []byte("SQLite format 3\x00" + strings.Repeat("not a database ", 400))
	if err := os.WriteFile(db, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, "scenarios", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "NAME") || !strings.Contains(errs, "damaged") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "s.db.damaged-*"))
	if len(matches) != 1 {
		t.Fatalf("moved-aside files: %v", matches)
	}
	if kept, _ := os.ReadFile(matches[0]); string(kept) != string(junk) {
		t.Fatal("the damaged file was changed")
	}
}
