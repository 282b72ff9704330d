package extract

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// minimalPDF writes a small valid PDF: one page per content stream, with
// Helvetica as font F1. encrypted adds a standard security handler whose
// user password is not empty, so no reader can open the file without it.
func minimalPDF(pages []string, encrypted bool) []byte {
	var objs []string
	kids := make([]string, len(pages))
	const font = 3
	for i, content := range pages {
		page, stream := 4+2*i, 5+2*i
		kids[i] = fmt.Sprintf("%d 0 R", page)
		objs = append(objs,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", font, stream),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content)+1, content))
	}
	objs = append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}, objs...)
	trailer := ""
	if encrypted {
		objs = append(objs, "<< /Filter /Standard /V 1 /R 2 /P -44 /O <"+strings.Repeat("5a", 32)+"> /U <"+strings.Repeat("a5", 32)+"> >>")
		trailer = fmt.Sprintf(" /Encrypt %d 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]", len(objs))
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

// word is a string drawn at (x, y) on a page.
type word struct {
	x, y int
	s    string
}

// textPage draws words in Helvetica 12.
func textPage(words ...word) string {
	var b strings.Builder
	for _, w := range words {
		fmt.Fprintf(&b, "BT /F1 12 Tf %d %d Td (%s) Tj ET\n", w.x, w.y, w.s)
	}
	return b.String()
}

func TestReadPDF(t *testing.T) {
	needPDFToText(t)
	data := minimalPDF([]string{
		textPage(word{72, 760, "Annual report 2022"}, word{72, 720, "Total"}, word{300, 720, "28"}, word{400, 720, "2"}),
		textPage(word{72, 760, "Page two"}),
	}, false)
	doc := mustRead(t, "r.pdf", data)
	if doc.Format != FormatPDF {
		t.Errorf("format %q, want pdf", doc.Format)
	}
	want := linesOf(para("Annual report 2022"), spaced("Total", "28", "2"), para("Page two"))
	assertLines(t, doc.Lines, want)
}

func TestReadPDFErrors(t *testing.T) {
	needPDFToText(t)
	tests := []struct {
		name      string
		data      []byte
		kind      error
		fragments []string
	}{
		{"image-only", minimalPDF([]string{"0.5 g 72 72 451 698 re f", ""}, false),
			ErrImageOnly, []string{"scan.pdf: image-only PDF (scanned pages, no text layer) (run OCR first)"}},
		{"encrypted", minimalPDF([]string{textPage(word{72, 760, "secret"})}, true),
			ErrEncrypted, []string{"scan.pdf: encrypted PDF: ", "Incorrect password", "remove the password"}},
		{"damaged", []byte("%PDF-1.4\nnot really a PDF\n"),
			ErrMalformed, []string{"scan.pdf: pdftotext cannot read this PDF: ", "print it to a new PDF"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("scan.pdf", tt.data)
			assertErr(t, err, tt.kind, tt.fragments...)
		})
	}
}

func TestReadPDFNoTool(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Read("r.pdf", minimalPDF([]string{textPage(word{72, 760, "text"})}, false))
	assertErr(t, err, ErrNoPDFTool, "r.pdf: pdftotext not found (install poppler-utils: apt-get install poppler-utils)")
}
