//go:build !lean

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"dealmodel/app"
	"dealmodel/app/web"
)

// Frontend is the built frontend (the folder holding index.html) that serve
// publishes; the program's main package sets it from its embedded files.
var Frontend fs.FS

func init() {
	register(command{
		name: "serve", order: 90, run: serveCmd,
		args: "[--addr 127.0.0.1:0] [--open] [--db PATH]",
		help: "serve the app to a browser on this machine; prints the address to open",
	})
}

func serveCmd(e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on (loopback unless you mean otherwise)")
	open := fs.Bool("open", false, "open the address in the default browser")
	db := dbFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return invalidf("serve takes no arguments (found %q)", pos[0])
	}
	if Frontend == nil {
		return errors.New("this build has no frontend to serve: build it with make build")
	}
	app.LimitMemory()
	if host, _, err := net.SplitHostPort(*addr); err == nil {
		if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
			// Requests must name the bound address in Host (against DNS rebinding),
			// which a wildcard address is not.
			return invalidf("--addr %s listens on every address, which requests cannot name: give the one address browsers will use, such as 127.0.0.1:8080 or this machine's LAN address", *addr)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return invalidf("cannot listen on %s: %v", *addr, err)
	}
	// The page is served, and its address printed, while the library opens (and
	// seeds the built-ins on a first start): the browser loads the page meanwhile,
	// and the API calls wait until the library is open.
	svc, attach := app.NewServiceLater()
	srv, err := web.New(Frontend, svc)
	if err != nil {
		ln.Close()
		return err
	}
	svc.Platform = browserPlatform{srv}
	srv.Bind(ln.Addr())
	// The page's first call, made by the bridge while the page's scripts load.
	if err := srv.Early("app.Service.FirstScreen"); err != nil {
		ln.Close()
		return err
	}
	ready := srv.Hold()
	ctx, stop := signal.NotifyContext(e.ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	serving, cancel := context.WithCancel(ctx)
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- web.Serve(serving, ln, srv) }()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(e.stderr, "warning: serving on %s, which is not a loopback address: anyone who can reach it and has the address below can read and change your scenarios\n", ln.Addr())
	}
	url := srv.URL(ln.Addr())
	fmt.Fprintln(e.stdout, url)

	lib, err := openLibrary(e, *db)
	if err != nil {
		ready(err)
		cancel()
		<-served
		return err
	}
	defer lib.Close()
	attach(lib)
	// Before the calls held meanwhile go on: the page's first call takes it. The
	// library is closed (deferred above) only once it is done.
	defer app.PrepareFirstScreen(svc)()
	ready(nil)
	fmt.Fprintln(e.stderr, "Dealmodel is serving at the address above. Press Ctrl+C to stop.")
	if *open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(e.stderr, "could not open a browser (%v): open the address yourself\n", err)
		}
	}
	err = <-served
	fmt.Fprintln(e.stderr, "Dealmodel stopped.")
	return err
}

// browserPlatform is the service's window system in the browser mode.
type browserPlatform struct{ srv *web.Server }

func (p browserPlatform) Emit(name string, data any) { p.srv.Emit(name, data) }

func (p browserPlatform) OpenURL(url string) error { return openBrowser(url) }

// OpenFileDialog returns app.ErrNoDialogs: a page cannot hand the server a path on
// the user's disk, so the service takes the file's bytes from the page instead.
func (p browserPlatform) OpenFileDialog(string, []app.FileFilter) (string, error) {
	return "", app.ErrNoDialogs
}

// SaveFileDialog returns app.ErrNoDialogs: the service hands the bytes to the page,
// which downloads them.
func (p browserPlatform) SaveFileDialog(string, string, []app.FileFilter) (string, error) {
	return "", app.ErrNoDialogs
}

// openBrowser opens a link with the desktop's default handler.
func openBrowser(url string) error {
	for _, cmd := range []string{"xdg-open", "sensible-browser", "open"} {
		if path, err := exec.LookPath(cmd); err == nil {
			c := exec.Command(path, url)
			c.Stdout, c.Stderr = nil, nil
			return c.Start()
		}
	}
	return errors.New("no xdg-open or sensible-browser on this machine")
}

var _ app.Platform = browserPlatform{}
