package files

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	if err := WriteAtomic(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o644 {
		t.Fatalf("new file mode %v", st.Mode().Perm())
	}
	if err := os.Chmod(p, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	if st, _ := os.Stat(p); string(data) != "two" || st.Mode().Perm() != 0o600 {
		t.Fatalf("replaced file: %q, mode %v", data, st.Mode().Perm())
	}
	if err := WriteAtomic(dir, []byte("x")); err == nil {
		t.Fatal("wrote over a folder")
	}
	if err := WriteAtomic(filepath.Join(dir, "missing", "f"), []byte("x")); err == nil {
		t.Fatal("wrote into a missing folder")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

// Only regular files are replaced: a symbolic link is written through to its
// target, and devices, pipes and folders are refused, unchanged.
func TestWriteAtomicReplacesOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "real.csv")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink("real.csv", link); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if li, _ := os.Lstat(link); li.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced by a file")
	}
	if data, _ := os.ReadFile(target); string(data) != "new" {
		t.Fatalf("target holds %q", data)
	}
	if st, _ := os.Stat(target); st.Mode().Perm() != 0o600 {
		t.Fatalf("target mode %v", st.Mode().Perm())
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "dangling.csv")
	if err := os.Symlink("nowhere/x.csv", dangling); err != nil {
		t.Fatal(err)
	}
	// A device: /dev/full, after making sure it is one (the test must never
	// write to a system path that is not what it expects).
	if st, err := os.Lstat("/dev/full"); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/full is not a character device on this machine: %v", err)
	}
	toFull := filepath.Join(dir, "full.csv")
	if err := os.Symlink("/dev/full", toFull); err != nil {
		t.Fatal(err)
	}
	toFifo := filepath.Join(dir, "stdout") // as /dev/stdout links to a pipe
	if err := os.Symlink(fifo, toFifo); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo:        "is a pipe, not a regular file",
		toFifo:      "is a pipe, not a regular file",
		"/dev/full": "is a device, not a regular file",
		toFull:      "is a device, not a regular file",
		dangling:    "symbolic link whose target cannot be reached",
		dir:         "is a folder",
		"":          "no file name given",
		dir + "/":   "is a folder",
	} {
		before, _ := os.Lstat(path)
		err := WriteAtomic(path, []byte("x"))
		var r *Refused
		if !errors.As(err, &r) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), ".tmp") {
			t.Errorf("%q: %v, want a refusal with %q", path, err, want)
		}
		if after, _ := os.Lstat(path); before != nil && (after == nil || after.Mode() != before.Mode()) {
			t.Errorf("%q changed: %v -> %v", path, before.Mode(), after.Mode())
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("the dangling link's folder was created")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// A folder that cannot be written says so, without naming a temporary file.
func TestWriteAtomicNamesNoTemporaryFile(t *testing.T) {
	err := WriteAtomic("/proc/x.csv", []byte("x"))
	if err == nil || strings.Contains(err.Error(), ".tmp") || !strings.Contains(err.Error(), "cannot write /proc/x.csv") {
		t.Fatalf("got %v", err)
	}
}
