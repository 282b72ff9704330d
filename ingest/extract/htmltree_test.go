package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func parseHTML5(s string) (*html.Node, error) { return html.Parse(strings.NewReader(s)) }

// sameAsHTML5 reads a page with the quick tree builder (on its own slab
// and through the pooled arena) and with html.Parse and fails when the
// documents differ; it reports whether the quick builder
// took the page.
func sameAsHTML5(t *testing.T, name string, data []byte) bool {
	t.Helper()
	got, gerr := readHTMLWith(data, parseHTML)
	want, werr := readHTMLWith(data, parseHTML5)
	if (gerr == nil) != (werr == nil) || !reflect.DeepEqual(got, want) {
		t.Errorf("%s: quick tree gives\n%+v (%v)\nhtml.Parse gives\n%+v (%v)", name, got, gerr, want, werr)
	}
	// readHTML carves the tree from a pooled arena, which the page read
	// before (the corpora are read one after the other) left cleared.
	if pooled, perr := readHTML(data); (perr == nil) != (werr == nil) || !reflect.DeepEqual(pooled, want) {
		t.Errorf("%s: through the pooled arena\n%+v (%v)\nhtml.Parse gives\n%+v (%v)", name, pooled, perr, want, werr)
	}
	s, _ := boundHTML(decodeHTML(data))
	_, err := quickTree(s, nil)
	return err == nil
}

// TestQuickTreeCorpora compares the two tree builders on every page of the
// corpora: the demo pages are all well formed and must take the quick path.
func TestQuickTreeCorpora(t *testing.T) {
	var pages []string
	for _, glob := range []string{"../../fixtures/demo/reports/*/*/*.html", "../testdata/*/*.htm*", "../../../shared/corpus/*/*.htm*"} {
		m, _ := filepath.Glob(glob)
		pages = append(pages, m...)
	}
	demo, quick := 0, 0
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		ok := sameAsHTML5(t, p, data)
		if strings.Contains(p, "fixtures/demo") {
			demo++
			if ok {
				quick++
			}
		}
	}
	if demo == 0 || quick != demo {
		t.Errorf("quick tree took %d of %d demo pages, want all", quick, demo)
	}
}

// TestQuickTreeDamaged compares the builders on damaged markup: what the
// quick builder cannot build exactly goes to html.Parse.
func TestQuickTreeDamaged(t *testing.T) {
	for _, tc := range damagedPages {
		if quick := sameAsHTML5(t, tc.name, []byte(tc.in)); quick != tc.quick {
			t.Errorf("%s: quick path %v, want %v", tc.name, quick, tc.quick)
		}
	}
}

// damagedPages are pages with the path the quick builder takes: true when
// it builds the tree, false when it leaves the page to html.Parse.
var damagedPages = []struct {
	name, in string
	quick    bool
}{
	{"well formed", `<html><head><title>某镇2021年报告</title><meta name="PubDate" content="2022-01-20"></head><body><p>一、总体情况</p><table><tbody><tr><td colspan="2">规章</td><td>0</td></tr></tbody></table></body></html>`, true},
	{"tr without tbody", `<table><tr><td>规章</td><td>3</td></tr></table>`, true},
	{"truncated", `<p>前言</p><table><tr><td>规章</td><td>3`, true},
	{"unclosed cells", `<table><tr><td>规章<td>3<tr><td>规范性文件<td>4</table>`, false},
	{"unclosed p in cell", `<table><tr><td><p>规章</td><td>3</td></tr></table>`, false},
	{"text in table", `<table>说明<tr><td>规章</td><td>3</td></tr></table>`, false},
	{"div in table", `<table><div>页眉</div><tr><td>规章</td><td>3</td></tr></table>`, false},
	{"table in p", `<p>前言<table><tr><td>规章</td><td>3</td></tr></table></p>`, false},
	{"misnested", `<p><b>规章<i>3</b></i></p>`, false},
	{"nested layout table", `<table><tr><td>导航</td><td><table><tr><td>规章</td><td>3</td></tr></table></td></tr></table>`, true},
	{"nested p", `<p>一<p>二</p></p>`, false},
	{"stray end", `<div>规章</span>3</div>`, false},
	{"hidden body", `<body hidden><p>规章 3</p></body>`, false},
	{"self-closing p", `<p/>规章<td>3`, false},
	{"word", `<p class=MsoNormal><span lang=EN-US>规章<o:p></o:p></span></p><p>3<o:p/></p>`, false},
	{"NUL", "<p>规\x00章</p>", false},
	{"svg", `<svg><title>x</title></svg><p>规章</p>`, false},
	{"comment splits text", `<table><tr><td>规<!-- x -->章</td><td>3</td></tr></table>`, true},
	{"entities", `<p>规章&nbsp;&amp;&#x33;</p>`, true},
	{"li", `<ul><li>一<li>二</ul>`, false},
	{"heading in heading", `<h1>一<h2>二</h2></h1>`, false},
	{"a in cell in a", `<a href=x><table><tr><td><a>规章</a></td></tr></table></a>`, true},
	{"script in table", `<table><script>x</script><tr><td>规章</td><td>3</td></tr></table>`, true},
	{"duplicate attribute", `<p style="display:none" style="">规章</p>`, true},
	{"upper case", `<TABLE><TR><TD>规章</TD><TD STYLE="DISPLAY: NONE">9</TD><TD Hidden>8</TD><TD>3</TD></TR></TABLE>`, true},
	{"meta date", `<META NAME="PubDate" CONTENT="2022-01-20"><meta property="article:published_time" content="2022-02-01"><p class=x id=y>规章</p>`, true},
	{"form in form", `<form><table><tr><td><form>规章</form></td></tr></table></form>`, false},
	{"nested list", `<ul><li>一<ul><li>二</li></ul></li></ul>`, false},
}

// FuzzQuickTree checks that the quick tree builder reads every page as
// html.Parse does, or leaves it to html.Parse.
func FuzzQuickTree(f *testing.F) {
	for _, tc := range damagedPages {
		f.Add([]byte(tc.in))
	}
	f.Add([]byte(`<table><tr><td><p>规章</p></td><td>3</td></tr></table>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sameAsHTML5(t, "fuzz", data)
	})
}
