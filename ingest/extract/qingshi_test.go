package extract

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"xxgk/ingest/schema"
)

// The synthetic report of ../testdata/forms: one content, three forms. The
// HTML is the source; the DOCX is built from it by TestUpdateQingshiDOCX; the
// PDF is the HTML printed by headless Chromium.

var update = flag.Bool("update", false, "rewrite ../testdata/forms/qingshi-2022.docx from qingshi-2022.html")

const formsDir = "../testdata/forms"

// answerKey is the shape of a testdata/*.json file (see FORMAT.md).
type answerKey struct {
	File      string             `json:"file"`
	Org       string             `json:"org"`
	Year      int                `json:"year"`
	Template  string             `json:"template"`
	Published *string            `json:"published"`
	Expected  map[string]float64 `json:"expected"`
	Blank     []string           `json:"blank"`
	Checks    []string           `json:"checks"`
	Notes     string             `json:"notes"`
}

func loadKey(t *testing.T, path string) answerKey {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var k answerKey
	if err := json.Unmarshal(data, &k); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return k
}

func TestQingshiAnswerKey(t *testing.T) {
	k := loadKey(t, filepath.Join(formsDir, "qingshi-2022.json"))
	want := schema.Keys(k.Template)
	if len(k.Expected) != len(want) {
		t.Errorf("%d figures, template %s has %d", len(k.Expected), k.Template, len(want))
	}
	for _, key := range want {
		if _, ok := k.Expected[key]; !ok {
			t.Errorf("missing %s", key)
		}
	}
	if v := schema.Check(k.Expected); len(v) > 0 {
		t.Errorf("the synthetic report breaks the template's arithmetic: %v", v)
	}
}

// TestQingshiForms reads the three forms of the synthetic report and checks
// that each yields the answer key's figures, in report order, as the numeric
// cells at the ends of its lines.
func TestQingshiForms(t *testing.T) {
	k := loadKey(t, filepath.Join(formsDir, "qingshi-2022.json"))
	want := figureRows(k)
	tests := []struct {
		file      string
		format    Format
		title     string
		published string
		partial   Line // the (二)部分公开 row of part 三, as this form gives it
	}{
		{"qingshi-2022.html", FormatHTML, "青石镇人民政府2022年政府信息公开工作年度报告_石川县人民政府", "2023-01-18",
			row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3", "0", "0", "0", "1", "0", "4")},
		{"qingshi-2022.docx", FormatDOCX, "青石镇人民政府2022年政府信息公开工作年度报告", "",
			row("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3", "0", "0", "0", "1", "0", "4")},
		{"qingshi-2022.pdf", FormatPDF, "", "",
			spaced("（二）部分公开（区分处理的，只计这一情", "3", "0", "0", "0", "1", "0", "4")},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if tt.format == FormatPDF {
				needPDFToText(t)
			}
			doc, err := ReadFile(filepath.Join(formsDir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.format || doc.Title != tt.title || doc.Published != tt.published {
				t.Errorf("format %q title %q published %q, want %q %q %q",
					doc.Format, doc.Title, doc.Published, tt.format, tt.title, tt.published)
			}
			if got := numericTails(doc.Lines); !reflect.DeepEqual(got, want) {
				t.Errorf("figures\n got %v\nwant %v", got, want)
			}
			if !containsLine(doc.Lines, tt.partial) {
				t.Errorf("no line %q in\n%s", tt.partial.Cells, dumpLines(doc.Lines))
			}
			if !containsLine(doc.Lines, para("（一）主动公开。2022年，青石镇在县政府门户网站青石镇专栏主动公开政府信息186条，其中机构职能、政策文件、财政预决算、乡村振兴、民生保障等重点领域信息112条。")) &&
				tt.format != FormatPDF {
				t.Errorf("part 一 paragraph missing")
			}
		})
	}
}

// figureRows lists the answer key's figures row by row, in printed order:
// part 二, part 三 (template 2021: the 其他处理 sub-rows, not their sum),
// part 四 as one row of fifteen.
func figureRows(k answerKey) [][]float64 {
	var rows [][]float64
	for _, r := range schema.S2Rows[k.Template] {
		var vals []float64
		for _, c := range r.Columns {
			vals = append(vals, k.Expected[schema.S2Key(r.Key, c.Key)])
		}
		rows = append(rows, vals)
	}
	for _, r := range schema.S3Rows {
		if r.Key == "other" {
			continue
		}
		var vals []float64
		for _, c := range schema.S3Columns {
			vals = append(vals, k.Expected[schema.S3Key(r.Key, c.Key)])
		}
		rows = append(rows, vals)
	}
	var s4 []float64
	for _, g := range schema.S4Groups {
		for _, c := range schema.S4Columns {
			s4 = append(s4, k.Expected[schema.S4Key(g.Key, c.Key)])
		}
	}
	return append(rows, s4)
}

var numberRe = regexp.MustCompile(`^\d+(\.\d+)?$`)

// numericTails returns, for each line that ends in numbers, those numbers.
func numericTails(ls []Line) [][]float64 {
	var out [][]float64
	for _, l := range ls {
		i := len(l.Cells)
		for i > 0 && numberRe.MatchString(l.Cells[i-1]) {
			i--
		}
		if i == len(l.Cells) {
			continue
		}
		var vals []float64
		for _, c := range l.Cells[i:] {
			v, _ := strconv.ParseFloat(c, 64)
			vals = append(vals, v)
		}
		out = append(out, vals)
	}
	return out
}

// containsLine finds a line with want's cells and kind (columns aside).
func containsLine(ls []Line, want Line) bool {
	for _, l := range ls {
		l.Columns = nil
		if reflect.DeepEqual(l, want) {
			return true
		}
	}
	return false
}

// TestUpdateQingshiDOCX rewrites qingshi-2022.docx from the report body of
// qingshi-2022.html (its h1 and div#zoom): paragraphs become Word
// paragraphs, tables become Word tables with colspan as w:gridSpan and
// rowspan as w:vMerge, <br> in a cell as w:br.
func TestUpdateQingshiDOCX(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite ../testdata/forms/qingshi-2022.docx")
	}
	data, err := os.ReadFile(filepath.Join(formsDir, "qingshi-2022.html"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := html.Parse(strings.NewReader(decodeHTML(data)))
	if err != nil {
		t.Fatal(err)
	}
	h1 := findElement(root, func(n *html.Node) bool { return n.DataAtom == atom.H1 })
	zoom := findElement(root, func(n *html.Node) bool { return attr(n, "id") == "zoom" })
	if h1 == nil || zoom == nil {
		t.Fatal("no h1 or div#zoom in the page")
	}
	title := collapseSpace(nodeText(h1))
	body := wp(title) + wordBody(zoom)
	out := filepath.Join(formsDir, "qingshi-2022.docx")
	if err := os.WriteFile(out, docxPackage(t, body, title), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", out)
}

func findElement(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if found := findElement(c, match); found != nil {
			return found
		}
	}
	return nil
}

// wordBody converts the paragraphs and tables directly under n.
func wordBody(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.P:
			b.WriteString(wp(collapseSpace(nodeText(c))))
		case atom.Table:
			b.WriteString(wordTable(c))
		}
	}
	return b.String()
}

// gridCell is an HTML cell placed on the table grid.
type gridCell struct {
	text      string
	row, span int
	rowspan   int
}

// wordTable lays an HTML table out on a grid, then writes each grid row as
// a w:tr: a cell where it starts, a w:vMerge continuation below it.
func wordTable(t *html.Node) string {
	var trs []*html.Node
	var collect func(*html.Node)
	collect = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.DataAtom {
			case atom.Tr:
				trs = append(trs, c)
			case atom.Tbody, atom.Thead, atom.Tfoot:
				collect(c)
			}
		}
	}
	collect(t)
	grid := map[[2]int]*gridCell{}
	ncols := 0
	for r, tr := range trs {
		col := 0
		for td := tr.FirstChild; td != nil; td = td.NextSibling {
			if td.DataAtom != atom.Td && td.DataAtom != atom.Th {
				continue
			}
			for grid[[2]int{r, col}] != nil {
				col++
			}
			c := &gridCell{text: cellLines(td), row: r, span: intAttr(td, "colspan"), rowspan: intAttr(td, "rowspan")}
			for dr := 0; dr < c.rowspan; dr++ {
				for dc := 0; dc < c.span; dc++ {
					grid[[2]int{r + dr, col + dc}] = c
				}
			}
			col += c.span
		}
		ncols = max(ncols, col)
	}
	var b strings.Builder
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>` +
		`<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>` +
		`<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>` +
		`</w:tblBorders></w:tblPr><w:tblGrid>`)
	for range ncols {
		fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, 9000/ncols)
	}
	b.WriteString(`</w:tblGrid>`)
	for r := range trs {
		b.WriteString(`<w:tr>`)
		for col := 0; col < ncols; {
			c := grid[[2]int{r, col}]
			switch {
			case c == nil:
				b.WriteString(wtc("", 1, ""))
				col++
				continue
			case c.rowspan > 1 && c.row != r:
				b.WriteString(wtc("", c.span, "continue"))
			case c.rowspan > 1:
				b.WriteString(wtc(wp(c.text), c.span, "restart"))
			default:
				b.WriteString(wtc(wp(c.text), c.span, ""))
			}
			col += c.span
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
	return b.String()
}

// cellLines returns a cell's text with its <br>s as "\n".
func cellLines(td *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.DataAtom == atom.Br:
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(td)
	parts := strings.Split(b.String(), "\n")
	for i, p := range parts {
		parts[i] = collapseSpace(p)
	}
	return strings.Join(parts, "\n")
}

func intAttr(n *html.Node, key string) int {
	v, err := strconv.Atoi(attr(n, key))
	if err != nil || v < 1 {
		return 1
	}
	return v
}
