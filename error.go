package parley

import (
	"errors"
	"fmt"
)

// Error codes. Each maps once to an HTTP status (in web) and once to an exit
// code (in cmd/parley).
const (
	EINVALID      = "invalid"      // the input is wrong; the message says where
	ENOTFOUND     = "not_found"    // the thing asked for does not exist (or is hidden)
	ECONFLICT     = "conflict"     // a stale write or a duplicate
	EFORBIDDEN    = "forbidden"    // the caller may not do this
	EUNAUTHORIZED = "unauthorized" // the caller is not known
	ETOOLARGE     = "too_large"    // the input is over a documented limit
	EINTERNAL     = "internal"     // anything else; the message is not shown
)

// Error is an error a user may see: Code says what kind it is, Message says
// what went wrong in words that name the field, line or point at fault.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("parley: %s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, or
// "internal error" for errors a user should not see.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
