package extract

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"strings"
	"testing"
)

func TestReadDOCX(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Line
	}{
		{"paragraphs, tab and line break",
			wp("青石镇人民政府") + wp("发布日期：2023-01-18") +
				`<w:p><w:r><w:t>第一行</w:t><w:tab/><w:t>续</w:t><w:br/><w:t xml:space="preserve">  第二行 </w:t></w:r></w:p>` + `<w:p/>`,
			linesOf(para("青石镇人民政府"), para("发布日期：2023-01-18"), para("第一行 续"), para("第二行"))},
		{"runs split mid-word join",
			`<w:p><w:r><w:t>本年新</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>收</w:t></w:r><w:hyperlink><w:r><w:t>申请</w:t></w:r></w:hyperlink></w:p>`,
			linesOf(para("本年新收申请"))},
		{"gridSpan cell once, vMerge continuation empty",
			wtbl(
				wtr(wtc(wp("说明"), 3, "restart"), wtc(wp("申请人情况"), 2, "")),
				wtr(wtc("", 3, "continue"), wtc(wp("自然人"), 1, ""), wtc(wp("总计"), 1, "")),
				wtr(wtc(wp("三、本年度办理结果"), 1, "restart"), wtc(wp("（一）予以公开"), 2, ""), wtc(wp("11"), 1, ""), wtc(wp("13"), 1, "")),
				wtr(wtc("", 1, "continue"), wtc(wp("（二）部分公开"), 2, ""), wtc(wp("3"), 1, ""), wtc(wp("4"), 1, "")),
			),
			linesOf(row("说明", "申请人情况"), row("", "自然人", "总计"),
				row("三、本年度办理结果", "（一）予以公开", "11", "13"), row("", "（二）部分公开", "3", "4"))},
		{"cell paragraphs and breaks joined, blank cells empty",
			wtbl(wtr(wtc(wp("商业")+wp("企业"), 1, ""), wtc(wp("科研\n机构"), 1, ""), wtc(wp("Total")+wp("总计"), 1, ""),
				wtc(wp("\u3000\u3000"), 1, ""), wtc("", 1, ""), wtc(wp("0"), 1, ""))),
			linesOf(row("商业企业", "科研机构", "Total 总计", "", "", "0"))},
		{"all-empty rows dropped",
			wtbl(wtr(wtc("", 1, ""), wtc(wp("\u3000"), 1, "")), wtr(wtc(wp("规章"), 1, ""), wtc(wp("0"), 1, ""))),
			linesOf(row("规章", "0"))},
		{"nested layout table in document order",
			wp("页眉") + wtbl(wtr(wtc(wp("左栏"), 1, ""), wtc(wp("二、主动公开政府信息情况")+
				wtbl(wtr(wtc(wp("规章"), 1, ""), wtc(wp("0"), 1, "")))+wp("三、收到和处理政府信息公开申请情况"), 1, ""))) + wp("页脚"),
			linesOf(para("页眉"), para("左栏"), para("二、主动公开政府信息情况"), row("规章", "0"),
				para("三、收到和处理政府信息公开申请情况"), para("页脚"))},
		{"text box in a layout cell keeps its place",
			wtbl(wtr(wtc(wp("前")+`<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:drawing><wps:txbx><w:txbxContent>`+wp("文本框")+
				`</w:txbxContent></wps:txbx></w:drawing></w:r></w:p>`+wp("后"), 1, ""),
				wtc(wp("右栏")+wtbl(wtr(wtc(wp("规章"), 1, ""), wtc(wp("0"), 1, ""))), 1, ""))),
			linesOf(para("前"), para("正文"), para("文本框"), para("后"), para("右栏"), row("规章", "0"))},
		{"content controls, revisions and alternate content",
			`<w:sdt><w:sdtContent>` + wp("控件内") + `</w:sdtContent></w:sdt>` +
				`<w:p><w:ins><w:r><w:t>新增</w:t></w:r></w:ins><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>` +
				`<w:p><w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + wp("文本框") +
				`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>` + wp("文本框") +
				`</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
			linesOf(para("控件内"), para("新增"), para("正文"), para("文本框"))},
		{"text on both sides of a text box stays one paragraph, the box after it",
			`<w:p><w:r><w:t xml:space="preserve">前段 </w:t></w:r><w:r><w:drawing><wps:txbx><w:txbxContent>` + wp("框内") + wp("框内二") +
				`</w:txbxContent></wps:txbx></w:drawing></w:r><w:r><w:t xml:space="preserve"> 后段</w:t><w:br/><w:t>次行</w:t></w:r></w:p>`,
			linesOf(para("前段 后段"), para("次行"), para("框内"), para("框内二"))},
		{"rows wrapped in a content control",
			`<w:tbl><w:sdt><w:sdtContent>` + wtr(wtc(wp("行政许可"), 1, ""), wtc(wp("36"), 1, "")) + `</w:sdtContent></w:sdt></w:tbl>`,
			linesOf(row("行政许可", "36"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := mustRead(t, "t.docx", docxPackage(t, tt.body, "青石镇人民政府2022年政府信息公开工作年度报告"))
			if doc.Format != FormatDOCX {
				t.Errorf("format %q, want docx", doc.Format)
			}
			if doc.Title != "青石镇人民政府2022年政府信息公开工作年度报告" {
				t.Errorf("title %q", doc.Title)
			}
			if doc.Published != "" {
				t.Errorf("published %q: core.xml dates are file metadata", doc.Published)
			}
			assertLines(t, doc.Lines, tt.want)
		})
	}
}

func TestReadDOCXErrors(t *testing.T) {
	tests := []struct {
		name      string
		data      []byte
		kind      error
		fragments []string
	}{
		{"malformed XML", zipFiles(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body><w:p><w:r><w:t>半截`}),
			ErrMalformed, []string{"r.docx: damaged DOCX: word/document.xml", "save it again"}},
		{"mismatched tags", zipFiles(t, map[string]string{"word/document.xml": `<w:document ` + wordNS + `><w:body><w:p></w:tbl></w:body></w:document>`}),
			ErrMalformed, []string{"damaged DOCX"}},
		{"no text", docxPackage(t, `<w:p/>`+wtbl(wtr(wtc("", 1, ""))), ""),
			ErrEmpty, []string{"Word document without text"}},
		{"zip without document.xml", zipFiles(t, map[string]string{"xl/workbook.xml": `<workbook/>`}),
			ErrUnsupported, []string{"Excel workbook (.xlsx)"}},
		{"other zip", zipFiles(t, map[string]string{"report.txt": "青石镇"}),
			ErrUnsupported, []string{"zip archive is not a report form we read"}},
		{"truncated zip", docxPackage(t, wp("正文"), "")[:200],
			ErrMalformed, []string{"damaged zip archive"}},
		{"nested too deeply", docxPackage(t, strings.Repeat("<w:sdt>", maxDepth+1)+wp("正文")+strings.Repeat("</w:sdt>", maxDepth+1), ""),
			ErrMalformed, []string{"damaged DOCX: word/document.xml", "XML nested too deeply"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read("r.docx", tt.data)
			assertErr(t, err, tt.kind, tt.fragments...)
		})
	}
}

// TestReadDOCXZipBomb checks the guards against zip bombs: the size the zip
// header declares, and (when the header lies) archive/zip's own refusal to
// inflate past the declared size.
func TestReadDOCXZipBomb(t *testing.T) {
	old := maxPartSize
	maxPartSize = 1 << 10
	t.Cleanup(func() { maxPartSize = old })

	big := `<w:document ` + wordNS + `><w:body>` + strings.Repeat(wp("重复"), 200) + `</w:body></w:document>`
	honest := zipFiles(t, map[string]string{"word/document.xml": big})
	_, err := Read("bomb.docx", honest)
	assertErr(t, err, ErrTooLarge, "bomb.docx: word/document.xml expands to over 1 KB")

	_, err = Read("liar.docx", lyingZip(t, "word/document.xml", big, 100))
	assertErr(t, err, ErrMalformed, "liar.docx: damaged DOCX: word/document.xml")
}

// lyingZip stores content deflated under a header that claims size bytes.
func lyingZip(t *testing.T, name, content string, size uint64) []byte {
	t.Helper()
	var deflated bytes.Buffer
	fw, err := flate.NewWriter(&deflated, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write([]byte(content))
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate,
		CompressedSize64: uint64(deflated.Len()), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(deflated.Bytes())
	zw.Close()
	return buf.Bytes()
}
