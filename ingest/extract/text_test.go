package extract

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Line
	}{
		{"UTF-8 BOM", "\xEF\xBB\xBF青石镇人民政府\n一、总体情况\n",
			linesOf(para("青石镇人民政府"), para("一、总体情况"))},
		{"CRLF and CR", "第一行\r\n第二行\r第三行\r\n",
			linesOf(para("第一行"), para("第二行"), para("第三行"))},
		{"form feed is a line break", "第一页末\f第二页首",
			linesOf(para("第一页末"), para("第二页首"))},
		{"blank lines dropped", "甲\n\n   \n\u3000\u3000\n\t\t\t\n乙",
			linesOf(para("甲"), para("乙"))},
		{"tabs keep empty cells", "\t\t\t\t\t0\t0\n规章\t0\t0\t0\n第二十条第（一）项\t\t\t",
			linesOf(row("", "", "", "", "", "0", "0"), row("规章", "0", "0", "0"), row("第二十条第（一）项", "", "", ""))},
		{"tab cells trimmed of U+3000", "规章\t\u3000\t 0 ",
			linesOf(row("规章", "", "0"))},
		{"markdown table", "| 信息内容 | 本年制发件数 |\n|---|:--:|\n| 规章 | 0 |\n| 行政许可 |  |",
			linesOf(row("信息内容", "本年制发件数"), row("规章", "0"), row("行政许可", ""))},
		{"lone - under the first row is a separator, elsewhere cells printed -",
			"| 结果维持 | 结果纠正 |\n| - | - |\n| 0 | 1 |\n| - | - |",
			linesOf(row("结果维持", "结果纠正"), row("0", "1"), row("-", "-"))},
		{"spacer pipes dropped", "|\n||||\n| | |\n甲",
			linesOf(para("甲"))},
		{"inner pipes without outer ones", "规章 | 0 | 1",
			linesOf(row("规章", "0", "1"))},
		{"escaped pipe stays in the cell", `| a\|b | 1 |`,
			linesOf(row("a|b", "1"))},
		{"pdftotext space runs", "规章               0          0       0\n     （七）总计                             21   0   0",
			linesOf(spaced("规章", "0", "0", "0"), spaced("（七）总计", "21", "0", "0"))},
		{"single spaces stay in a cell", " 三 、本 年 度办 理 结果   1. 属于国家秘密  0",
			linesOf(spaced("三 、本 年 度办 理 结果", "1. 属于国家秘密", "0"))},
		{"ideographic spaces", "\u3000\u3000本报告由办公室编制。\n结果\u3000\u3000维持\n发布日期：2023\u3000来源",
			linesOf(para("本报告由办公室编制。"), spaced("结果", "维持"), para("发布日期：2023\u3000来源"))},
		{"no-break spaces separate columns", "行政许可\u00A0\u00A036",
			linesOf(spaced("行政许可", "36"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustRead(t, "t.txt", []byte(tt.in))
			if doc.Format != FormatText {
				t.Errorf("format %q, want text", doc.Format)
			}
			assertLines(t, doc.Lines, tt.want)
		})
	}
}

func TestReadTextEncodings(t *testing.T) {
	const s = "青石镇人民政府\r\n规章\t0\t1\r\n“三安全一稳定”"
	want := linesOf(para("青石镇人民政府"), row("规章", "0", "1"), para("“三安全一稳定”"))
	tests := []struct {
		name string
		data []byte
	}{
		{"UTF-8", []byte(s)},
		{"GB18030", gb18030(t, s)},
		{"UTF-16LE with BOM", utf16Bytes(s, false)},
		{"UTF-16BE with BOM", utf16Bytes(s, true)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertLines(t, mustRead(t, "t.txt", tt.data).Lines, want)
		})
	}
}

// TestReadTextBrokenUTF8 checks that one broken sequence (a copy cut in the
// middle of a character) does not send a UTF-8 file down the GB18030 path.
func TestReadTextBrokenUTF8(t *testing.T) {
	data := []byte(strings.Repeat("政府信息公开工作年度报告", 3) + "\n行政许可\t36\n末尾")
	data = append(data, 0xE5, 0x9B) // the first two bytes of 告
	want := linesOf(para(strings.Repeat("政府信息公开工作年度报告", 3)), row("行政许可", "36"), para("末尾\uFFFD"))
	assertLines(t, mustRead(t, "t.txt", data).Lines, want)
}

// TestReadTextGBNotUTF8 checks a GB18030 file that is mostly ASCII, where a
// few Chinese characters must still decode as GB18030.
func TestReadTextGBNotUTF8(t *testing.T) {
	data := gb18030(t, "Report 2022\nTotal\t28\n总计\t28")
	want := linesOf(para("Report 2022"), row("Total", "28"), row("总计", "28"))
	assertLines(t, mustRead(t, "t.txt", data).Lines, want)
}

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, r := range s {
		units := []rune{r}
		if r >= 0x10000 {
			r -= 0x10000
			units = []rune{0xD800 + r>>10, 0xDC00 + r&0x3FF}
		}
		for _, u := range units {
			if bigEndian {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
		}
	}
	return out
}

func TestSpaceCells(t *testing.T) {
	tests := []struct {
		line  string
		cells []string
		cols  []int
	}{
		{"行政许可                      550", []string{"行政许可", "550"}, []int{0, 26}},
		{"  三 、本 年 度办 理 结果", []string{"三 、本 年 度办 理 结果"}, []int{2}},
		{"     结果维 结果纠  其他结", []string{"结果维 结果纠", "其他结"}, []int{5, 14}},
		{"                         1   0   0", []string{"1", "0", "0"}, []int{25, 29, 33}},
		{"（一）予以公开　　5", []string{"（一）予以公开", "5"}, []int{0, 9}},
		{" 一、总体情况", []string{"一、总体情况"}, []int{1}},
		{"规章 5", []string{"规章 5"}, []int{0}},
		{"规章\u00a0 5", []string{"规章", "5"}, []int{0, 4}},
		{"规章 \u3000", []string{"规章"}, []int{0}},
		{" ", []string{}, []int{}},
	}
	for _, tc := range tests {
		cells, cols := spaceCells(tc.line)
		if !reflect.DeepEqual(cells, tc.cells) || !reflect.DeepEqual(cols, tc.cols) {
			t.Errorf("spaceCells(%q) = %q %v, want %q %v", tc.line, cells, cols, tc.cells, tc.cols)
		}
	}
}

func TestPipeCells(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"| 规章 | 0 | 1 |", []string{"规章", "0", "1"}},
		{"规章|0| 1", []string{"规章", "0", "1"}},
		{"| 规章 |  | 1 |", []string{"规章", "", "1"}},
		{`| a\|b | 2 |`, []string{"a|b", "2"}},
		{`| a | b\|`, []string{"a", "b|"}},
		{"|", []string{}},
		{"||", []string{""}},
	} {
		if got := pipeCells(tc.line); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("pipeCells(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestCellSlabLinesStayApart: one-cell lines share arrays, and growing one
// line's cells leaves the next line's as they were.
func TestCellSlabLinesStayApart(t *testing.T) {
	var text strings.Builder
	for i := range slabSize + 2 {
		fmt.Fprintf(&text, "  第%d行\n", i)
	}
	lines, cut := textLines(text.String())
	if cut || len(lines) != slabSize+2 {
		t.Fatalf("textLines: %d lines, cut %v; want %d, false", len(lines), cut, slabSize+2)
	}
	for i := range lines {
		grown := append(lines[i].Cells, "多出")
		grownCols := append(lines[i].Columns, 99)
		want := fmt.Sprintf("第%d行", i)
		if len(grown) != 2 || len(grownCols) != 2 || lines[i].Cells[0] != want || lines[i].Columns[0] != 2 {
			t.Fatalf("line %d = %q %v, want [%s] [2]", i, lines[i].Cells, lines[i].Columns, want)
		}
		if i+1 < len(lines) {
			if next := fmt.Sprintf("第%d行", i+1); lines[i+1].Cells[0] != next || lines[i+1].Columns[0] != 2 {
				t.Fatalf("after growing line %d, line %d = %q %v, want [%s] [2]", i, i+1, lines[i+1].Cells, lines[i+1].Columns, next)
			}
		}
	}
}

// TestCellSlabSplitIsSplit: splitting on tabs and pipes into shared arrays
// gives what strings.Split gives, for every line of the seed files and the
// demo's texts and their edges, the cells of the lines split before left as
// they were.
func TestCellSlabSplitIsSplit(t *testing.T) {
	lines := []string{"", "\t", "|", "a", "a\t", "\ta", "a\t\tb", "||", "|a|b|", strings.Repeat("1\t", 40)}
	names, _ := filepath.Glob("../../fixtures/demo/reports/*/*/*.txt")
	names = names[:min(len(names), 40)]
	for _, dir := range []string{"../../../shared/corpus", "../../../shared/corpus/peer", "../../fixtures/seed", "../testdata/forms", "../testdata/cases"} {
		more, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		names = append(names, more...)
	}
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			lines = append(lines, strings.Split(string(b), "\n")...)
		}
	}
	var slab cellSlab
	type split struct {
		line string
		sep  byte
		got  []string
	}
	var splits []split
	tabs := 0
	for _, l := range lines {
		for _, sep := range []byte{'\t', '|'} {
			splits = append(splits, split{l, sep, slab.split(l, sep)})
			if sep == '\t' && strings.Contains(l, "\t") {
				tabs++
			}
		}
	}
	for _, s := range splits {
		if want := strings.Split(s.line, string(s.sep)); !reflect.DeepEqual(s.got, want) {
			t.Fatalf("split(%q, %q) = %q, strings.Split gives %q", s.line, s.sep, s.got, want)
		}
	}
	if tabs < 100 {
		t.Fatalf("only %d lines hold tabs: the corpus was not read", tabs)
	}
}

// spaceCellsRanged is spaceCellsIn as it was, ranging over the line: the
// oracle of TestSpaceCellsIsRanged.
func spaceCellsRanged(s string, slab *cellSlab) ([]string, []int) {
	if !strings.Contains(s, "  ") && !strings.Contains(s, "\u00a0") && !strings.Contains(s, "\u3000") {
		// No run of two spaces: one cell, as the loop below would find
		// after counting every rune.
		if t := trimCell(s); t != "" {
			lead := utf8.RuneCountInString(s[:strings.Index(s, t)])
			return slab.one(t, lead)
		}
		return []string{}, []int{}
	}
	// Sized by the runs of two spaces (runs of ideographic spaces grow it).
	n := strings.Count(s, "  ") + 1
	cells := make([]string, 0, n)
	cols := make([]int, 0, n)
	start, run := 0, 0 // start of the current cell; length of the current space run in runes
	runStart := 0
	col, startCol := 0, 0 // rune column of the current rune and of the current cell
	add := func(c string, at int) {
		trimmed := trimCell(c)
		if trimmed == "" {
			return
		}
		lead := utf8.RuneCountInString(c[:strings.Index(c, trimmed)])
		cells = append(cells, trimmed)
		cols = append(cols, at+lead)
	}
	for i, r := range s {
		if isSpace(r) {
			if run == 0 {
				runStart = i
			}
			run++
			col++
			continue
		}
		if run >= 2 {
			add(s[start:runStart], startCol)
			start, startCol = i, col
		}
		run = 0
		col++
	}
	add(s[start:], startCol)
	return cells, cols
}

// TestSpaceCellsIsRanged: spaceCellsIn, reading ASCII and ideographs by
// their bytes, cuts every line of the seed texts and the demo's texts, and
// lines of every kind of space and broken byte, into the cells and columns
// ranging gave.
func TestSpaceCellsIsRanged(t *testing.T) {
	lines := []string{"", "  ", "规章  12", "规章\u3000\u300012  3", "a\u00a0\u00a0b", "\xff  \xe4  规", "规章 \u00a0 12 \u3000 3",
		"  行政许可    97   1  ", "\xe4\x80  \xe9\xbf\xbf  x", "\u2003\u2003a  b"}
	names, _ := filepath.Glob("../../fixtures/demo/reports/*/*/*.txt")
	for _, dir := range []string{"../../../shared/corpus", "../../../shared/corpus/peer", "../../fixtures/seed", "../testdata/forms", "../testdata/cases"} {
		more, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
		names = append(names, more...)
	}
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			lines = append(lines, strings.Split(string(b), "\n")...)
		}
	}
	several := 0
	for _, l := range lines {
		gc, gcols := spaceCellsIn(l, nil)
		wc, wcols := spaceCellsRanged(l, nil)
		if !reflect.DeepEqual(gc, wc) || !reflect.DeepEqual(gcols, wcols) {
			t.Fatalf("spaceCellsIn(%q) = %q %v, ranging gives %q %v", l, gc, gcols, wc, wcols)
		}
		several += boolInt(len(gc) > 1)
	}
	if several < 100 {
		t.Fatalf("only %d lines hold several cells: the corpus was not read", several)
	}
}
