package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tokenStream lists the tokens the tree builder reads of z: kinds (a
// doctype is a comment: the tree leaves both out), text, names and the
// attributes it keeps, with the names of all; it ends at the first error,
// which it names.
func tokenStream(z htmlTokens) ([]string, error) {
	var out []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out, z.Err()
		case html.TextToken:
			out = append(out, "text "+string(z.Text()))
		case html.CommentToken, html.DoctypeToken:
			out = append(out, "comment")
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tok := fmt.Sprintf("%v %s", tt == html.EndTagToken, name)
			for {
				k, v, more := z.TagAttr()
				if k == nil {
					break
				}
				tok += " " + string(k)
				if keptAttr(k) != "" {
					tok += "=" + string(v)
				}
				if !more {
					break
				}
			}
			out = append(out, tok)
		}
	}
}

// samePlainTokens fails when plainTokenizer gives other tokens than
// html.Tokenizer where it gives any; it reports whether it read the whole
// page.
func samePlainTokens(t *testing.T, name, s string) bool {
	t.Helper()
	got, gerr := tokenStream(newPlainTokenizer(s))
	want, _ := tokenStream(html.NewTokenizer(strings.NewReader(s)))
	if gerr == errPlainOnly {
		want = want[:min(len(got), len(want))]
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("%s: token %d: plain %q, html.Tokenizer %q", name, i, got[i], want[i])
				return false
			}
		}
		t.Errorf("%s: plain gives %d tokens, html.Tokenizer %d", name, len(got), len(want))
	}
	return gerr != errPlainOnly
}

// TestPlainTokenizerIsHTMLTokenizer: on every page of the corpora and on
// the edges of what it takes, the plain tokenizer gives html.Tokenizer's
// tokens, and it reads the demo pages whole.
func TestPlainTokenizerIsHTMLTokenizer(t *testing.T) {
	var pages []string
	for _, glob := range []string{"../../fixtures/demo/reports/*/*/*.html", "../testdata/*/*.htm*", "../../../shared/corpus/*/*.htm*", "../../../shared/corpus/*/*/*.htm*"} {
		m, _ := filepath.Glob(glob)
		pages = append(pages, m...)
	}
	demo, whole := 0, 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ok := samePlainTokens(t, p, decodeHTML(data))
		if strings.Contains(p, "fixtures/demo") {
			demo++
			whole += boolInt(ok)
		}
	}
	if demo == 0 || whole != demo {
		t.Errorf("the plain tokenizer read %d of %d demo pages whole, want all", whole, demo)
	}
	for _, tc := range plainEdges {
		if ok := samePlainTokens(t, tc.in, tc.in); ok != tc.whole {
			t.Errorf("%q: read whole %v, want %v", tc.in, ok, tc.whole)
		}
	}
	for _, tc := range damagedPages {
		samePlainTokens(t, tc.name, tc.in)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// plainEdges are markup on either side of what the plain tokenizer takes.
var plainEdges = []struct {
	in    string
	whole bool
}{
	{`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>A &amp; B</title></head><body><p>x&nbsp;y</p></body></html>`, true},
	{`<p class=MsoNormal align=center style='text-align:center'>规章</p>`, true},
	{`<br/><br /><img src="a.png" alt=""/><input disabled/>`, true},
	{`<a href="?a=1&amp;b=2">x</a>`, true},
	{`<p style="a&amp;b">x</p>`, false},
	{`<p STYLE="DISPLAY:NONE" style="">x</p><P Hidden>y</P>`, true},
	{`<td colspan = "2" rowspan=3>x</td>`, true},
	{`<!-- a -- b --><!----><p>x</p>`, true},
	{`<!-->x`, false},
	{`<!--->x`, false},
	{`<!-- a --!>x-->`, false},
	{`<?xml version="1.0"?><p>x</p>`, true},
	{`<script>if (a < b) { x = "</p>"; }</script><p>x</p>`, true},
	{`<script><!-- x --></script>`, false},
	{`<SCRIPT>x</Script ><style>p{}</STYLE><title></title><noscript><p>x</p></noscript>`, true},
	{`<textarea>x</textarea>`, false},
	{`a < b`, false},
	{`a <3`, false},
	{`</>`, false},
	{`<p a="1"b="2">`, false},
	{`<a href=/x/>y</a>`, false},
	{`<p>x` + "\r\n" + `y</p>`, false},
	{`<p x="` + "a\rb" + `">y</p>`, true},
	{`<p>truncated`, true},
	{`<p>tag cut <b`, false},
	{`<p>x</p`, false},
	{`<div id="a" id="b" data-x=1 v-if:y.z_w>x</div>`, true},
	{`<p "q">x</p>`, false},
	{`<title>a&lt;b</title><script>a&lt;b</script>`, true},
	{"<p>\x00</p>", true},
	{"<script>\x00</script>", false},
	{`<iframe src="x"></iframe><noscript></noscript>`, true},
	{`<p =x>y</p>`, false},
	{`<h1>标题</h1 >`, true},
}

// FuzzPlainTokenizer: on any input, the plain tokenizer gives
// html.Tokenizer's tokens as far as it reads.
func FuzzPlainTokenizer(f *testing.F) {
	for _, tc := range plainEdges {
		f.Add([]byte(tc.in))
	}
	for _, tc := range damagedPages {
		f.Add([]byte(tc.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		samePlainTokens(t, "fuzz", string(data))
	})
}
