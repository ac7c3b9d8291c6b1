// Package fault owns the kinds of failure every layer's errors carry: invalid
// input, not found, a conflict with the state, a busy database, an internal
// failure. The scenario, store, sim, files and engine errors say their kind; the
// command line maps kinds to exit statuses in one place (app/cli) and
// `dealmodel serve` to HTTP statuses in one place (app/web). It imports nothing,
// so the innermost package may use it.
package fault

import (
	"errors"
	"fmt"
)

// Kind is what kind of failure an error is.
type Kind string

const (
	Invalid  Kind = "invalid"   // bad input the user can fix: a malformed file, a bad value, an unknown name in a request
	NotFound Kind = "not_found" // no such scenario, revision or thing asked for
	Conflict Kind = "conflict"  // the request does not fit the state: a name taken, a stale save, a superseded run
	Busy     Kind = "busy"      // another process holds what is needed; try again
	Internal Kind = "internal"  // a failure the user cannot fix: a disk error, a bug
)

// Kinder is an error that says its kind.
type Kinder interface {
	Fault() Kind
}

// Of is the kind of err: that of the first error in its chain that says one,
// "" for nil, and Internal for an error that says none.
func Of(err error) Kind {
	if err == nil {
		return ""
	}
	var k Kinder
	if errors.As(err, &k) {
		return k.Fault()
	}
	return Internal
}

// Error is an error of a kind with a message for people; Err, when set, is the
// cause (for logs; Error does not repeat it).
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string { return e.Msg }

// Fault implements Kinder.
func (e *Error) Fault() Kind { return e.Kind }

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// New returns an error of the kind with the message.
func New(k Kind, msg string) error { return &Error{Kind: k, Msg: msg} }

// Errorf returns an error of the kind with a formatted message; a %w in format
// keeps its operand as the cause.
func Errorf(k Kind, format string, args ...any) error {
	err := fmt.Errorf(format, args...)
	return &Error{Kind: k, Msg: err.Error(), Err: errors.Unwrap(err)}
}

// As returns err marked with the kind, keeping its message and chain; nil for nil.
func As(k Kind, err error) error {
	if err == nil {
		return nil
	}
	return &Error{Kind: k, Msg: err.Error(), Err: err}
}

// Rejection is how a failed call of a bound method reaches the frontend: its text
// for people and its kind. The desktop window rejects the call's promise with it
// (Wails' error formatter) and `dealmodel serve` answers it as the body of the
// kind's status, so the frontend (frontend/src/lib/api.ts) reads both the same way.
type Rejection struct {
	Error string `json:"error"`
	Kind  Kind   `json:"kind"`
}

// Reject is the Rejection of err.
func Reject(err error) Rejection { return Rejection{Error: err.Error(), Kind: Of(err)} }
