package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"dealmodel/app/web"
)

// serve prints the address with its token on stdout, serves the bound service, and
// stops cleanly when its context ends.
func TestServe(t *testing.T) {
	Frontend = fstest.MapFS{"index.html": {Data: []byte("<html><head></head><body>app</body></html>")}}
	t.Cleanup(func() { Frontend = nil })
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serveCmd(&env{ctx: ctx, stdout: outW, stderr: io.Discard}, nil)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	url := strings.TrimSpace(line)
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.Contains(url, "/?token=") {
		t.Fatalf("printed %q", url)
	}
	base, token, _ := strings.Cut(url, "/?token=")
	req, _ := http.NewRequest("POST", base+"/api/call/app.Service.ListScenarios", strings.NewReader("[]"))
	req.Header.Set(web.TokenHeader, token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `"builtin":"briefing"`) {
		t.Fatalf("ListScenarios: %d %s", res.StatusCode, body)
	}
	res, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(page), "dealmodel-bridge.js") {
		t.Fatalf("page: %s", page)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeRefusesBadArguments(t *testing.T) {
	Frontend = fstest.MapFS{"index.html": {Data: []byte("x")}}
	t.Cleanup(func() { Frontend = nil })
	for _, args := range [][]string{{"extra"}, {"--addr", "not-an-address"}, {"--bogus"}, {"--addr", "0.0.0.0:0"}, {"--addr", ":0"}, {"--addr", "[::]:0"}} {
		code, out, errs := cli(t, append([]string{"serve"}, args...)...)
		if code != ExitInvalid || out != "" || errs == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// serve --db opens that database, and tells the user in plain words when it was
// damaged and had to be moved aside.
func TestServeDatabase(t *testing.T) {
	Frontend = fstest.MapFS{"index.html": {Data: []byte("<html><head></head><body>app</body></html>")}}
	t.Cleanup(func() { Frontend = nil })
	path := filepath.Join(t.TempDir(), "mine.db")
	if err := os.WriteFile(path, []byte("SQLite format 3\x00"+strings.Repeat("not a database ", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	outR, outW := io.Pipe()
	var errs strings.Builder
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serveCmd(&env{ctx: ctx, stdout: outW, stderr: &lockedWriter{w: &errs}}, []string{"--db", path})
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	base, token, _ := strings.Cut(strings.TrimSpace(line), "/?token=")
	req, _ := http.NewRequest("POST", base+"/api/call/app.Service.Settings", strings.NewReader("[]"))
	req.Header.Set(web.TokenHeader, token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("Settings: %d", res.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(path + ".damaged-*"); len(m) != 1 {
		t.Fatalf("the damaged file was not moved aside: %v", m)
	}
	if got := errs.String(); !strings.Contains(got, "could not be used") || !strings.Contains(got, "moved to") {
		t.Fatalf("stderr %q", got)
	}
}

// serve prints its address before the library is open, so that the browser loads
// the page meanwhile; a database it cannot open still ends serve with the store's
// words and their exit code, and the file is left alone.
func TestServeDatabaseThatCannotOpen(t *testing.T) {
	Frontend = fstest.MapFS{"index.html": {Data: []byte("<html><head></head><body>app</body></html>")}}
	t.Cleanup(func() { Frontend = nil })
	p := writeFile(t, "mine.yaml", storedScenario)
	code, out, errs := cli(t, "serve", "--db", p)
	if code != ExitInvalid || !strings.Contains(errs, "scenario file, not a database") || strings.Contains(errs, "serving at the address") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if data, err := os.ReadFile(p); err != nil || string(data) != storedScenario {
		t.Fatalf("the scenario file was touched: %v", err)
	}
}

// lockedWriter lets a test read what a goroutine writes.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// The service's failures reach the browser with the status of their kind
// (backend/fault, mapped in app/web): invalid input 400, nothing of that name 404,
// a name taken 409; the text is the service's, never a Go trace or a file of ours.
func TestServeStatusOfFailures(t *testing.T) {
	base, token, stop := startServe(t, "--db", filepath.Join(t.TempDir(), "s.db"))
	defer stop()
	call := func(method, args string) (int, string) { return callServe(t, base, token, method, args) }
	_, list := call("ListScenarios", "[]")
	var entries struct {
		Result []struct{ Name string } `json:"result"`
	}
	if err := json.Unmarshal([]byte(list), &entries); err != nil || len(entries.Result) < 2 {
		t.Fatalf("ListScenarios: %v %s", err, list)
	}
	first, second := entries.Result[0].Name, entries.Result[1].Name
	quote := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	for _, c := range []struct {
		method, args string
		status       int
		says         string
	}{
		{"Evaluate", `["version: 2\nname: [", "quarter"]`, http.StatusBadRequest, "not valid YAML"},
		{"Evaluate", `["version: 2", "decade"]`, http.StatusBadRequest, "period"},
		{"CheckInput", `["weight", "5", ""]`, http.StatusBadRequest, "kind"},
		{"OpenScenario", `["No such scenario"]`, http.StatusNotFound, "No such scenario"},
		{"History", `["No such scenario"]`, http.StatusNotFound, "No such scenario"},
		{"RenameScenario", "[" + quote(first) + "," + quote(second) + "]", http.StatusConflict, second},
		{"DuplicateScenario", "[" + quote(first) + "," + quote(second) + "]", http.StatusConflict, second},
	} {
		code, body := call(c.method, c.args)
		var answer struct{ Error, Kind string }
		_ = json.Unmarshal([]byte(body), &answer)
		if code != c.status || !strings.Contains(answer.Error, c.says) {
			t.Errorf("%s %s: %d %s, want %d saying %q", c.method, c.args, code, body, c.status, c.says)
		}
		for _, leak := range []string{"goroutine", ".go:", "panic", "/work/", "runtime."} {
			if strings.Contains(body, leak) {
				t.Errorf("%s: the answer shows %q: %s", c.method, leak, body)
			}
		}
	}
}

// startServe runs serve with args until stop, and returns its address and token.
func startServe(t *testing.T, args ...string) (base, token string, stop func()) {
	t.Helper()
	Frontend = fstest.MapFS{"index.html": {Data: []byte("<html><head></head><body>app</body></html>")}}
	outR, outW := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serveCmd(&env{ctx: ctx, stdout: outW, stderr: io.Discard}, args)
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	base, token, _ = strings.Cut(strings.TrimSpace(line), "/?token=")
	return base, token, func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
		Frontend = nil
	}
}
