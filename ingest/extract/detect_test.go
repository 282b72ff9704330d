package extract

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ole is an Office 97-2003 container whose directory names one stream.
func ole(stream string) []byte {
	data := append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...)
	return append(data, utf16le(stream)...)
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name      string
		data      []byte
		kind      error
		fragments []string
	}{
		{"zero bytes", nil, ErrEmpty, []string{"f: empty file"}},
		{"white space only", []byte(" \r\n\t\u3000\n"), ErrEmpty, []string{"f: empty file"}},
		{"BOM only", []byte("\xEF\xBB\xBF\n"), ErrEmpty, []string{"empty file"}},
		{"NUL bytes", []byte("报告\x00\x00\x01\x02"), ErrBinary, []string{"f: binary data, not a report"}},
		{"control characters", bytes.Repeat([]byte("a\x01\x02\x03\x04\x05"), 20), ErrBinary, []string{"binary data"}},
		{"Word 97-2003", ole("WordDocument"), ErrUnsupported, []string{"f: Word 97-2003 .doc (save it as .docx)"}},
		{"Excel 97-2003", ole("Workbook"), ErrUnsupported, []string{"Excel 97-2003 .xls"}},
		{"encrypted Office file", ole("EncryptedPackage"), ErrEncrypted, []string{"password-protected Office document"}},
		{"RTF", []byte(`{\rtf1\ansi 报告}`), ErrUnsupported, []string{"RTF document (save it as .docx or PDF)"}},
		{"PNG scan", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrImageOnly, []string{"f: PNG image, no text layer (run OCR first)"}},
		{"JPEG scan", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"), ErrImageOnly, []string{"JPEG image"}},
		{"empty zip", []byte("PK\x05\x06" + strings.Repeat("\x00", 18)), ErrUnsupported, []string{"empty zip archive"}},
		{"HTML without text", []byte(`<html><head><title>t</title></head><body><script>x()</script></body></html>`), ErrEmpty, []string{"web page without text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Read("f", tt.data)
			if doc != nil {
				t.Errorf("got a document with an error")
			}
			assertErr(t, err, tt.kind, tt.fragments...)
		})
	}
}

// TestDetectByContent checks that the content decides, whatever the name.
func TestDetectByContent(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want Format
	}{
		{"report.doc", []byte("<html><body><p>Word 导出的网页</p></body></html>"), FormatHTML},
		{"report.txt", []byte("  \r\n<!DOCTYPE html>\n<p>x</p>"), FormatHTML},
		{"report.html", []byte("规章\t0\t0\t0"), FormatText},
		{"report.pdf", docxPackage(t, wp("正文"), ""), FormatDOCX},
		{"notes.txt", []byte("正文提到 <p> 标签一次"), FormatText},
		{"fragment", []byte("<p>一</p><table><tr><td>1</td></tr></table>"), FormatHTML},
		{"markdown with HTML tables", []byte("# 报告\n\n" + strings.Repeat("一段正文。", 1000) + "\n\n<table><tr><td>规章</td><td>0</td></tr></table>\n"), FormatHTML},
		{"text naming a table tag", []byte("正文提到 <table> 和 <td> 标签"), FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := mustRead(t, tt.name, tt.data).Format; got != tt.want {
				t.Errorf("format %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.txt")
	if err := os.WriteFile(path, []byte("规章\t0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	assertLines(t, doc.Lines, linesOf(row("规章", "0")))

	_, err = readFile(path, 4)
	assertErr(t, err, ErrTooLarge, path+": file is 9 bytes, over the 4 bytes limit")

	missing := filepath.Join(dir, "missing.pdf")
	_, err = ReadFile(missing)
	var e *Error
	if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &e) || err.Error() != missing+": cannot read file: no such file or directory" {
		t.Errorf("missing file: %v, want an *Error wrapping fs.ErrNotExist", err)
	}

	_, err = ReadFile(dir)
	if err == nil || err.Error() != dir+": cannot read file: is a directory" {
		t.Errorf("directory: %v", err)
	}

	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	_, err = ReadFile(empty)
	assertErr(t, err, ErrEmpty, empty+": empty file")
}

func TestHumanSize(t *testing.T) {
	tests := []struct {
		n    int64
		want string
	}{
		{1, "1 byte"}, {900, "900 bytes"}, {2048, "2 KB"}, {50 << 20, "50 MB"},
		{80 << 20, "80 MB"}, {3 << 19, "1.5 MB"}, {105 << 19, "52 MB"},
	}
	for _, tt := range tests {
		if got := humanSize(tt.n); got != tt.want {
			t.Errorf("humanSize(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestErrorFormat(t *testing.T) {
	e := &Error{File: "a.pdf", Reason: "encrypted PDF", Hint: "remove the password", Err: ErrEncrypted}
	if got := e.Error(); got != "a.pdf: encrypted PDF (remove the password)" {
		t.Errorf("Error() = %q", got)
	}
	e = &Error{Reason: "empty file", Err: ErrEmpty}
	if got := e.Error(); got != "empty file" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(e, ErrEmpty) || errors.Is(e, ErrBinary) {
		t.Errorf("errors.Is does not see the sentinel")
	}
}
