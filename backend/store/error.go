package store

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"

	"dealmodel/backend/fault"
	sqlite3 "modernc.org/sqlite/lib"
)

// Error codes: the kinds of backend/fault. Callers map them to exit statuses
// (CLI) and HTTP statuses (serve) in one place each.
const (
	ECONFLICT = fault.Conflict // the name is taken, or the action does not fit the state (e.g. Purge of a live scenario)
	EINTERNAL = fault.Internal // a failure the user cannot fix: a disk error, a bug
	EINVALID  = fault.Invalid  // bad input: an empty name, a negative revision, an unreadable backup
	ENOTFOUND = fault.NotFound // no such scenario or revision (a scenario in the trash counts as not found)
	EBUSY     = fault.Busy     // another process held the database for longer than the busy timeout
)

// Error is the error type of the store: a machine-readable Code and a Message
// for people. Err, when set, is the underlying cause, for logs only.
type Error struct {
	Code    fault.Kind
	Message string
	Err     error
}

// Fault implements fault.Kinder.
func (e *Error) Fault() fault.Kind { return e.Code }

// Error returns the message, followed by the cause when there is one.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code fault.Kind, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err: its Code when it is (or wraps) an *Error,
// "" for nil, and EINTERNAL for any other error.
func ErrorCode(err error) fault.Kind {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message to show people: the Message of an *Error
// that is not internal, and "Internal error." for everything else (whose
// detail belongs in a log).
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e) && e.Code != EINTERNAL:
		return e.Message
	}
	return "Internal error."
}

// busyMessage is shown when another process keeps the database locked.
const busyMessage = "The database is busy: another Dealmodel window or command is writing to it. Try again in a moment."

// wrap turns an error from database/sql or the driver into an *Error: a busy
// database becomes EBUSY, an *Error is kept as it is, anything else becomes
// EINTERNAL with what as its message.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return err
	}
	if isBusy(err) {
		return &Error{Code: EBUSY, Message: busyMessage, Err: err}
	}
	return &Error{Code: EINTERNAL, Message: what, Err: err}
}

// sqliteCode returns the primary SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

func isBusy(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// isDamage reports whether err says the file is not a readable SQLite
// database.
func isDamage(err error) bool {
	c := sqliteCode(err)
	return c == sqlite3.SQLITE_NOTADB || c == sqlite3.SQLITE_CORRUPT
}
