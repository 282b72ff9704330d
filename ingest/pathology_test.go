package ingest

import (
	"archive/zip"
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// Pathological inputs: what each costs must stay linear in its size with a
// small constant. Allocation is measured (runtime.MemStats.TotalAlloc, every
// byte allocated while parsing, garbage included, so an upper bound of the
// peak heap), never time.

// allocated returns the bytes allocated by f.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// fixedAllowance is what parsing any document may allocate besides its
// share proportional to size.
const fixedAllowance = 32 << 20

func zipped(t testing.TB, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pathologicalInputs(t testing.TB) []struct {
	name string
	data []byte
	size int // what the bound is proportional to: the bytes once inflated
} {
	const mb = 1 << 20
	fill := func(unit string, n int) string { return strings.Repeat(unit, n/len(unit)) }
	tiny := fill(`<w:p><w:r><w:t>a</w:t></w:r></w:p>`, 8*mb)
	docx := `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		tiny + `</w:body></w:document>`
	return []struct {
		name string
		data []byte
		size int
	}{
		{"prose on one line", []byte(fill("2023年，本镇主动公开政府信息65条，其中工作动态12条。", 4*mb)), 4 * mb},
		{"flattened rows on one line", []byte(fill("一、本年新收政府信息公开申请数量5100107二、上年结转政府信息公开申请数量1000001", 4*mb)), 4 * mb},
		{"flattened pieces on many lines", []byte(fill("三、本年度办理结果（一）予以公开2100003（二）部分公开\n", 4*mb)), 4 * mb},
		{"table rows without a title", []byte(fill("1.属于国家秘密\t5\t1\t0\t0\t1\t0\t7\t9\n", 4*mb)), 4 * mb},
		{"pipe rows that fit nothing", []byte(fill("| 8.属于行政查询事项 | 1 | 2 | 3 |\n", 4*mb)), 4 * mb},
		{"page of tiny elements", []byte("<html><body>" + fill("<p>a</p>", 4*mb) + "</body></html>"), 4 * mb},
		{"page of table rows", []byte("<html><body><table>" + fill("<tr><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>", 4*mb) + "</table></body></html>"), 4 * mb},
		{"Word document of tiny paragraphs", zipped(t, "word/document.xml", docx), len(docx)},
	}
}

// TestPathologicalInputsBounded: allocation within 10× the input plus a fixed
// allowance, warnings capped, whatever the shape.
func TestPathologicalInputsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates a few hundred MB")
	}
	for _, in := range pathologicalInputs(t) {
		t.Run(in.name, func(t *testing.T) {
			var r *Report
			got := allocated(func() { r = Parse("x", in.data) })
			bound := uint64(10*in.size + fixedAllowance)
			t.Logf("%d bytes (%d inflated): %d MB allocated, bound %d MB", len(in.data), in.size, got>>20, bound>>20)
			if got > bound && !raceEnabled {
				t.Errorf("allocated %d MB, over %d MB", got>>20, bound>>20)
			}
			if len(r.Warnings) > maxWarnings+1 {
				t.Errorf("%d warnings, want at most %d", len(r.Warnings), maxWarnings+1)
			}
		})
	}
}

// TestStrayBytes: a few invalid bytes in a UTF-8 report are read as U+FFFD,
// with a warning that says where, not taken for another encoding.
func TestStrayBytes(t *testing.T) {
	// Three stray bytes, each before a full stop of the prose.
	text := []byte(strings.Replace(base2021(t), "。", "\xff。", 3))
	r := Parse("stray.txt", text)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	if r.Org != "青石镇人民政府" || !r.Has("s3.new.total") {
		t.Errorf("org %q, s3.new.total present %v", r.Org, r.Has("s3.new.total"))
	}
	if !anyMatch(`3 bytes are not valid UTF-8 \(the first at byte \d+, line 4\)`, r.Warnings) {
		t.Errorf("warnings %q do not say where the invalid bytes are", r.Warnings)
	}
}
