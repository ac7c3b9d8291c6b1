package store

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crashEnv names the database of the child process of TestCrashKill.
const crashEnv = "DEALMODEL_STORE_CRASH_DB"

// crashBody is the body the child saves at step i of run: a few KB of
// YAML-like text, different at every step.
func crashBody(run, i int) []byte {
	r := rand.New(rand.NewPCG(uint64(run), uint64(i)))
	var b bytes.Buffer
	fmt.Fprintf(&b, "run: %d\nstep: %d\nrows:\n", run, i)
	for n := 1000 + r.IntN(8000); b.Len() < n; {
		fmt.Fprintf(&b, "  - {q: %d, v: %x}\n", r.IntN(160), r.Uint64())
	}
	return b.Bytes()
}

// TestCrashChild is the child process of TestCrashKill: it saves
// revisions in a loop and prints each one after Save has returned.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("the child process of TestCrashKill")
	}
	run, _ := strconv.Atoi(os.Getenv(crashEnv + "_RUN"))
	ctx := context.Background()
	db := New(path)
	db.Author, db.Host = "crash", "test"
	if err := db.Open(); err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	if db.Recovered != nil {
		fmt.Fprintln(os.Stderr, "recovered:", db.Recovered.Message())
		os.Exit(4)
	}
	fmt.Println("OPEN")
	for i := 0; ; i++ {
		name := fmt.Sprintf("crash %d", i%3)
		if i%50 == 49 {
			name = fmt.Sprintf("run %d step %d", run, i) // now and then a new scenario
		}
		body := crashBody(run, i)
		rev, err := db.Save(ctx, name, body, fmt.Sprintf("run %d step %d", run, i), "")
		if ErrorCode(err) == ENOTFOUND {
			rev, err = db.Create(ctx, name, body, fmt.Sprintf("run %d step %d", run, i), "")
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "save:", err)
			os.Exit(5)
		}
		fmt.Printf("ACK %d %d %d %s %s\n", run, i, rev.Number, rev.Hash, name)
	}
}

type ack struct {
	run, step, number int
	hash, name        string
}

// TestCrashKill kills a process that is saving, at random moments, and
// checks that the database is sound and that every save the process had
// acknowledged is there, byte for byte.
func TestCrashKill(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip("in the child")
	}
	const runs = 24
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash", "dealmodel.db")
	rng := rand.New(rand.NewPCG(20250301, 7))
	var acks []ack
	start := time.Now()

	for run := 0; run < runs; run++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashEnv+"="+path, crashEnv+"_RUN="+strconv.Itoa(run))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			defer close(lines)
			r := bufio.NewReader(stdout)
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return // a line cut short by the kill is not an acknowledgement
				}
				lines <- l
			}
		}()

		// A third of the kills land anywhere, opening included; the rest
		// after the child has acknowledged a number of saves, a moment into
		// the next one. Counting saves rather than time keeps the test
		// meaningful on a machine slowed by other work.
		var kill <-chan time.Time
		duringOpen := rng.IntN(3) == 0
		if duringOpen {
			kill = time.After(time.Duration(rng.IntN(40_000)) * time.Microsecond)
		}
		afterAcks := 1 + rng.IntN(15)
		afterAck := time.Duration(rng.IntN(3_000)) * time.Microsecond
		timeout := time.After(20 * time.Second)
		got, killed := 0, false
	read:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					break read
				}
				if a, ok := parseAck(l); ok {
					acks = append(acks, a)
					got++
					if !duringOpen && got == afterAcks {
						kill = time.After(afterAck)
					}
				}
			case <-kill:
				cmd.Process.Kill() // SIGKILL
				killed = true
				kill = nil
			case <-timeout:
				cmd.Process.Kill()
				t.Fatalf("run %d: the child did not get going: %s", run, stderr.String())
			}
		}
		err = cmd.Wait()
		if !killed {
			t.Fatalf("run %d: the child stopped by itself (%v): %s", run, err, stderr.String())
		}
		t.Logf("run %d: killed after %d saves (during open: %v)", run, got, duringOpen)
		verifyCrash(t, ctx, path, acks)
	}
	if len(acks) < 4*runs {
		t.Fatalf("only %d saves acknowledged in %d runs: the test proves little", len(acks), runs)
	}
	t.Logf("%d runs, %d acknowledged saves, %v", runs, len(acks), time.Since(start).Round(time.Millisecond))
}

func parseAck(l string) (ack, bool) {
	f := strings.SplitN(strings.TrimSuffix(l, "\n"), " ", 6)
	if len(f) != 6 || f[0] != "ACK" {
		return ack{}, false
	}
	var a ack
	var err error
	if a.run, err = strconv.Atoi(f[1]); err != nil {
		return ack{}, false
	}
	if a.step, err = strconv.Atoi(f[2]); err != nil {
		return ack{}, false
	}
	if a.number, err = strconv.Atoi(f[3]); err != nil {
		return ack{}, false
	}
	a.hash, a.name = f[4], f[5]
	return a, true
}

func verifyCrash(t *testing.T, ctx context.Context, path string, acks []ack) {
	t.Helper()
	db := New(path)
	db.BackupKeep = -1
	if err := db.Open(); err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	if db.Recovered != nil {
		t.Fatalf("reopen after kill moved the database aside: %s", db.Recovered.Message())
	}
	lines, err := integrityCheck(ctx, db.w)
	if err != nil || len(lines) != 1 || lines[0] != "ok" {
		t.Fatalf("integrity_check after kill: %v %v", lines, err)
	}
	for _, a := range acks {
		r, err := db.Get(ctx, a.name, a.number)
		if err != nil {
			t.Fatalf("acknowledged save lost (run %d step %d, %s #%d): %v", a.run, a.step, a.name, a.number, err)
		}
		if want := crashBody(a.run, a.step); r.Hash != a.hash || !bytes.Equal(r.Body, want) || Hash(r.Body) != a.hash {
			t.Fatalf("acknowledged save changed (run %d step %d, %s #%d)", a.run, a.step, a.name, a.number)
		}
	}
}
