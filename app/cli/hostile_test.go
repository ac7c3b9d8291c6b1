package cli

import (
	"os"
	"strconv"
	"strings"
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
