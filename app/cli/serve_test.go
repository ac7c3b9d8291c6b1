package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
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
	if res.StatusCode != 200 || !strings.Contains(string(body), `"stem":"briefing"`) {
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
	for _, args := range [][]string{{"extra"}, {"--addr", "not-an-address"}, {"--bogus"}} {
		code, out, errs := cli(t, append([]string{"serve"}, args...)...)
		if code != ExitInvalid || out != "" || errs == "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}
