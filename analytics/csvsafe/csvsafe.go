// Package csvsafe writes the CSV files of xxgk: the dashboard's downloads,
// the SQL console's, and xxgk sql --csv. A spreadsheet program (Excel, WPS,
// LibreOffice) runs a cell that starts with =, +, -, @, a tab or a carriage
// return as a formula, so a township's name or an analyst's result could
// make a supervisor's spreadsheet fetch a URL or run a command ("formula
// injection", OWASP "CSV Injection"). Every text cell such a character
// starts is written with a leading apostrophe, which the spreadsheet shows
// as text; numbers are written as they are, so -3 stays a number.
package csvsafe

import (
	"encoding/csv"
	"io"
)

// Cell is one field of a row: its text, and whether it is a number (written
// as it is) or text (escaped when a spreadsheet would run it).
type Cell struct {
	Text   string
	Number bool
}

// Text is a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Number is a number cell, written as it is.
func Number(s string) Cell { return Cell{Text: s, Number: true} }

// Escape returns s as a spreadsheet will show it as text: with a leading
// apostrophe when it starts with a character that makes a formula.
func Escape(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Options say how a file is laid out.
type Options struct {
	// BOM starts the file with a UTF-8 byte-order mark, so that Excel reads
	// it as UTF-8 (the dashboard's downloads; not xxgk sql's output, which
	// other programs read).
	BOM bool
	// CRLF ends lines with \r\n (RFC 4180, as Excel writes).
	CRLF bool
}

// Writer writes CSV rows whose cells cannot run formulas.
type Writer struct {
	w       *csv.Writer
	out     io.Writer
	bom     bool
	started bool
	rec     []string
}

// NewWriter returns a Writer to w.
func NewWriter(w io.Writer, opt Options) *Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = opt.CRLF
	return &Writer{w: cw, out: w, bom: opt.BOM}
}

// Header writes a heading line: every heading is text.
func (w *Writer) Header(names []string) error {
	cells := make([]Cell, len(names))
	for i, n := range names {
		cells[i] = Text(n)
	}
	return w.Row(cells)
}

// Row writes one line.
func (w *Writer) Row(cells []Cell) error {
	if !w.started {
		w.started = true
		if w.bom {
			if _, err := io.WriteString(w.out, "\ufeff"); err != nil {
				return err
			}
		}
	}
	if len(cells) == 1 && cells[0].Text == "" {
		// encoding/csv would write an empty line, which readers skip: a
		// one-column row holding NULL or "" would vanish.
		w.w.Flush()
		_, err := io.WriteString(w.out, `""`+w.eol())
		return err
	}
	w.rec = w.rec[:0]
	for _, c := range cells {
		if c.Number {
			w.rec = append(w.rec, c.Text)
		} else {
			w.rec = append(w.rec, Escape(c.Text))
		}
	}
	return w.w.Write(w.rec)
}

func (w *Writer) eol() string {
	if w.w.UseCRLF {
		return "\r\n"
	}
	return "\n"
}

// Flush writes what is buffered to the underlying writer and reports any
// error of this or an earlier write.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}
