package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A device or a pipe reports no size: the read itself is bounded, so an endless
// input is refused after 8 MiB instead of filling memory.
func TestRunBoundsWhatItReads(t *testing.T) {
	start := time.Now()
	code, out, errs := cli(t, "run", "/dev/zero")
	if code != ExitInvalid || out != "" || !strings.Contains(errs, "/dev/zero is larger than 8 MiB: a scenario file is at most 8 MiB") {
		t.Fatalf("/dev/zero: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	go func() { // yes | dealmodel run /dev/stdin
		line := []byte(strings.Repeat("y\n", 4096))
		for {
			if _, err := w.Write(line); err != nil {
				w.Close()
				return
			}
		}
	}()
	path := "/dev/fd/" + strconv.Itoa(int(r.Fd()))
	code, out, errs = cli(t, "run", path)
	r.Close()
	if code != ExitInvalid || out != "" || !strings.Contains(errs, "is larger than 8 MiB") {
		t.Fatalf("endless pipe: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("took %v", took)
	}
}

// A small document that nests deeply is refused at once, from a file as from
// any other input.
func TestRunRefusesNestingBomb(t *testing.T) {
	p := writeFile(t, "bomb.yaml", "version: 1\nname: x\ndescription: "+strings.Repeat("[", 100_000)+"\n")
	start := time.Now()
	code, out, errs := cli(t, "run", p)
	if code != ExitInvalid || out != "" || !strings.Contains(errs, "bomb.yaml:3:") || !strings.Contains(errs, "nest more than 64 deep here") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %v", took)
	}
}

// Exports write regular files only: a pipe, a device or a link to one is
// refused with exit 2 and left as it was; a link to a file is written through.
func TestExportReplacesOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := cli(t, "export", "microsoft-cap", "--csv", fifo)
	if code != ExitInvalid || out != "" || !strings.Contains(errs, fifo+" is a pipe, not a regular file") {
		t.Fatalf("fifo: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Fatalf("the pipe was replaced: %v", st.Mode())
	}
	real := filepath.Join(dir, "real.csv")
	if err := os.WriteFile(real, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := cli(t, "export", "microsoft-cap", "--csv", link); code != ExitOK {
		t.Fatalf("link: exit %d, %s", code, errs)
	}
	if st, _ := os.Lstat(link); st.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a file")
	}
	if data, _ := os.ReadFile(real); !strings.HasPrefix(string(data), "period,") {
		t.Fatalf("the link's target holds %.40q", data)
	}
}

func TestScenarioExportToAnEmptyName(t *testing.T) {
	t.Setenv("DEALMODEL_DB", filepath.Join(t.TempDir(), "d.db"))
	code, out, errs := cli(t, "scenarios", "export", "briefing", "")
	if code != ExitInvalid || out != "" || !strings.Contains(errs, "the file name is empty") || strings.Contains(errs, ".tmp") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// --db on a file that is not a database refuses it and leaves it alone.
func TestDBFlagRefusesAFileThatIsNotADatabase(t *testing.T) {
	notes := writeFile(t, "notes.txt", "my notes\n")
	code, out, errs := cli(t, "scenarios", "list", "--db", notes)
	if code != ExitInvalid || out != "" || !strings.Contains(errs, notes+" is not a database") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if data, _ := os.ReadFile(notes); string(data) != "my notes\n" {
		t.Fatalf("notes.txt changed: %q", data)
	}
	if entries, _ := os.ReadDir(filepath.Dir(notes)); len(entries) != 1 {
		t.Fatalf("files created beside it: %v", entries)
	}
}

// A rejected import creates no database file and no backup.
func TestRejectedImportLeavesNoDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new", "d.db")
	bad := writeFile(t, "bad.yaml", "version: 1\nname: [unclosed\n")
	code, _, errs := cli(t, "scenarios", "import", bad, "--db", db)
	if code != ExitInvalid || !strings.Contains(errs, "bad.yaml:2:7") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a rejected import created %v", entries)
	}
}

// An import that the store would refuse, two files naming one scenario (here
// by case and Unicode form), is refused before a database or backup is made.
func TestImportOfOneNameTwiceLeavesNoDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "new", "d.db")
	a := writeFile(t, "a.yaml", "version: 1\nname: \"Caf\u00e9\"\nstart: 2026Q1\nend: 2026Q4\n")
	b := writeFile(t, "b.yaml", "version: 1\nname: \"CAFE\u0301\"\nstart: 2026Q1\nend: 2026Q4\n")
	code, out, errs := cli(t, "scenarios", "import", a, b, "--db", db)
	if code != ExitInvalid || out != "" || !strings.Contains(errs, a+" and "+b+" are both named") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a rejected import created %v", entries)
	}
}
