package extract

import (
	"errors"
	"fmt"
)

// Sentinel errors, one per kind of failure, for errors.Is. An *Error wraps one
// of them (and, where there is one, the underlying cause).
var (
	ErrEmpty       = errors.New("empty file")
	ErrBinary      = errors.New("binary data, not a report")
	ErrTooLarge    = errors.New("file too large")
	ErrEncrypted   = errors.New("encrypted document")
	ErrImageOnly   = errors.New("no text layer")
	ErrNoPDFTool   = errors.New("pdftotext not found")
	ErrUnsupported = errors.New("unsupported form")
	// ErrMalformed is a file in a form we read (DOCX, PDF) that is damaged:
	// a broken zip, bad XML, a PDF that pdftotext rejects.
	ErrMalformed = errors.New("malformed file")
)

// Error is a failure to read one file: which file, what is wrong with it, and
// what the person who supplied it can do about it.
type Error struct {
	File   string // the name given to Read, or the path given to ReadFile
	Reason string // what is wrong, e.g. "encrypted PDF"
	Hint   string // what to do, e.g. "remove the password and try again"; may be ""
	Err    error  // a sentinel above, possibly joined with the cause
}

// Error formats the failure as "FILE: REASON (HINT)".
func (e *Error) Error() string {
	s := e.Reason
	if e.File != "" {
		s = e.File + ": " + s
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// Unwrap returns the sentinel (and cause) so that errors.Is and errors.As see
// through an *Error.
func (e *Error) Unwrap() error { return e.Err }

// fail builds an *Error of one kind; Read fills in the file name.
func fail(kind error, reason, hint string) *Error {
	return &Error{Reason: reason, Hint: hint, Err: kind}
}

// failCause is fail with an underlying error kept for errors.As and logs.
func failCause(kind, cause error, reason, hint string) *Error {
	return &Error{Reason: reason, Hint: hint, Err: errors.Join(kind, cause)}
}

// humanSize prints a byte count the way a person states a file size.
func humanSize(n int64) string {
	const kb, mb = 1 << 10, 1 << 20
	switch {
	case n >= mb:
		v := float64(n) / mb
		if v == float64(int64(v)) || v >= 10 {
			return fmt.Sprintf("%.0f MB", v)
		}
		return fmt.Sprintf("%.1f MB", v)
	case n >= kb:
		return fmt.Sprintf("%d KB", n/kb)
	case n == 1:
		return "1 byte"
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}
