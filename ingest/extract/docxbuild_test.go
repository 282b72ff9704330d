package extract

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"slices"
	"strings"
	"testing"
	"time"
)

// This file builds .docx files for the tests: a minimal but complete
// WordprocessingML package (Word and LibreOffice open it).

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ` +
	`xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>`

const packageRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>`

// docxPackage zips a body (the XML inside <w:body>) and a title into a .docx.
// The core properties carry a creation date, which Read must not take for a
// publication date.
func docxPackage(t testing.TB, body, title string) []byte {
	t.Helper()
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<w:document ` + wordNS + `><w:body>` + body +
		`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
	core := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + html.EscapeString(title) + `</dc:title><dc:creator>党政办公室</dc:creator>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">2023-01-10T08:00:00Z</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">2023-01-12T08:00:00Z</dcterms:modified></cp:coreProperties>`
	return zipFiles(t, map[string]string{
		"[Content_Types].xml": contentTypes,
		"_rels/.rels":         packageRels,
		"word/document.xml":   doc,
		"docProps/core.xml":   core,
	})
}

// zipFiles writes a zip archive with fixed timestamps, in a fixed order, so
// that generated test data is reproducible.
func zipFiles(t testing.TB, files map[string]string) []byte {
	t.Helper()
	first := []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "docProps/core.xml"}
	var rest []string
	for name := range files {
		if !slices.Contains(first, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	order := append(first, rest...)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range order {
		content, ok := files[name]
		if !ok {
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2023, 1, 10, 8, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wp is a paragraph of plain runs; a "\n" in s becomes a w:br.
func wp(s string) string {
	var b strings.Builder
	b.WriteString(`<w:p><w:pPr><w:jc w:val="both"/></w:pPr>`)
	for i, part := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString(`<w:r><w:br/></w:r>`)
		}
		if part != "" {
			fmt.Fprintf(&b, `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>`, html.EscapeString(part))
		}
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// wtc is a table cell. span > 1 sets w:gridSpan; vmerge is "", "restart" or
// "continue".
func wtc(content string, span int, vmerge string) string {
	var pr strings.Builder
	if span > 1 {
		fmt.Fprintf(&pr, `<w:gridSpan w:val="%d"/>`, span)
	}
	switch vmerge {
	case "restart":
		pr.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		pr.WriteString(`<w:vMerge/>`)
	}
	if content == "" {
		content = `<w:p/>`
	}
	return `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/>` + pr.String() + `</w:tcPr>` + content + `</w:tc>`
}

func wtr(cells ...string) string { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }

func wtbl(rows ...string) string {
	return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>` + strings.Join(rows, "") + `</w:tbl>`
}
