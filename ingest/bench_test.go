package ingest

import (
	"bytes"
	"encoding/json"
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

// BenchmarkParseDemo parses the demo corpus (479 reports in five layouts:
// text, HTML pages, DOCX) and reports reports per second per core, by the
// clock and by CPU time.
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
	cpu := cpuTime()
	for b.Loop() {
		for i, f := range files {
			if r := Parse(f, data[i]); r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(files))/b.Elapsed().Seconds(), "reports/s")
	if used := cpuTime() - cpu; used > 0 {
		b.ReportMetric(float64(b.N*len(files))/used.Seconds(), "reports/cpu-s")
	}
}

// BenchmarkParseForms parses the demo corpus form by form (tab text, pipe
// tables, one cell per line, HTML pages, DOCX) and the real reports
// flattened onto one line (../shared/corpus/real, when present), and
// reports reports per second per core for each. XXGK_BENCH_CORPUS names
// another corpus with an answers.jsonl (a generated nation, whose form mix
// differs from the demo's); at most benchPerForm reports of each form are
// taken from it, spread over the corpus.
func BenchmarkParseForms(b *testing.B) {
	dir := "../fixtures/demo"
	if env := os.Getenv("XXGK_BENCH_CORPUS"); env != "" {
		dir = env
	}
	answers, err := os.ReadFile(filepath.Join(dir, "answers.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	byForm := map[string][]string{}
	for _, line := range bytes.Split(answers, []byte("\n")) {
		var a struct{ File, Layout string }
		if json.Unmarshal(line, &a) == nil && a.File != "" {
			byForm[a.Layout] = append(byForm[a.Layout], filepath.Join(dir, a.File))
		}
	}
	for form, files := range byForm {
		byForm[form] = spread(files, benchPerForm)
	}
	if flat, _ := filepath.Glob(filepath.Join(realDir, "*.txt")); len(flat) > 0 {
		byForm["flattened"] = flat
	}
	for _, form := range []string{"tsv", "pipe", "lines", "html", "docx", "flattened"} {
		files := byForm[form]
		if len(files) == 0 {
			continue
		}
		data := make([][]byte, len(files))
		for i, f := range files {
			if data[i], err = os.ReadFile(f); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(form, func(b *testing.B) {
			n := 0
			cpu := cpuTime()
			for b.Loop() {
				i := n % len(files)
				if r := Parse(files[i], data[i]); r.Err != nil {
					b.Fatal(r.Err)
				}
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "reports/s")
			if used := cpuTime() - cpu; used > 0 {
				b.ReportMetric(float64(n)/used.Seconds(), "reports/cpu-s")
			}
		})
	}
}

// benchPerForm bounds the reports of one form BenchmarkParseForms reads
// (the demo has at most 105 of a form; a nation has 80,000).
const benchPerForm = 400

// spread takes at most n of files, evenly spaced.
func spread(files []string, n int) []string {
	if len(files) <= n {
		return files
	}
	out := make([]string, n)
	for i := range out {
		out[i] = files[i*len(files)/n]
	}
	return out
}
