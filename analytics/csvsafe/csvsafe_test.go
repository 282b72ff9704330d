package csvsafe

import (
	"bytes"
	"testing"
)

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"丰塔乡", "丰塔乡"},
		{"=1+1", "'=1+1"},
		{`=HYPERLINK("http://evil.example","点击")`, `'=HYPERLINK("http://evil.example","点击")`},
		{"+86 10 1234", "'+86 10 1234"},
		{"-3", "'-3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=1", "a=1"},
		{"'quoted", "'quoted"},
		{" =1", " =1"},
	} {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriter(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Options
		want string
	}{
		{"plain", Options{}, "'=name,n\n'=1+1,-3\n\"'@x,\"\"y\"\"\",'-3\n\"\"\n"},
		{"excel", Options{BOM: true, CRLF: true}, "\ufeff'=name,n\r\n'=1+1,-3\r\n\"'@x,\"\"y\"\"\",'-3\r\n\"\"\r\n"},
	} {
		var b bytes.Buffer
		w := NewWriter(&b, tc.opt)
		w.Header([]string{"=name", "n"})
		w.Row([]Cell{Text("=1+1"), Number("-3")})
		w.Row([]Cell{Text(`@x,"y"`), Text("-3")})
		w.Row([]Cell{Number("")}) // one empty field: not an empty line
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if b.String() != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, b.String(), tc.want)
		}
	}
}
