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

// draftCrashEnv names the database of the child process of
// TestDraftCrashKill.
const draftCrashEnv = "DEALMODEL_STORE_DRAFT_CRASH_DB"

// TestDraftCrashChild is the child process of TestDraftCrashKill: it
// autosaves drafts of one scenario in a loop and prints each step after
// SaveDraft has returned.
func TestDraftCrashChild(t *testing.T) {
	path := os.Getenv(draftCrashEnv)
	if path == "" {
		t.Skip("the child process of TestDraftCrashKill")
	}
	run, _ := strconv.Atoi(os.Getenv(draftCrashEnv + "_RUN"))
	ctx := context.Background()
	db := New(path)
	if err := db.Open(); err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	if _, err := db.Create(ctx, "drafted", crashBody(-1, 0), "", ""); err != nil && ErrorCode(err) != ECONFLICT {
		fmt.Fprintln(os.Stderr, "create:", err)
		os.Exit(4)
	}
	fmt.Println("OPEN")
	for i := 0; ; i++ {
		if err := db.SaveDraft(ctx, "drafted", crashBody(1000+run, i)); err != nil {
			fmt.Fprintln(os.Stderr, "draft:", err)
			os.Exit(5)
		}
		fmt.Printf("DRAFT %d\n", i)
	}
}

// TestDraftCrashKill kills a process that is autosaving and checks that the
// draft it last acknowledged (or the one it was writing, if that committed
// before the kill) is there, byte for byte.
func TestDraftCrashKill(t *testing.T) {
	if os.Getenv(draftCrashEnv) != "" || os.Getenv(crashEnv) != "" {
		t.Skip("in a child")
	}
	const runs = 8
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash", "dealmodel.db")
	rng := rand.New(rand.NewPCG(20250302, 9))
	for run := 0; run < runs; run++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDraftCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), draftCrashEnv+"="+path, draftCrashEnv+"_RUN="+strconv.Itoa(run))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		acked := -1
		r := bufio.NewReader(stdout)
		deadline := time.Now().Add(20 * time.Second)
		var kill time.Time
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				cmd.Process.Kill()
				t.Fatalf("run %d: the child stopped (%v): %s", run, err, stderr.String())
			}
			if l == "OPEN\n" {
				kill = time.Now().Add(time.Duration(5_000+rng.IntN(60_000)) * time.Microsecond)
			}
			if s, ok := strings.CutPrefix(strings.TrimSuffix(l, "\n"), "DRAFT "); ok {
				acked, _ = strconv.Atoi(s)
			}
			if !kill.IsZero() && time.Now().After(kill) && acked >= 0 {
				cmd.Process.Kill() // SIGKILL, while it keeps writing
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				t.Fatalf("run %d: no draft within 20s: %s", run, stderr.String())
			}
		}
		// Lines the child printed before it died may still sit in the pipe when
		// this process reads slower than the child writes (a busy machine): they
		// were acknowledged too, so read them before judging what survived.
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				break // a line cut short by the kill is not an acknowledgement
			}
			if s, ok := strings.CutPrefix(strings.TrimSuffix(l, "\n"), "DRAFT "); ok {
				acked, _ = strconv.Atoi(s)
			}
		}
		cmd.Wait()

		db := New(path)
		db.BackupKeep = -1
		if err := db.Open(); err != nil {
			t.Fatalf("reopen after kill: %v", err)
		}
		if db.Recovered != nil {
			t.Fatalf("reopen after kill moved the database aside: %s", db.Recovered.Message())
		}
		d, err := db.Draft(ctx, "drafted")
		if err != nil {
			t.Fatalf("run %d: acknowledged draft %d lost: %v", run, acked, err)
		}
		// The child may have finished the next draft before the kill without
		// printing it; anything older is a lost autosave.
		if !bytes.Equal(d.Body, crashBody(1000+run, acked)) && !bytes.Equal(d.Body, crashBody(1000+run, acked+1)) {
			t.Fatalf("run %d: the draft is not the one acknowledged (%d) or the next", run, acked)
		}
		db.Close()
		t.Logf("run %d: killed after draft %d", run, acked)
	}
}
