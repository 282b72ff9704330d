package extract

import (
	"errors"
	"fmt"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// para is a paragraph line; row a table line; cells a line split on runs of
// spaces.
func para(s string) Line          { return Line{Cells: []string{s}} }
func row(cells ...string) Line    { return Line{Cells: cells, Table: true} }
func spaced(cells ...string) Line { return Line{Cells: cells} }
func linesOf(ls ...Line) []Line   { return ls }
func gb18030(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode GB18030: %v", err)
	}
	return b
}

// mustRead reads data and fails the test on error.
func mustRead(t testing.TB, name string, data []byte) *Document {
	t.Helper()
	doc, err := Read(name, data)
	if err != nil {
		t.Fatalf("Read(%q): %v", name, err)
	}
	return doc
}

// assertLines compares lines' cells and kinds exactly and prints both sides
// readably; the columns of space-split cells are checked by TestSpaceCells.
func assertLines(t testing.TB, got, want []Line) {
	t.Helper()
	got = append([]Line(nil), got...)
	for i := range got {
		got[i].Columns = nil
	}
	if reflect.DeepEqual(got, want) {
		return
	}
	t.Errorf("lines differ\n got:\n%s\nwant:\n%s", dumpLines(got), dumpLines(want))
}

func dumpLines(ls []Line) string {
	var b strings.Builder
	for _, l := range ls {
		kind := "-"
		if l.Table {
			kind = "T"
		}
		fmt.Fprintf(&b, "  %s %q\n", kind, l.Cells)
	}
	return b.String()
}

// assertErr checks that err is an *Error of the given kind whose message
// holds every fragment.
func assertErr(t testing.TB, err, kind error, fragments ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %v", kind)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %T %q is not an *Error", err, err)
	}
	if !errors.Is(err, kind) {
		t.Errorf("error %q is not %v", err, kind)
	}
	for _, f := range fragments {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error %q lacks %q", err, f)
		}
	}
}

// needPDFToText skips a test when poppler-utils is not installed.
func needPDFToText(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
}
