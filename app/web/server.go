// Package web serves the desktop app's frontend and bound services over HTTP, for the
// browser mode (`dealmodel serve`). The frontend does not know which mode it runs in:
// a small bridge script defines the same window.go.<package>.<Type>.<Method>
// functions that Wails generates, and they call the server.
//
// The server is built for one user on one machine: it listens on loopback unless
// told otherwise, requires a random per-launch token on every API call, refuses
// requests whose Host is not the bound address (DNS rebinding) or whose Origin is
// foreign, and sends no CORS headers.
package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"net/http"
	"path"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"dealmodel/backend/fault"
	"dealmodel/backend/scenario"
)

// TokenHeader carries the per-launch token on API calls.
const TokenHeader = "X-Dealmodel-Token"

// maxBody bounds a call's arguments: a scenario file is far smaller.
const maxBody = 16 << 20

// Server is the browser mode's HTTP handler.
type Server struct {
	assets  fs.FS
	token   string
	methods map[string]reflect.Value // "app.Service.Compute" -> bound method
	early   []string                 // methods the bridge calls as soon as it loads
	hosts   map[string]bool          // Host header values accepted
	events  *hub
	// ready, while not nil, holds API calls until it is closed (see Hold);
	// readyErr is then what they answer when the bindings could not be made ready.
	ready    chan struct{}
	readyErr error
	// Logger receives internal errors; nil: the standard logger.
	Logger *log.Logger
}

// New returns a server for the frontend's built assets (holding index.html) and the
// exported methods of each binding (pointers to structs), named as Wails names them.
func New(assets fs.FS, bindings ...any) (*Server, error) {
	tok := make([]byte, 32)
	if _, err := rand.Read(tok); err != nil {
		return nil, err
	}
	s := &Server{assets: assets, token: hex.EncodeToString(tok), methods: map[string]reflect.Value{}, hosts: map[string]bool{}, events: newHub()}
	for _, b := range bindings {
		v := reflect.ValueOf(b)
		t := v.Type()
		if t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
			return nil, fmt.Errorf("web: binding %T is not a pointer to a struct", b)
		}
		prefix := path.Base(t.Elem().PkgPath()) + "." + t.Elem().Name() + "."
		for i := 0; i < t.NumMethod(); i++ {
			s.methods[prefix+t.Method(i).Name] = v.Method(i)
		}
	}
	return s, nil
}

// Hold makes API calls wait until ready is called, so that the server can listen
// and serve the page while the bindings are still being made ready (the database
// opened): the page loads meanwhile, and its first call waits only for what is
// left. ready(nil) lets the calls through; ready(err) answers each with err, as a
// failed call. Call Hold before serving, and ready once.
func (s *Server) Hold() (ready func(error)) {
	ch := make(chan struct{})
	s.ready = ch
	var once sync.Once
	return func(err error) {
		once.Do(func() {
			s.readyErr = err
			close(ch)
		})
	}
}

// wait holds a call until the bindings are ready (see Hold), or its request is
// given up; it returns what the call must answer instead, if anything.
func (s *Server) wait(r *http.Request) error {
	if s.ready == nil {
		return nil
	}
	select {
	case <-s.ready:
		return s.readyErr
	case <-r.Context().Done():
		return r.Context().Err()
	}
}

// Early names bound methods without arguments that the page calls first: the
// bridge calls them as soon as it loads, before the page's own scripts have
// loaded and run, and hands each answer to the page's first call of that method.
// Names that are not bound methods without arguments are refused.
func (s *Server) Early(names ...string) error {
	for _, n := range names {
		m, ok := s.methods[n]
		if !ok || m.Type().NumIn() != 0 {
			return fmt.Errorf("web: %q is not a bound method without arguments", n)
		}
	}
	s.early = append(s.early, names...)
	return nil
}

// Token is the per-launch secret that API calls must carry.
func (s *Server) Token() string { return s.token }

// Methods lists the bound method names, for tests and diagnostics.
func (s *Server) Methods() []string {
	out := make([]string, 0, len(s.methods))
	for k := range s.methods {
		out = append(out, k)
	}
	return out
}

// Bind sets the address the server answers for, once its listener is open: requests
// must name it in Host. A loopback address may also be named as localhost.
func (s *Server) Bind(addr net.Addr) {
	host := addr.String()
	s.hosts[host] = true
	if tcp, ok := addr.(*net.TCPAddr); ok && tcp.IP.IsLoopback() {
		s.hosts[fmt.Sprintf("localhost:%d", tcp.Port)] = true
	}
}

// URL is the address to open, with the token.
func (s *Server) URL(addr net.Addr) string {
	return fmt.Sprintf("http://%s/?token=%s", addr.String(), s.token)
}

func (s *Server) logf(format string, args ...any) {
	if s.Logger != nil {
		s.Logger.Printf(format, args...)
		return
	}
	log.Printf(format, args...)
}

// ServeHTTP checks every request's Host and Origin, then serves the API (with the
// token) or the frontend's files.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if !s.hosts[r.Host] {
		http.Error(w, "forbidden: unknown host", http.StatusForbidden)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
		http.Error(w, "forbidden: foreign origin", http.StatusForbidden)
		return
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		http.Error(w, "forbidden: cross-site request", http.StatusForbidden)
		return
	}
	switch {
	case strings.HasPrefix(r.URL.Path, "/api/"):
		if !s.authorized(r) {
			http.Error(w, "unauthorized: this call needs the token printed when the server started", http.StatusUnauthorized)
			return
		}
		s.api(w, r)
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	case r.URL.Path == "/dealmodel-bridge.js":
		h.Set("Content-Type", "text/javascript; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		_, _ = io.WriteString(w, s.bridge())
	case r.URL.Path == "/" || r.URL.Path == "/index.html":
		s.index(w)
	case r.URL.Path == "/favicon.ico" && !s.hasAsset("favicon.ico"):
		// Browsers ask for it whatever the page says; without one, a 404 would
		// show as an error in the page's console, where real errors must stand out.
		w.WriteHeader(http.StatusNoContent)
	default:
		// Files only: a folder would be listed.
		if st, err := fs.Stat(s.assets, strings.TrimPrefix(path.Clean(r.URL.Path), "/")); err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		http.FileServerFS(s.assets).ServeHTTP(w, r)
	}
}

func (s *Server) hasAsset(name string) bool {
	_, err := fs.Stat(s.assets, name)
	return err == nil
}

// bridge is the bridge script with the bound method names filled in.
func (s *Server) bridge() string {
	names := s.Methods()
	sort.Strings(names)
	list, _ := json.Marshal(names)
	early, _ := json.Marshal(append([]string{}, s.early...))
	return strings.NewReplacer("%METHODS%", string(list), "%EARLY%", string(early)).Replace(bridgeJS)
}

func (s *Server) authorized(r *http.Request) bool {
	got := r.Header.Get(TokenHeader)
	if got == "" && r.URL.Path == "/api/events" {
		got = r.URL.Query().Get("token") // EventSource cannot set headers
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) == 1
}

// index serves index.html with the bridge loaded before the app's own scripts.
func (s *Server) index(w http.ResponseWriter) {
	page, err := fs.ReadFile(s.assets, "index.html")
	if err != nil {
		s.logf("index.html: %v", err)
		http.Error(w, "the frontend is not built: run make build", http.StatusInternalServerError)
		return
	}
	tag := []byte(`<script src="/dealmodel-bridge.js"></script>`)
	if i := bytes.Index(page, []byte("<head>")); i >= 0 {
		page = append(page[:i+6:i+6], append(tag, page[i+6:]...)...)
	} else {
		page = append(tag, page...)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	_, _ = w.Write(page)
}

// position is the 1-based line and column (in characters) of a byte offset.
func position(data []byte, off int) (line, col int) {
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return bytes.Count(data[:off], []byte("\n")) + 1, utf8.RuneCount(data[start:off]) + 1
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// httpStatus is the HTTP status of a kind of failure (backend/fault): the one
// place where the service's errors become statuses.
func httpStatus(k fault.Kind) int {
	switch k {
	case fault.Invalid:
		return http.StatusBadRequest
	case fault.NotFound:
		return http.StatusNotFound
	case fault.Conflict:
		return http.StatusConflict
	case fault.Busy:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api/events" {
		s.events.serve(w, r)
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, "/api/call/")
	if !ok || r.Method != http.MethodPost {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	m, ok := s.methods[name]
	if !ok {
		writeJSON(w, http.StatusNotFound, fault.Rejection{Error: fmt.Sprintf("no method %q", name), Kind: fault.NotFound})
		return
	}
	if err := s.wait(r); err != nil {
		writeJSON(w, httpStatus(fault.Of(err)), fault.Reject(err))
		return
	}
	var raw []json.RawMessage
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, fault.Rejection{Error: "the arguments could not be read: " + err.Error(), Kind: fault.Invalid})
		return
	}
	// encoding/json would quietly turn half a surrogate pair into U+FFFD.
	if off, esc, found := scenario.LoneSurrogate(body); found {
		line, col := position(body, off)
		writeJSON(w, http.StatusBadRequest, fault.Rejection{Error: fmt.Sprintf("the arguments of %s, line %d, column %d: %s", name, line, col, scenario.SurrogateMessage(esc)), Kind: fault.Invalid})
		return
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&raw); err != nil {
		writeJSON(w, http.StatusBadRequest, fault.Rejection{Error: "the arguments must be a JSON array: " + err.Error(), Kind: fault.Invalid})
		return
	}
	if dec.More() {
		writeJSON(w, http.StatusBadRequest, fault.Rejection{Error: "the arguments must be one JSON array, with nothing after it", Kind: fault.Invalid})
		return
	}
	t := m.Type()
	if len(raw) != t.NumIn() {
		writeJSON(w, http.StatusBadRequest, fault.Rejection{Error: fmt.Sprintf("%s takes %d arguments, got %d", name, t.NumIn(), len(raw)), Kind: fault.Invalid})
		return
	}
	args := make([]reflect.Value, len(raw))
	for i, a := range raw {
		p := reflect.New(t.In(i))
		if err := json.Unmarshal(a, p.Interface()); err != nil {
			writeJSON(w, http.StatusBadRequest, fault.Rejection{Error: fmt.Sprintf("%s argument %d: %v", name, i+1, err), Kind: fault.Invalid})
			return
		}
		args[i] = p.Elem()
	}
	out, err := s.call(m, args)
	if err != nil {
		// As in the desktop window, the promise rejects with the error's text (the
		// service words it for people: internal details go to its log) and kind;
		// the status says the kind too.
		writeJSON(w, httpStatus(fault.Of(err)), fault.Reject(err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": out})
}

// call invokes a bound method the way Wails does: results are (value, error),
// (value), (error) or nothing.
func (s *Server) call(m reflect.Value, args []reflect.Value) (result any, err error) {
	defer func() {
		if v := recover(); v != nil {
			s.logf("panic in a bound method: %v", v)
			result, err = nil, errors.New("internal error: the details are in the log")
		}
	}()
	res := m.Call(args)
	if n := len(res); n > 0 && res[n-1].Type().Implements(errorType) {
		if e := res[n-1]; !e.IsNil() {
			return nil, e.Interface().(error)
		}
		res = res[:n-1]
	}
	if len(res) == 0 {
		return nil, nil
	}
	return res[0].Interface(), nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Emit sends an event to every open page, as the desktop window's runtime does.
func (s *Server) Emit(name string, data any) { s.events.emit(name, data) }

// hub fans events out to the pages listening on /api/events (server-sent events).
type hub struct {
	mu    sync.Mutex
	conns map[chan []byte]bool
	done  chan struct{}
	once  sync.Once
}

func newHub() *hub { return &hub{conns: map[chan []byte]bool{}, done: make(chan struct{})} }

func (h *hub) close() { h.once.Do(func() { close(h.done) }) }

func (h *hub) emit(name string, data any) {
	msg, err := json.Marshal(map[string]any{"name": name, "data": data})
	if err != nil {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.conns {
		select {
		case c <- msg:
		default: // a slow page misses an event rather than stalling the app
		}
	}
}

func (h *hub) serve(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c := make(chan []byte, 64)
	h.mu.Lock()
	h.conns[c] = true
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.conns, c)
		h.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, ": connected\n\n")
	fl.Flush()
	ctx := r.Context()
	for {
		select {
		case <-ctx.Done():
			return
		case <-h.done:
			return
		case msg := <-c:
			if _, err := fmt.Fprintf(w, "data: %s\n\n", msg); err != nil {
				return
			}
			fl.Flush()
		}
	}
}

// Serve runs the server on the listener until ctx is done, then shuts down cleanly,
// letting calls under way finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	// No WriteTimeout: event streams stay open for as long as the page does.
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, IdleTimeout: 2 * time.Minute}
	if s, ok := h.(*Server); ok {
		srv.RegisterOnShutdown(s.events.close) // end event streams, which never end on their own
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}
