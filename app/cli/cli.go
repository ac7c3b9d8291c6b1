// Package cli is Dealmodel's command line: run, export, simulate, scenarios, serve,
// version and the rest. Commands never touch the window system, so they work
// without a display; open starts the desktop app, a program of its own.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"dealmodel/backend/fault"
	"dealmodel/backend/files"
	"dealmodel/backend/scenario"
)

// Exit statuses.
const (
	ExitOK      = 0
	ExitFailure = 1 // anything else that went wrong
	ExitInvalid = 2 // invalid input: a malformed file, an unknown name, a bad flag
)

// usageError is invalid input to a command; it exits with ExitInvalid.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Fault implements fault.Kinder.
func (e *usageError) Fault() fault.Kind { return fault.Invalid }

func invalidf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// env is what a command may use: its output streams, and a context that long-running
// commands (serve) stop on.
type env struct {
	ctx            context.Context
	stdout, stderr io.Writer
}

type command struct {
	name, args, help string
	order            int // place in the usage text
	run              func(e *env, args []string) error
}

// registry holds the commands; each command's file registers it in init, so that
// commands are added without touching this file.
var registry []command

func register(c command) { registry = append(registry, c) }

func commands() []command {
	out := append([]command(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out
}

// Main runs the command line with args (without the program name) and returns the
// exit status. Errors go to stderr; stdout carries only the command's output.
func Main(args []string, stdout, stderr io.Writer) int {
	if delegate != nil && !handledHere(args) {
		return delegate(args, stderr)
	}
	e := &env{ctx: context.Background(), stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return ExitOK
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands() {
		if c.name == args[0] {
			err := runGuarded(c, e, args[1:])
			if delegate != nil && errors.Is(err, errNeedsFull) {
				return delegate(args, stderr)
			}
			var h *helpRequest
			if errors.As(err, &h) {
				fmt.Fprintf(stdout, "Usage: dealmodel %s %s\n  %s\n\nFlags:\n%s", c.name, c.args, c.help, h.flags)
				return ExitOK
			}
			return exitStatus(stderr, err)
		}
	}
	fmt.Fprintf(stderr, "dealmodel: unknown command %q\n\n", args[0])
	usage(stderr)
	return ExitInvalid
}

// runGuarded runs a command, turning a panic (a bug) into an internal error with
// its cause on one line, instead of a stack trace.
func runGuarded(c command, e *env, args []string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error (a bug; please report it with the command you ran): %v", v)
		}
	}()
	return c.run(e, args)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Dealmodel models large technology deals: revenue shares with caps, compute commitments, stakes.")
	fmt.Fprintln(w, "\nUsage:\n  dealmodel\n      open the desktop app when there is a display; otherwise print this help")
	for _, c := range commands() {
		fmt.Fprintf(w, "  dealmodel %s %s\n      %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintln(w, "\nExit status: 0 success, 2 invalid input, 1 any other failure.")
}

// exitStatus prints err, if any, and maps it to an exit status by its kind
// (backend/fault): the one place where errors become statuses. Input the user can
// fix (invalid, not found, conflict) exits ExitInvalid; a busy database or an
// internal failure exits ExitFailure.
func exitStatus(stderr io.Writer, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	var el *scenario.ErrorList
	var ue *usageError
	var fr *files.Refused
	switch {
	case storeMessage(stderr, err): // the full build's store errors: their message
	case errors.As(err, &fr):
		fmt.Fprintln(stderr, "dealmodel:", err)
	case errors.As(err, &el):
		fmt.Fprintln(stderr, el.Error()) // positioned lines: file:line:col: what
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "dealmodel:", ue.msg)
	default:
		fmt.Fprintln(stderr, "dealmodel:", err)
	}
	return exitOf(fault.Of(err))
}

// exitOf is the exit status of a kind of failure.
func exitOf(k fault.Kind) int {
	switch k {
	case "":
		return ExitOK
	case fault.Invalid, fault.NotFound, fault.Conflict:
		return ExitInvalid
	}
	return ExitFailure
}

// The lean build of the command line (built with the tag lean: make cli installs it
// as dealmodel) holds only what `dealmodel run` on a built-in or a file needs,
// version and open, so that it starts at once: no SQLite, PDF, charts or web
// server are linked or initialised. Anything else it hands to the full command
// line (dealmodel-full) with the same arguments: delegate is set only there.
var delegate func(args []string, stderr io.Writer) int

// errNeedsFull is what a command of the lean build returns for what only the full
// command line does (a stored scenario); Main then delegates.
var errNeedsFull = errors.New("this needs the full command line")

// handledHere reports whether this build runs the command itself.
func handledHere(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if args[0] == "--version" || args[0] == "-version" {
		return true
	}
	for _, c := range registry {
		if c.name == args[0] {
			return true
		}
	}
	return false
}

// helpRequest is -h or --help given to a command: Main prints its usage.
type helpRequest struct{ flags string }

func (h *helpRequest) Error() string { return "help requested" }

// parseFlags parses flags that may stand before, between or after the positional
// arguments, and returns the positionals.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				var b strings.Builder
				fs.SetOutput(&b)
				fs.PrintDefaults()
				return nil, &helpRequest{flags: b.String()}
			}
			return nil, invalidf("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// oneOf checks a flag's value against its valid choices.
func oneOf(flagName, v string, valid ...string) error {
	for _, x := range valid {
		if v == x {
			return nil
		}
	}
	return invalidf("--%s %q is not valid: use %s", flagName, v, strings.Join(valid, " or "))
}
