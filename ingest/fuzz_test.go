package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"xxgk/ingest/extract"
)

// The parser over each reader's output: no panic (ErrInternal), warnings
// capped, allocation within a bound proportional to the input.

func parseBound(n int) uint64 { return uint64(64*n) + 32<<20 }

func fuzzParse(t *testing.T, name string, data []byte, size int) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	r := Parse(name, data)
	runtime.ReadMemStats(&after)
	if errors.Is(r.Err, ErrInternal) {
		t.Fatal(r.Err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > parseBound(size) && !raceEnabled {
		t.Fatalf("%d bytes of input allocated %d bytes, over %d", size, got, parseBound(size))
	}
	if len(r.Warnings) > maxWarnings+1 {
		t.Fatalf("%d warnings", len(r.Warnings))
	}
}

// seedFiles returns the test reports (with the damaged forms) and, when present, ../shared/corpus
// (read in place) whose name ends in one of exts.
func seedFiles(exts ...string) [][]byte {
	var out [][]byte
	for _, dir := range []string{"../../shared/corpus", "../../shared/corpus/peer", "../../shared/corpus/real",
		"../fixtures/seed", "testdata/forms", "testdata/cases", "testdata/tables", "testdata/damaged"} {
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

func FuzzParseText(f *testing.F) {
	for _, s := range seedFiles(".txt", ".md") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.txt", data, len(data)) })
}

func FuzzParseHTML(f *testing.F) {
	for _, s := range seedFiles(".html") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.html", data, len(data)) })
}

// FuzzParseDOCX mutates the document's XML and zips it.
func FuzzParseDOCX(f *testing.F) {
	for _, s := range seedFiles(".docx") {
		zr, err := zip.NewReader(bytes.NewReader(s), int64(len(s)))
		if err != nil {
			continue
		}
		for _, file := range zr.File {
			if file.Name != "word/document.xml" {
				continue
			}
			rc, err := file.Open()
			if err != nil {
				continue
			}
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			f.Add(b.Bytes())
		}
	}
	f.Fuzz(func(t *testing.T, xml []byte) {
		fuzzParse(t, "fuzz.docx", zipped(t, "word/document.xml", string(xml)), len(xml))
	})
}

// FuzzParseLayout parses text as pdftotext -layout lays it out, seeded with
// the PDFs' text.
func FuzzParseLayout(f *testing.F) {
	if _, err := exec.LookPath("pdftotext"); err == nil {
		for _, s := range seedFiles(".pdf") {
			doc, err := extract.Read("seed.pdf", s)
			if err != nil {
				continue
			}
			var b bytes.Buffer
			for _, l := range doc.Lines {
				for i, c := range l.Cells {
					if i > 0 {
						b.WriteString("    ")
					}
					b.WriteString(c)
				}
				b.WriteByte('\n')
			}
			f.Add(b.Bytes())
		}
	}
	f.Add([]byte("规章               0          0       0\n（七）总计   21   0    0   0   0   0  21\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, "fuzz.txt", data, len(data)) })
}
