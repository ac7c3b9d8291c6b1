package cli

import (
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	_ "modernc.org/sqlite"

	"dealmodel/app/web"
)

// While another process holds the database's write lock for longer than the busy
// timeout, a change fails as busy, end to end: `dealmodel serve` answers 503 with
// the kind "busy" and the command line exits 1; both say to try again, and
// nothing changes. (Each waits the store's busy timeout, 5 s, once, side by side.)
func TestBusyDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "busy.db")
	if code, _, errs := cli(t, "scenarios", "list", "--db", db); code != ExitOK {
		t.Fatalf("list: exit %d: %s", code, errs)
	}
	base, token, stop := startServe(t, "--db", db)
	defer stop()
	_, list := callServe(t, base, token, "ListScenarios", "[]")
	var entries struct {
		Result []struct{ Name string } `json:"result"`
	}
	if err := json.Unmarshal([]byte(list), &entries); err != nil || len(entries.Result) < 2 {
		t.Fatalf("ListScenarios: %v %s", err, list)
	}
	first, second := entries.Result[0].Name, entries.Result[1].Name

	// The other process: a connection of its own that holds the write lock.
	other, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		name, _ := json.Marshal(first)
		status, body := callServe(t, base, token, "RenameScenario", "["+string(name)+`, "Renamed while busy"]`)
		var answer struct{ Error, Kind string }
		_ = json.Unmarshal([]byte(body), &answer)
		if status != http.StatusServiceUnavailable || answer.Kind != "busy" || !strings.Contains(answer.Error, "Try again") {
			t.Errorf("serve: %d %s; want 503, kind busy, saying to try again", status, body)
		}
	}()
	go func() {
		defer wg.Done()
		code, _, errs := cli(t, "scenarios", "rename", second, "Also renamed while busy", "--db", db)
		if code != ExitFailure || !strings.Contains(errs, "busy") || strings.Contains(errs, "goroutine") {
			t.Errorf("command line: exit %d, stderr %q; want %d saying busy", code, errs, ExitFailure)
		}
	}()
	wg.Wait()
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	_, after := callServe(t, base, token, "ListScenarios", "[]")
	if strings.Contains(after, "while busy") || !strings.Contains(after, jsonText(first)) || !strings.Contains(after, jsonText(second)) {
		t.Errorf("a busy change changed the library: %s", after)
	}
}

// callServe calls a bound method over serve's API and returns the status and body.
func callServe(t *testing.T, base, token, method, args string) (int, string) {
	req, _ := http.NewRequest("POST", base+"/api/call/app.Service."+method, strings.NewReader(args))
	req.Header.Set(web.TokenHeader, token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return strings.Trim(string(b), `"`)
}
