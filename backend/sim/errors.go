package sim

import (
	"errors"
	"fmt"

	"dealmodel/backend/fault"
)

// Error codes: what went wrong, for callers that map errors to exit statuses
// (CLI) or HTTP statuses (serve).
const (
	EINVALID     = "invalid"     // a bad request: unknown metric or path, malformed target or option
	ENOINPUTS    = "no_inputs"   // the scenario has no uncertain inputs to simulate or swing
	EUNREACHABLE = "unreachable" // goal seek: no value in the searched range reaches the target
)

// Error is an error the caller can fix by changing the request or the scenario. Any
// other error returned by this package is a failure of the computation itself.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Message }

// Fault implements fault.Kinder: the caller can fix every Error by changing the
// request or the scenario.
func (e *Error) Fault() fault.Kind { return fault.Invalid }

func errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the Code of err when it is (or wraps) an *Error, and "" otherwise.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}
