package extract

import (
	"os"
	"path/filepath"
	"testing"
)

// corpusDir is the shared corpus of real reports, read in place; it is not
// part of the repository, so these tests skip without it.
const corpusDir = "../../../shared/corpus"

func corpusFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(corpusDir, name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared corpus not available (%v)", err)
	}
	return path
}

// TestCorpus reads real reports and checks a few lines of each exactly.
func TestCorpus(t *testing.T) {
	tests := []struct {
		file      string
		format    Format
		title     string
		published string
		lines     []Line // each must appear in the document
	}{
		{"danzhu-2020.txt", FormatText, "", "", linesOf(
			para("丹朱镇人民政府"),
			row("", "(三) 不予公 开", "1. 属于国家秘密", "0", "0", "0", "0", "0", "0", "0"),
			// a label cell split over two lines by the PDF copy
			row("3. 补正后申请内容仍", "", "0", "0", "0", "0", "0", "0", "0", ""),
			row("", "不明确", "", "", "", "", "", "", "", ""),
			// part 四: the 行政复议 group printed blank
			row("", "", "", "", "", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"),
		)},
		{"peer/city-style-2025.html", FormatHTML, "测试市2025年政府信息公开工作年度报告", "", linesOf(
			row("（四）无法提供", "1.本机关不掌握相关政府信息", "3075", "50", "0", "0", "89", "8", "3222"),
			row("", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""),
			row("376", "97", "196", "121", "790", "16", "1", "12", "27", "56", "74", "1", "30", "51", "156"),
		)},
		{"peer/district-zero-2025.html", FormatHTML, "", "", linesOf(
			para("一、总体情况"),
			row("（七）总计", "2", "0", "0", "0", "0", "0", "2"),
		)},
		{"peer/template-blank-2021.docx", FormatDOCX, "", "", linesOf(
			para("政府信息公开工作年度报告格式模板"),
			// cells holding only U+3000 are empty
			row("规章", "", "", ""),
			row("", "（三）不予公开", "1.属于国家秘密", "", "", "", "", "", "", ""),
		)},
		{"peer/shanghai-kewei-2024-extracted.md", FormatText, "", "", linesOf(
			row("规范性文件", "13", "0", "55"),
			row("一、本年新收政府信息公开申请数量", "32", "2", "0", "0", "0", "0", "34", ""),
		)},
		{"peer/shuyang-2025-ocr.txt", FormatText, "", "", linesOf(
			para("(2026年1月23日)"),
			row("行政许可", "517645"),
		)},
		{"peer/hongze-2023.pdf", FormatPDF, "", "", linesOf(
			spaced("一、本年新收政府信息公开申请数量", "21", "0", "0", "0", "0", "0", "21"),
			// the vertical group label floats between rows, with its stray spaces
			para("三 、本 年 度办 理 结果"),
			// a wrapped label puts its values on a line of their own
			para("5.要求行政机关确认或重 新出具"),
			spaced("0", "0", "0", "0", "0", "0", "0"),
			// part 四 as printed: 总计 0 after 10 1 0 0 (a source error)
			spaced("10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"),
		)},
		{"peer/hongze-2024.pdf", FormatPDF, "", "", linesOf(
			spaced("（七）总计", "95", "0", "0", "0", "0", "0", "95"),
		)},
		{"peer/huaian-szfgs-2024.pdf", FormatPDF, "", "", linesOf(
			spaced("行政事业性收费", "96171.6"),
			// a page break inside a group label: （四）无 / -4- / 法提供
			spaced("法提供", "2.没有现成信息需要另行制作", "11", "0", "0", "0", "0", "0", "11"),
			spaced("正、行政机关不再处理其政府信", "67", "3", "0", "0", "1", "0", "71"),
		)},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := corpusFile(t, tt.file)
			if tt.format == FormatPDF {
				needPDFToText(t)
			}
			doc, err := ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Format != tt.format || doc.Title != tt.title || doc.Published != tt.published {
				t.Errorf("format %q title %q published %q, want %q %q %q",
					doc.Format, doc.Title, doc.Published, tt.format, tt.title, tt.published)
			}
			for _, want := range tt.lines {
				if !containsLine(doc.Lines, want) {
					t.Errorf("no line %q (table %v)", want.Cells, want.Table)
				}
			}
			if t.Failed() {
				t.Logf("lines:\n%s", dumpLines(doc.Lines))
			}
		})
	}
}
