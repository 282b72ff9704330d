package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lowerHTMLReference is looksLikeHTML as it was, lowering the whole head:
// the reference tagHeads must agree with.
func lowerHTMLReference(data []byte) bool {
	head := []byte(strings.TrimLeft(string(stripBOM(data)), " \t\r\n\f"))
	if len(head) > 4096 {
		head = head[:4096]
	}
	b := make([]byte, len(head))
	for i, c := range head {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	lower := string(b)
	if strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html") ||
		strings.HasPrefix(lower, "<?xml") && strings.Contains(lower, "<html") {
		return true
	}
	found := 0
	for _, m := range htmlMarkers {
		if strings.Contains(lower, m) {
			found++
		}
	}
	return found >= 2 || found == 1 && strings.HasPrefix(lower, "<")
}

func TestTagHeadsAgree(t *testing.T) {
	inputs := []string{
		"", "<", "<<", "<P>规章</P>", "<!DOCTYPE HTML><html>", "<!doctype html>", "<?xml version='1.0'?>\n<HTML>",
		"<?xml version='1.0'?><root/>", "文本 <p>一段</p>", "文本 <p>一段</p><br/>", "<Table><TR>", "<p\x00>",
		"<div<p>", "x<br", "<title", "\ufeff<HTML>", "  \n<table>", "<a>" + strings.Repeat("x", 5000) + "<div><p>",
	}
	files, _ := filepath.Glob("../../fixtures/demo/reports/*/*/*")
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			inputs = append(inputs, string(data))
		}
	}
	for _, in := range inputs {
		if got, want := looksLikeHTML([]byte(in)), lowerHTMLReference([]byte(in)); got != want {
			t.Errorf("looksLikeHTML(%.40q) = %v, want %v", in, got, want)
		}
	}
}
