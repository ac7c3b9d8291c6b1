package web

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"dealmodel/backend/fault"
)

// Greeter is a bound service for the tests.
type Greeter struct{ calls int }

type Greeting struct {
	Text  string `json:"text"`
	Count int    `json:"count"`
}

func (g *Greeter) Hello(name string, n int) (*Greeting, error) {
	switch name {
	case "":
		return nil, fault.New(fault.Invalid, "a name is needed")
	case "ghost":
		return nil, fault.New(fault.NotFound, "no one is named ghost")
	case "twin":
		return nil, fault.New(fault.Conflict, "twin is taken")
	case "later":
		return nil, fault.New(fault.Busy, "busy: try again")
	case "disk":
		return nil, errors.New("the disk is full")
	}
	g.calls++
	return &Greeting{Text: "hello " + name, Count: n}, nil
}

func (g *Greeter) Ping() error { return nil }

func (g *Greeter) Boom() (string, error) { panic("boom") }

var assets = fstest.MapFS{
	"index.html":    {Data: []byte("<!doctype html><html><head><title>t</title><script type=module src=/assets/app.js></script></head><body></body></html>")},
	"assets/app.js": {Data: []byte("console.log('app')")},
}

// start runs a server on a loopback port and returns it with its base URL.
func start(t *testing.T) (*Server, string) {
	t.Helper()
	return startWith(t, nil)
}

// startWith is start with a hook that runs before the server serves.
func startWith(t *testing.T, before func(*Server)) (*Server, string) {
	t.Helper()
	s, err := New(assets, &Greeter{})
	if err != nil {
		t.Fatal(err)
	}
	if before != nil {
		before(s)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Bind(ln.Addr())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, s) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("shutdown: %v", err)
			}
		case <-time.After(3 * time.Second):
			t.Error("the server did not shut down")
		}
	})
	return s, "http://" + ln.Addr().String()
}

func do(t *testing.T, method, url, body string, header map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("%s %s sent a CORS header", method, url)
	}
	return res.StatusCode, string(b)
}

func TestCallBoundMethod(t *testing.T) {
	s, base := start(t)
	tok := map[string]string{TokenHeader: s.Token()}
	code, body := do(t, "POST", base+"/api/call/web.Greeter.Hello", `["Ada", 3]`, tok)
	if code != 200 || body != `{"result":{"text":"hello Ada","count":3}}`+"\n" {
		t.Fatalf("%d %s", code, body)
	}
	// Each kind of failure has its status; the text is the method's.
	for _, c := range []struct {
		name   string
		status int
		says   string
	}{
		{"", http.StatusBadRequest, "a name is needed"},
		{"ghost", http.StatusNotFound, "no one is named ghost"},
		{"twin", http.StatusConflict, "twin is taken"},
		{"later", http.StatusServiceUnavailable, "busy"},
		{"disk", http.StatusInternalServerError, "the disk is full"}, // an error of no kind is internal
	} {
		code, body = do(t, "POST", base+"/api/call/web.Greeter.Hello", `["`+c.name+`", 1]`, tok)
		if code != c.status || !strings.Contains(body, c.says) {
			t.Errorf("Hello(%q): %d %s, want %d saying %q", c.name, code, body, c.status, c.says)
		}
	}
	code, body = do(t, "POST", base+"/api/call/web.Greeter.Ping", `[]`, tok)
	if code != 200 || body != `{"result":null}`+"\n" {
		t.Fatalf("error-only method: %d %s", code, body)
	}
	code, body = do(t, "POST", base+"/api/call/web.Greeter.Boom", `[]`, tok)
	if code != http.StatusInternalServerError || !strings.Contains(body, "internal error") || strings.Contains(body, "boom") || strings.Contains(body, "goroutine") {
		t.Fatalf("panic: %d %s", code, body)
	}
	// Every failure answers {error, kind}, the rejection the desktop window gives.
	kind := func(body string) string {
		var r struct{ Error, Kind string }
		_ = json.Unmarshal([]byte(body), &r)
		if r.Error == "" {
			return "no error text in " + body
		}
		return r.Kind
	}
	for _, bad := range []string{`["Ada"]`, `{"name": "Ada"}`, `[1, 2]`, `["Ada", 1] ["Eve", 2]`} {
		if code, body := do(t, "POST", base+"/api/call/web.Greeter.Hello", bad, tok); code != 400 || kind(body) != "invalid" {
			t.Errorf("arguments %s: %d %s, want 400 of kind invalid", bad, code, body)
		}
	}
	if code, body := do(t, "POST", base+"/api/call/web.Greeter.Nope", `[]`, tok); code != 404 || kind(body) != "not_found" {
		t.Errorf("unknown method: %d %s", code, body)
	}
	if code, body := do(t, "POST", base+"/api/call/web.Greeter.Hello", `["later", 1]`, tok); code != 503 || kind(body) != "busy" {
		t.Errorf("busy: %d %s", code, body)
	}
}

// Half a UTF-16 surrogate pair in a call's arguments is refused with where it is,
// instead of reaching the method as U+FFFD; a whole pair is a character.
// While held, the server serves the page and its files, and API calls wait: they
// are answered once the bindings are ready, or with the error that kept them from
// being ready.
func TestHoldCallsUntilReady(t *testing.T) {
	var ready func(error)
	s, base := startWith(t, func(s *Server) { ready = s.Hold() })
	if code, body := do(t, "GET", base+"/", "", nil); code != 200 || !strings.Contains(body, "dealmodel-bridge.js") {
		t.Fatalf("the page while held: %d %s", code, body)
	}
	if code, _ := do(t, "GET", base+"/assets/app.js", "", nil); code != 200 {
		t.Fatalf("a file while held: %d", code)
	}
	answered := make(chan string, 1)
	go func() {
		req, _ := http.NewRequest("POST", base+"/api/call/web.Greeter.Hello", strings.NewReader(`["Ada", 1]`))
		req.Header.Set(TokenHeader, s.Token())
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- err.Error()
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		answered <- fmt.Sprint(res.StatusCode, " ", string(b))
	}()
	select {
	case got := <-answered:
		t.Fatalf("a call was answered while held: %s", got)
	case <-time.After(200 * time.Millisecond):
	}
	ready(nil)
	select {
	case got := <-answered:
		if got != `200 {"result":{"text":"hello Ada","count":1}}`+"\n" {
			t.Fatalf("the held call: %s", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the held call was not answered once ready")
	}
}

func TestHoldAnswersWhatKeptItFromReady(t *testing.T) {
	s, base := startWith(t, func(s *Server) {
		ready := s.Hold()
		ready(fault.New(fault.Busy, "another Dealmodel holds the database: close it and try again"))
		ready(nil) // only the first counts
	})
	code, body := do(t, "POST", base+"/api/call/web.Greeter.Hello", `["Ada", 1]`, map[string]string{TokenHeader: s.Token()})
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "another Dealmodel holds the database") || !strings.Contains(body, `"kind":"busy"`) {
		t.Fatalf("%d %s", code, body)
	}
}

func TestCallRefusesLoneSurrogates(t *testing.T) {
	s, base := start(t)
	tok := map[string]string{TokenHeader: s.Token()}
	url := base + "/api/call/web.Greeter.Hello"
	code, body := do(t, "POST", url, "[\"Ada \\ud800\", 1]", tok)
	if code != http.StatusBadRequest || !strings.Contains(body, `the arguments of web.Greeter.Hello, line 1, column 7: \\ud800 is half of a UTF-16 surrogate pair without its other half`) {
		t.Fatalf("%d %s", code, body)
	}
	code, body = do(t, "POST", url, "[\n  \"é \\udc00\",\n  1]", tok)
	if code != http.StatusBadRequest || !strings.Contains(body, `line 2, column 6: \\udc00 is half`) {
		t.Fatalf("%d %s", code, body)
	}
	code, body = do(t, "POST", url, "[\"Ada \\ud83d\\ude80 \\\\ud800\", 1]", tok)
	if code != 200 || !strings.Contains(body, `"hello Ada 🚀 \\ud800"`) {
		t.Fatalf("%d %s", code, body)
	}
}

// Replaying an API call without the token, with a foreign Host or a foreign Origin
// is refused.
func TestAPIRefusesForeignRequests(t *testing.T) {
	s, base := start(t)
	url := base + "/api/call/web.Greeter.Hello"
	body := `["Ada", 1]`
	cases := map[string]map[string]string{
		"no token":        {},
		"wrong token":     {TokenHeader: strings.Repeat("0", 64)},
		"foreign host":    {TokenHeader: s.Token(), "Host": "evil.example:80"},
		"rebinding host":  {TokenHeader: s.Token(), "Host": "attacker.test:" + strings.Split(base, ":")[2]},
		"foreign origin":  {TokenHeader: s.Token(), "Origin": "http://evil.example"},
		"null origin":     {TokenHeader: s.Token(), "Origin": "null"},
		"cross-site call": {TokenHeader: s.Token(), "Sec-Fetch-Site": "cross-site"},
	}
	for name, h := range cases {
		if code, _ := do(t, "POST", url, body, h); code < 400 || code > 499 {
			t.Errorf("%s: status %d, want 4xx", name, code)
		}
	}
	// The same call with the token, from the page's own origin, is served.
	if code, _ := do(t, "POST", url, body, map[string]string{TokenHeader: s.Token(), "Origin": base}); code != 200 {
		t.Fatalf("same-origin call refused: %d", code)
	}
	// localhost names the loopback address too.
	port := strings.Split(base, ":")[2]
	if code, _ := do(t, "POST", url, body, map[string]string{TokenHeader: s.Token(), "Host": "localhost:" + port}); code != 200 {
		t.Fatalf("localhost refused: %d", code)
	}
	// Preflight requests get no CORS answer.
	if code, _ := do(t, "OPTIONS", url, "", map[string]string{"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"}); code != 403 {
		t.Errorf("preflight: %d", code)
	}
}

func TestServesPageWithBridge(t *testing.T) {
	_, base := start(t)
	code, page := do(t, "GET", base+"/?token=x", "", nil)
	if code != 200 || !strings.Contains(page, `<head><script src="/dealmodel-bridge.js"></script><title>`) {
		t.Fatalf("%d %s", code, page)
	}
	code, js := do(t, "GET", base+"/dealmodel-bridge.js", "", nil)
	if code != 200 || !strings.Contains(js, `["web.Greeter.Boom","web.Greeter.Hello","web.Greeter.Ping"]`) || strings.Contains(js, "%METHODS%") {
		t.Fatalf("bridge: %d %s", code, js)
	}
	if !strings.Contains(js, "[].forEach") || strings.Contains(js, "%EARLY%") {
		t.Fatalf("bridge without early calls: %s", js)
	}
	if code, body := do(t, "GET", base+"/assets/app.js", "", nil); code != 200 || body != "console.log('app')" {
		t.Fatalf("asset: %d %s", code, body)
	}
	if code, _ := do(t, "GET", base+"/", "", map[string]string{"Host": "evil.example"}); code != 403 {
		t.Fatalf("page served to a foreign host: %d", code)
	}
	if code, _ := do(t, "POST", base+"/index.html", "", nil); code != 405 {
		t.Fatalf("POST to a file: %d", code)
	}
}

// The bridge makes the early calls as it loads; only bound methods without
// arguments can be early.
func TestEarlyCalls(t *testing.T) {
	_, base := startWith(t, func(s *Server) {
		if err := s.Early("web.Greeter.Ping"); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"web.Greeter.Hello", "web.Greeter.Nothing", "Ping"} {
			if err := s.Early(bad); err == nil {
				t.Errorf("Early(%q) accepted", bad)
			}
		}
	})
	code, js := do(t, "GET", base+"/dealmodel-bridge.js", "", nil)
	if code != 200 || !strings.Contains(js, `["web.Greeter.Ping"].forEach`) {
		t.Fatalf("bridge: %d %s", code, js)
	}
}

func TestEventsReachThePage(t *testing.T) {
	s, base := start(t)
	res, err := http.Get(base + "/api/events?token=" + s.Token())
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	if line, _ := r.ReadString('\n'); !strings.HasPrefix(line, ": connected") {
		t.Fatalf("first line %q", line)
	}
	_, _ = r.ReadString('\n')
	s.Emit("progress", map[string]int{"done": 5})
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	var msg struct {
		Name string         `json:"name"`
		Data map[string]int `json:"data"`
	}
	if err := json.Unmarshal([]byte(strings.TrimPrefix(strings.TrimSpace(line), "data: ")), &msg); err != nil || msg.Name != "progress" || msg.Data["done"] != 5 {
		t.Fatalf("event %q: %v", line, err)
	}
	if code, _ := do(t, "GET", base+"/api/events", "", nil); code != 401 {
		t.Fatalf("events without the token: %d", code)
	}
}

// Without a favicon among the assets, the browser's request for one gets no content
// rather than a 404, which would show as an error in the page's console.
func TestFaviconWithoutOne(t *testing.T) {
	_, base := start(t)
	if code, body := do(t, "GET", base+"/favicon.ico", "", nil); code != http.StatusNoContent || body != "" {
		t.Fatalf("%d %q", code, body)
	}
	if code, _ := do(t, "GET", base+"/favicon.ico", "", map[string]string{"Host": "evil.example:80"}); code != http.StatusForbidden {
		t.Fatalf("foreign host: %d", code)
	}
}

func TestNoFolderListings(t *testing.T) {
	_, base := start(t)
	for _, p := range []string{"/assets/", "/assets", "/nope.js"} {
		if code, body := do(t, "GET", base+p, "", nil); code != 404 || strings.Contains(body, "app.js") {
			t.Errorf("GET %s: %d %q", p, code, body)
		}
	}
}
