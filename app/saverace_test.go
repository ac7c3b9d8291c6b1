package app

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dealmodel/backend/library"
)

// saveRaceEnv carries the database path to the child processes of
// TestSaveRaceBetweenProcesses.
const saveRaceEnv = "DEALMODEL_SAVE_RACE_DB"

// TestSaveRaceChild is one of the two processes of TestSaveRaceBetweenProcesses,
// a window or a `serve` of its own on the shared database. Told "prep ROUND
// BASE", it edits the scenario as the user would and says "ready"; told "go",
// it saves from revision BASE and says "won REV" or "stale REV".
func TestSaveRaceChild(t *testing.T) {
	path := os.Getenv(saveRaceEnv)
	if path == "" {
		t.Skip("run by TestSaveRaceBetweenProcesses")
	}
	lib, err := library.Open(context.Background(), path)
	if err != nil {
		fmt.Println("error", err)
		return
	}
	defer lib.Close()
	s := NewService(lib)
	name := os.Getenv(saveRaceEnv + "_NAME")
	w, err := s.OpenScenario(name)
	if err != nil {
		fmt.Println("error", err)
		return
	}
	in := bufio.NewScanner(os.Stdin)
	doc, base := "", 0
	for in.Scan() {
		f := strings.Fields(in.Text())
		switch {
		case len(f) == 3 && f[0] == "prep":
			base, _ = strconv.Atoi(f[2])
			ev, err := s.Apply(w.Document, []Edit{{Op: OpText, Path: "description", Value: "round " + f[1] + " by " + os.Getenv(saveRaceEnv+"_ID")}}, "quarter")
			if err != nil {
				fmt.Println("error", err)
				return
			}
			doc = ev.Document
			fmt.Println("ready")
		case len(f) == 1 && f[0] == "go":
			res, err := s.SaveScenario(name, doc, "", base)
			switch {
			case err != nil:
				fmt.Println("error", err)
				return
			case res.Conflict:
				fmt.Println("stale", res.Revision)
			default:
				fmt.Println("won", res.Revision)
			}
		}
	}
}

// Two processes on one database save from the same base revision at the same
// moment, round after round: never do both succeed; one wins, the other is told
// another revision was saved.
func TestSaveRaceBetweenProcesses(t *testing.T) {
	if os.Getenv(saveRaceEnv) != "" {
		t.Skip("in the child")
	}
	path := filepath.Join(t.TempDir(), "dealmodel.db")
	lib, err := library.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	name := builtinName(t, "microsoft-cap")
	rev, err := lib.DB.Get(context.Background(), name, 0)
	lib.Close()
	if err != nil {
		t.Fatal(err)
	}
	type child struct {
		in  io.WriteCloser
		out *bufio.Scanner
	}
	var kids []child
	for i := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSaveRaceChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), saveRaceEnv+"="+path, saveRaceEnv+"_NAME="+name, saveRaceEnv+"_ID="+strconv.Itoa(i))
		cmd.Stderr = os.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			in.Close()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				<-done
			}
		})
		kids = append(kids, child{in, bufio.NewScanner(out)})
	}
	// answer reads a child's next line (the test binary's own lines, such as
	// PASS, are not answers).
	answer := func(c child) []string {
		for c.out.Scan() {
			f := strings.Fields(c.out.Text())
			if len(f) > 0 && (f[0] == "ready" || f[0] == "won" || f[0] == "stale") {
				return f
			}
			if len(f) > 0 && f[0] == "error" {
				t.Fatalf("child: %s", c.out.Text())
			}
		}
		t.Fatalf("a child ended: %v", c.out.Err())
		return nil
	}
	base := rev.Number
	// Many rounds, bounded in time: a slow machine runs fewer, never too long.
	deadline := time.Now().Add(15 * time.Second)
	rounds := 0
	for round := 1; round <= 60 && time.Now().Before(deadline); round++ {
		for _, c := range kids {
			fmt.Fprintf(c.in, "prep %d %d\n", round, base)
		}
		for _, c := range kids {
			answer(c)
		}
		for _, c := range kids {
			fmt.Fprintln(c.in, "go")
		}
		won, stale := 0, 0
		next := 0
		for _, c := range kids {
			f := answer(c)
			n, _ := strconv.Atoi(f[1])
			switch f[0] {
			case "won":
				won++
				next = n
			case "stale":
				stale++
			}
		}
		if won != 1 || stale != 1 {
			t.Fatalf("round %d from revision %d: %d saves won, %d were told they are stale; want 1 and 1", round, base, won, stale)
		}
		if next != base+1 {
			t.Fatalf("round %d: the winner saved revision %d on %d", round, next, base)
		}
		base = next
		rounds++
	}
	if rounds < 10 {
		t.Fatalf("only %d rounds in the time", rounds)
	}
	t.Logf("%d rounds, each one save won and one was stale", rounds)
}
