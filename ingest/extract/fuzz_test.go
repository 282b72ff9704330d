package extract

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// One fuzz target per reader: text, HTML, the XML of a Word document, and
// the layout text pdftotext writes. Each must not panic, must keep the
// package's promises about lines, and must allocate within a bound
// proportional to its input.

// fuzzAllocBound is what reading an input of n bytes may allocate.
func fuzzAllocBound(n int) uint64 { return uint64(64*n) + 16<<20 }

// checkAlloc runs f and fails when it allocates past the bound for n bytes.
func checkAlloc(t *testing.T, n int, f func()) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > fuzzAllocBound(n) && !raceEnabled {
		t.Fatalf("%d bytes of input allocated %d bytes, over %d", n, got, fuzzAllocBound(n))
	}
}

// checkLines checks what every reader promises of its lines.
func checkLines(t *testing.T, doc *Document) {
	t.Helper()
	if doc == nil {
		return
	}
	for i, l := range doc.Lines {
		if len(l.Cells) == 0 {
			t.Fatalf("line %d has no cells", i)
		}
		if l.Columns != nil && len(l.Columns) != len(l.Cells) {
			t.Fatalf("line %d: %d columns for %d cells", i, len(l.Columns), len(l.Cells))
		}
	}
}

// corpusSeeds returns the files of ../shared/corpus (read in place; none
// when the folder is absent) whose name ends in one of exts.
func corpusSeeds(tb testing.TB, exts ...string) [][]byte {
	var out [][]byte
	for _, dir := range []string{"../../../shared/corpus", "../../../shared/corpus/peer", "../../../shared/corpus/real", "../../fixtures/seed", "../testdata/forms", "../testdata/cases"} {
		for _, ext := range exts {
			names, _ := filepath.Glob(filepath.Join(dir, "*"+ext))
			for _, n := range names {
				if b, err := os.ReadFile(n); err == nil {
					out = append(out, b)
				}
			}
		}
	}
	return out
}

// documentXML returns word/document.xml of a DOCX, nil if it has none.
func documentXML(data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil
	}
	for _, f := range zr.File {
		if f.Name == docxBody {
			rc, err := f.Open()
			if err != nil {
				return nil
			}
			defer rc.Close()
			b, _ := io.ReadAll(io.LimitReader(rc, 4<<20))
			return b
		}
	}
	return nil
}

func FuzzReadText(f *testing.F) {
	for _, s := range corpusSeeds(f, ".txt", ".md") {
		f.Add(s)
	}
	f.Add([]byte("| 规章 | 0 | 0 |\n||||\n一、本年新收政府信息公开申请数量21710000218二、上年结转"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc *Document
		checkAlloc(t, len(data), func() { doc, _ = readText(data) })
		checkLines(t, doc)
	})
}

func FuzzReadHTML(f *testing.F) {
	for _, s := range corpusSeeds(f, ".html", ".htm") {
		f.Add(s)
	}
	f.Add([]byte(`<table><tr><td>1.属于国家秘密</td><td>&nbsp;</td><td colspan=6></td></tr></table>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc *Document
		checkAlloc(t, len(data), func() { doc, _ = readHTML(data) })
		checkLines(t, doc)
	})
}

// FuzzReadDOCX mutates the XML of the document, not the zip around it.
func FuzzReadDOCX(f *testing.F) {
	for _, s := range corpusSeeds(f, ".docx") {
		if x := documentXML(s); x != nil {
			f.Add(x)
		}
	}
	f.Add([]byte(`<w:document xmlns:w="w"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Fuzz(func(t *testing.T, xml []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, err := zw.Create(docxBody)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(xml)
		zw.Close()
		var doc *Document
		checkAlloc(t, len(xml), func() { doc, _ = readDOCX(buf.Bytes()) })
		checkLines(t, doc)
	})
}

// FuzzLayoutText reads text laid out as pdftotext -layout writes it: the
// PDF reader's path once the text is out.
func FuzzLayoutText(f *testing.F) {
	if tool, err := exec.LookPath("pdftotext"); err == nil {
		for _, s := range corpusSeeds(f, ".pdf") {
			path := filepath.Join(f.TempDir(), "seed.pdf")
			if os.WriteFile(path, s, 0o644) != nil {
				continue
			}
			if out, err := runPDFToText(tool, path, pdfTimeout); err == nil {
				f.Add(out)
			}
		}
	}
	f.Add([]byte("规章               0          0       0\f（七）总计   21   0\n行政复议      10  1   0  0   0"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var lines []Line
		checkAlloc(t, len(data), func() { lines, _ = textLines(string(bytes.ToValidUTF8(data, []byte("\uFFFD")))) })
		checkLines(t, &Document{Lines: lines})
	})
}
