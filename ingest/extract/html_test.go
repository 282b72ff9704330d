package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/traditionalchinese"
)

func TestReadHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Line
	}{
		{"blocks break lines, inline text joins",
			`<html><body><h1>青石镇<span>人民政府</span></h1><div>第一段<br>第二段</div><p>  多个   空格  </p></body></html>`,
			linesOf(para("青石镇人民政府"), para("第一段"), para("第二段"), para("多个 空格"))},
		{"source line breaks between Chinese characters vanish",
			"<p>本年新收\n      政府信息公开申请</p><p>2022 年\n度 report\nline</p>",
			linesOf(para("本年新收政府信息公开申请"), para("2022 年度 report line"))},
		{"zero-width characters dropped",
			"<p>本年\u200B新收\uFEFF申请</p>",
			linesOf(para("本年新收申请"))},
		{"colspan once, rowspan only where written",
			`<body><table>
<tr><td colspan="3" rowspan="2">说明</td><td colspan="2">申请人情况</td></tr>
<tr><td>自然人</td><td>总计</td></tr>
<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>11</td><td>13</td></tr>
<tr><td colspan="2">（二）部分公开</td><td>3</td><td>4</td></tr>
</table></body>`,
			linesOf(row("说明", "申请人情况"), row("自然人", "总计"),
				row("三、本年度办理结果", "（一）予以公开", "11", "13"), row("（二）部分公开", "3", "4"))},
		{"empty and blank cells are empty strings",
			`<table><tr><td>行政复议</td><td></td><td>&nbsp;</td><td>　</td><td> <p> </p> </td><td>0</td></tr><tr><td></td><td>&nbsp;</td></tr></table>`,
			linesOf(row("行政复议", "", "", "", "", "0"))},
		{"paragraphs and breaks inside a cell",
			`<table><tr><td><p>商业</p><p>企业</p></td><td>科研<br>机构</td><td>Total<br>总计</td><td>（二）部分公开<br/>(区分处理的)</td><td><p>1.</p><p>属于</p></td></tr></table>`,
			linesOf(row("商业企业", "科研机构", "Total 总计", "（二）部分公开 (区分处理的)", "1. 属于"))},
		{"th cells, thead and caption",
			`<table><caption>表一</caption><thead><tr><th>信息内容</th><th>本年制发件数</th></tr></thead><tbody><tr><td>规章</td><td>0</td></tr></tbody></table>`,
			linesOf(para("表一"), row("信息内容", "本年制发件数"), row("规章", "0"))},
		{"nested layout table comes out in document order",
			`<html><body><p>页眉</p><table><tr><td>左侧导航</td><td>
<p>二、主动公开政府信息情况</p>
<table><tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr><tr><td>行政许可</td><td colspan="3">36</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p>
<table><tr><td>（七）总计</td><td>24</td></tr></table>
</td></tr></table><p>页脚</p></body></html>`,
			linesOf(para("页眉"), para("左侧导航"), para("二、主动公开政府信息情况"),
				row("规章", "0", "0", "0"), row("行政许可", "36"),
				para("三、收到和处理政府信息公开申请情况"), row("（七）总计", "24"), para("页脚"))},
		{"script, style, nav, noscript and hidden text skipped",
			`<!DOCTYPE html><html><head><title>标题</title><style>p{color:red}</style><script>var a="<p>脚本</p>";</script></head>
<body><nav><ul><li>首页</li><li>政务公开</li></ul></nav><noscript>请启用脚本</noscript>
<div hidden>隐藏一</div><div style="display: none">隐藏二</div><select><option>链接</option></select>
<p>正文</p><script>document.write("<p>写入</p>")</script><button>打印</button></body></html>`,
			linesOf(para("正文"))},
		{"blank lines end paragraphs of text outside elements (Markdown holding tables)",
			"# 青石镇2022年报告\n\n一、总体情况\n\n正文\n第二行\n<table><tr><td>规章</td><td>0</td></tr></table>\n\n三、收到",
			linesOf(para("# 青石镇2022年报告"), para("一、总体情况"), para("正文第二行"), row("规章", "0"), para("三、收到"))},
		{"fragment without html or body",
			`<p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table>`,
			linesOf(para("一、总体情况"), row("规章", "0"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustRead(t, "t.html", []byte(tt.in))
			if doc.Format != FormatHTML {
				t.Errorf("format %q, want html", doc.Format)
			}
			assertLines(t, doc.Lines, tt.want)
		})
	}
}

// TestReadHTMLLayoutCell checks that a whole article in one table cell is
// read as paragraphs, not as one giant cell.
func TestReadHTMLLayoutCell(t *testing.T) {
	long := "2022年，青石镇认真贯彻落实《条例》和上级关于政务公开工作的部署要求，围绕镇党委、镇政府中心工作，持续推进决策、执行、管理、服务、结果公开。"
	in := `<table><tr><td class="content"><p>一、总体情况</p><p>` + long + long + `</p><p>` + long + `</p></td></tr></table>`
	want := linesOf(para("一、总体情况"), para(long+long), para(long))
	assertLines(t, mustRead(t, "t.html", []byte(in)).Lines, want)
}

func TestReadHTMLCharset(t *testing.T) {
	const body = `<body><p>青石镇人民政府</p><table><tr><td>“三安全一稳定”</td><td>0</td></tr></table></body></html>`
	const title = "<title>年度报告</title>"
	want := linesOf(para("青石镇人民政府"), row("“三安全一稳定”", "0"))
	tests := []struct {
		name string
		data []byte
	}{
		{"meta charset gb2312", gb18030(t, `<html><head><meta charset="gb2312">`+title+`</head>`+body)},
		{"http-equiv GBK", gb18030(t, `<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK">`+title+`</head>`+body)},
		{"undeclared GB18030", gb18030(t, `<html><head>`+title+`</head>`+body)},
		{"declared UTF-8 but GB bytes", gb18030(t, `<html><head><meta charset="utf-8">`+title+`</head>`+body)},
		{"declared gb2312 but UTF-8 bytes (re-saved page)", []byte(`<html><head><meta charset="gb2312">` + title + `</head>` + body)},
		{"UTF-8 with BOM", append([]byte("\xEF\xBB\xBF"), `<!DOCTYPE html><html><head>`+title+`</head>`+body...)},
		{"UTF-16LE with BOM", utf16Bytes(`<html><head><meta charset="utf-16">`+title+`</head>`+body, false)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustRead(t, "t.html", tt.data)
			if doc.Format != FormatHTML {
				t.Errorf("format %q, want html", doc.Format)
			}
			if doc.Title != "年度报告" {
				t.Errorf("title %q", doc.Title)
			}
			assertLines(t, doc.Lines, want)
		})
	}
}

func TestReadHTMLPublished(t *testing.T) {
	tests := []struct {
		name, head, want string
	}{
		{"PubDate", `<meta name="PubDate" content="2021-01-15 10:00">`, "2021-01-15"},
		{"lower case name, slashes", `<meta name="pubdate" content="2021/1/5 10:00:00">`, "2021-01-05"},
		{"firstpublishedtime", `<meta name="firstpublishedtime" content="2021-01-15-10:00:00">`, "2021-01-15"},
		{"Maketime", `<meta name="Maketime" content="2022年3月8日">`, "2022-03-08"},
		{"compact", `<meta name="publishdate" content="20230118">`, "2023-01-18"},
		{"PubDate preferred over Maketime", `<meta name="Maketime" content="2021-01-10"><meta name="PubDate" content="2021-01-15">`, "2021-01-15"},
		{"invalid date ignored", `<meta name="PubDate" content="2021-13-45">`, ""},
		{"other metadata ignored", `<meta name="created" content="2021-01-15"><meta name="keywords" content="2021-01-15">`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustRead(t, "t.html", []byte(`<html><head>`+tt.head+`</head><body><p>正文</p></body></html>`))
			if doc.Published != tt.want {
				t.Errorf("published %q, want %q", doc.Published, tt.want)
			}
		})
	}
}

// TestReadHTMLBig5 checks that a charset other than UTF-8 and the GB family
// is taken from the page's declaration.
func TestReadHTMLBig5(t *testing.T) {
	page, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(`<html><head><meta charset="big5"></head><body><p>青石鎮人民政府</p></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	assertLines(t, mustRead(t, "t.html", page).Lines, linesOf(para("青石鎮人民政府")))
}

// readHeadRecursive is readHead as it was, a recursive walk: the oracle of
// TestReadHeadIsRecursiveWalk.
func readHeadRecursive(root *html.Node, doc *Document) {
	found := map[string]string{}
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > maxDepth {
			return
		}
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				if doc.Title == "" && n.Namespace == "" {
					doc.Title = collapseSpace(nodeText(n))
				}
			case atom.Meta:
				name := strings.ToLower(strings.TrimSpace(attr(n, "name") + attr(n, "property")))
				if d := isoDate(attr(n, "content")); d != "" && found[name] == "" {
					found[name] = d
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	for _, name := range pubDateNames {
		if d := found[name]; d != "" {
			doc.Published = d
			return
		}
	}
}

// TestReadHeadIsRecursiveWalk: the iterative walk finds the title and date
// the recursive one found, on every HTML page of the demo corpus and the
// seed files, and on pages that put them in the body, repeat them, or nest
// them past maxDepth.
func TestReadHeadIsRecursiveWalk(t *testing.T) {
	pages := corpusSeeds(t, ".html", ".htm")
	names, _ := filepath.Glob("../../fixtures/demo/reports/*/*/*.html")
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			pages = append(pages, b)
		}
	}
	for _, p := range []string{
		"", "<title>甲</title>", "<body><p>正文</p><title>乙</title><meta name=PubDate content=2023-01-02></body>",
		`<meta name="pubdate" content="2022-03-04"><meta property="article:published_time" content="2021-01-01"><title>一</title><title>二</title>`,
	} {
		pages = append(pages, []byte(p))
	}
	var trees []*html.Node
	for _, p := range pages {
		root, err := html.Parse(strings.NewReader(string(p)))
		if err != nil {
			t.Fatal(err)
		}
		trees = append(trees, root)
	}
	// Trees nested around maxDepth (html.Parse refuses them: built here).
	for _, d := range []int{maxDepth - 3, maxDepth - 2, maxDepth - 1, maxDepth, maxDepth + 5} {
		el := func(a atom.Atom, attrs ...html.Attribute) *html.Node {
			return &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String(), Attr: attrs}
		}
		root := &html.Node{Type: html.DocumentNode}
		n := root
		for range d {
			c := el(atom.Div)
			n.AppendChild(c)
			n = c
		}
		title := el(atom.Title)
		title.AppendChild(&html.Node{Type: html.TextNode, Data: "深"})
		n.AppendChild(title)
		n.AppendChild(el(atom.Meta, html.Attribute{Key: "name", Val: "pubdate"}, html.Attribute{Key: "content", Val: "2020-05-06"}))
		shallow := el(atom.Title)
		shallow.AppendChild(&html.Node{Type: html.TextNode, Data: "浅"})
		root.AppendChild(shallow)
		trees = append(trees, root)
	}
	titled := 0
	for i, root := range trees {
		var got, want Document
		readHead(root, &got)
		readHeadRecursive(root, &want)
		if got.Title != want.Title || got.Published != want.Published {
			t.Fatalf("readHead of tree %d = %q, %q; the recursive walk %q, %q", i, got.Title, got.Published, want.Title, want.Published)
		}
		titled += boolInt(got.Title != "")
	}
	if titled < 20 {
		t.Fatalf("only %d pages with a title: the corpus was not read", titled)
	}
}
