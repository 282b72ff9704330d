package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRead feeds Read arbitrary bytes, seeded with a sample of every form.
// Read must not panic or hang, and must return either lines that keep the
// package's promises or an *Error naming the file.
func FuzzRead(f *testing.F) {
	seeds := [][]byte{
		[]byte("青石镇人民政府\r\n规章\t0\t0\t0\n\t\t\t\t\t0\t0\n"),
		gb18030(f, "二、主动公开政府信息情况\n行政许可\t36"),
		utf16Bytes("行政处罚\t14", false),
		[]byte("| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n||||\n"),
		[]byte("规章               0          0       0\f（七）总计   21   0"),
		[]byte(`<html><head><meta charset="gb2312"><meta name="PubDate" content="2023-01-18"><title>t</title></head><body><nav>n</nav><table><tr><td colspan="2" rowspan="2">a<br>b</td><td><table><tr><td>1</td></tr></table></td></tr></table><script>x</script></body></html>`),
		[]byte(`<p>一</p><table><tr><td>规章</td><td>&nbsp;</td></tr></table>`),
		docxPackage(f, wp("标题\n第二行")+wtbl(wtr(wtc(wp("a"), 2, "restart"), wtc(wtbl(wtr(wtc(wp("1"), 1, ""))), 1, "")), wtr(wtc("", 2, "continue"))), "t"),
		minimalPDF([]string{textPage(word{72, 720, "Total"}, word{300, 720, "28"})}, false),
		ole("WordDocument"),
		[]byte("PK\x03\x04garbage"),
		[]byte("\x89PNG\r\n\x1a\n"),
		{},
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Read("fuzz", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz" || doc != nil {
				t.Fatalf("error %T %v (file %q), doc %v", err, err, e.File, doc)
			}
			return
		}
		if len(doc.Lines) == 0 {
			t.Fatal("no lines and no error")
		}
		for _, l := range doc.Lines {
			checkLine(t, l)
		}
	})
}

// checkLine asserts what every Line promises: at least one cell, valid
// UTF-8, cells trimmed, and not every cell empty.
func checkLine(t *testing.T, l Line) {
	t.Helper()
	if len(l.Cells) == 0 || allEmpty(l.Cells) {
		t.Fatalf("empty line %q", l.Cells)
	}
	for _, c := range l.Cells {
		if !utf8.ValidString(c) || trimCell(c) != c {
			t.Fatalf("bad cell %q in %q", c, l.Cells)
		}
	}
}

// qingshi returns the synthetic report page and the same report as
// tab-separated text (the form of text copied out of a PDF).
func qingshi(b *testing.B) (page, text []byte) {
	b.Helper()
	page, err := os.ReadFile(filepath.Join(formsDir, "qingshi-2022.html"))
	if err != nil {
		b.Fatal(err)
	}
	doc, err := Read("qingshi-2022.html", page)
	if err != nil {
		b.Fatal(err)
	}
	var s strings.Builder
	for _, l := range doc.Lines {
		s.WriteString(strings.Join(l.Cells, "\t"))
		s.WriteString("\r\n")
	}
	return page, []byte(s.String())
}

func BenchmarkReadText(b *testing.B) {
	_, text := qingshi(b)
	benchmarkRead(b, text)
}

func BenchmarkReadHTML(b *testing.B) {
	page, _ := qingshi(b)
	benchmarkRead(b, page)
}

func benchmarkRead(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read("bench", data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "documents/s")
}
