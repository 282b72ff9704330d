package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParse measures text reports parsed per second on one core; the
// goal is at least 5,000.
func BenchmarkParse(b *testing.B) {
	for _, name := range []string{"testdata/cases/base-2021.txt", "../fixtures/seed/danzhu-2020.txt"} {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(name), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if r := Parse(name, data); r.Err != nil {
					b.Fatal(r.Err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}

// FuzzParse feeds the parser arbitrary bytes: it must return a report or an
// error for every input, never panic or hang.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"testdata/cases/base-2021.txt", "../fixtures/seed/danzhu-2020.txt"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	f.Add([]byte("<html><body><table><tr><td>规章</td><td colspan=3>1</td></tr></table></body></html>"))
	f.Add([]byte("三、收到和处理政府信息公开申请情况\n（一）予以公开\n1\n2\n-\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := Parse("fuzz.txt", data)
		if errors.Is(r.Err, ErrInternal) {
			t.Fatal(r.Err)
		}
	})
}

// BenchmarkParseDemo parses the demo corpus (415 reports in five layouts:
// text, HTML pages, DOCX) and reports reports per second per core.
func BenchmarkParseDemo(b *testing.B) {
	files, err := filepath.Glob("../fixtures/demo/reports/*/*/*")
	if err != nil || len(files) == 0 {
		b.Fatalf("demo corpus: %v", err)
	}
	data := make([][]byte, len(files))
	for i, f := range files {
		if data[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		for i, f := range files {
			if r := Parse(f, data[i]); r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(files))/b.Elapsed().Seconds(), "reports/s")
}
