package ingest

import (
	"archive/zip"
	"bytes"
	"html"
	"strings"
	"testing"

	"xxgk/ingest/schema"
)

// blankForms renders a report written as tab-separated text in the forms
// whose tables keep every cell: tab text, pipe text, an HTML page and a DOCX
// document. Empty cells stay empty (&nbsp; in HTML, U+3000 in DOCX, as the
// official template's blank cells are).
func blankForms(t testing.TB, text string) map[string][]byte {
	t.Helper()
	lines := strings.Split(text, "\n")
	var pipe, page, body strings.Builder
	page.WriteString(`<html><head><meta charset="utf-8"><title>report</title></head><body>`)
	inTable := false
	for _, l := range lines {
		if !strings.Contains(l, "\t") {
			pipe.WriteString(l + "\n")
			if inTable {
				page.WriteString("</table>")
				body.WriteString("</w:tbl>")
				inTable = false
			}
			page.WriteString("<p>" + html.EscapeString(l) + "</p>\n")
			body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + html.EscapeString(l) + `</w:t></w:r></w:p>`)
			continue
		}
		cells := strings.Split(l, "\t")
		pipe.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		if !inTable {
			page.WriteString("<table>")
			body.WriteString("<w:tbl>")
			inTable = true
		}
		page.WriteString("<tr>")
		body.WriteString("<w:tr>")
		for _, c := range cells {
			if c == "" {
				page.WriteString("<td>&nbsp;</td>")
				body.WriteString(`<w:tc><w:p><w:r><w:t xml:space="preserve">` + "\u3000" + `</w:t></w:r></w:p></w:tc>`)
				continue
			}
			page.WriteString("<td>" + html.EscapeString(c) + "</td>")
			body.WriteString(`<w:tc><w:p><w:r><w:t>` + html.EscapeString(c) + `</w:t></w:r></w:p></w:tc>`)
		}
		page.WriteString("</tr>\n")
		body.WriteString("</w:tr>")
	}
	if inTable {
		page.WriteString("</table>")
		body.WriteString("</w:tbl>")
	}
	page.WriteString("</body></html>")
	return map[string][]byte{
		"tab.txt":   []byte(text),
		"pipe.md":   []byte(pipe.String()),
		"page.html": []byte(page.String()),
		"word.docx": docxOf(t, body.String()),
	}
}

// docxOf zips a document body into the smallest DOCX the reader accepts.
func docxOf(t testing.TB, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	doc := `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body + `</w:body></w:document>`
	if _, err := w.Write([]byte(doc)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// emptyCells blanks every figure of the rows that start with one of prefixes
// (after leading tabs), keeping the cells.
func emptyCells(text string, prefixes ...string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		label := strings.TrimLeft(l, "\t")
		for _, p := range prefixes {
			if !strings.HasPrefix(label, p) && !strings.Contains(l, "\t"+p) {
				continue
			}
			cells := strings.Split(l, "\t")
			for j, c := range cells {
				if _, ok := parseValue(c); ok {
					cells[j] = ""
				}
			}
			lines[i] = strings.Join(cells, "\t")
		}
	}
	return strings.Join(lines, "\n")
}

// TestBlankRows: rows and groups printed empty where their cells exist are
// 0 and listed blank, in every form that keeps cells; figures elsewhere are
// as printed.
func TestBlankRows(t *testing.T) {
	base := base2021(t)
	want := Parse("base.txt", []byte(base))
	rowKeys := func(rows ...string) []string {
		var out []string
		for _, r := range rows {
			out = append(out, schema.S3RowKeys(r)...)
		}
		return out
	}
	tests := []struct {
		name  string
		text  string
		blank []string
	}{
		{"part 三 rows of empty cells",
			emptyCells(base, "1.属于国家秘密", "2.没有现成信息需要另行制作", "5.要求行政机关确认"),
			rowKeys("denied.secret", "unavailable.needs_creation", "rejected.confirm")},
		{"a part 二 row of empty cells",
			replaceLine(t, base, "行政强制", "行政强制\t"),
			[]string{"s2.coercion.decisions"}},
		{"part 四's row of fifteen empty cells",
			replaceLine(t, base, "1\t0\t0\t1\t2", strings.Repeat("\t", 14)),
			appealKeys()},
	}
	for _, tc := range tests {
		for form, data := range blankForms(t, tc.text) {
			t.Run(tc.name+"/"+form, func(t *testing.T) {
				r := Parse(form, data)
				if r.Err != nil {
					t.Fatal(r.Err)
				}
				blank := map[string]bool{}
				for _, k := range tc.blank {
					blank[k] = true
					if g, ok := r.Figures[k]; !ok || g != 0 {
						t.Errorf("%s = %v (present %v), want 0", k, g, ok)
					}
				}
				for _, k := range r.Blank {
					if !blank[k] {
						t.Errorf("%s listed blank", k)
					}
				}
				if len(r.Blank) != len(tc.blank) {
					t.Errorf("%d keys blank, want %d: %v", len(r.Blank), len(tc.blank), r.Blank)
				}
				for k, w := range want.Figures {
					if g, ok := r.Figures[k]; !blank[k] && (!ok || g != w) {
						t.Errorf("%s = %v (present %v), want %v", k, g, ok, w)
					}
				}
				if t.Failed() {
					t.Logf("warnings: %q", r.Warnings)
				}
			})
		}
	}
}

// TestBlankTotalCell: an empty 总计 cell over figures is 0 and flagged in an
// HTML or DOCX table, where the cell was printed; in text, where extraction
// may have lost it, it stays absent with a warning.
func TestBlankTotalCell(t *testing.T) {
	text := replaceLine(t, base2021(t), "\t（四）无法提供\t1.本机关不掌握相关政府信息",
		"\t（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t1\t0\t")
	for form, data := range blankForms(t, text) {
		t.Run(form, func(t *testing.T) {
			r := Parse(form, data)
			k := "s3.unavailable.not_held.total"
			exact := strings.HasSuffix(form, ".html") || strings.HasSuffix(form, ".docx")
			got, ok := r.Figures[k]
			switch {
			case exact && (!ok || got != 0 || !containsString(r.Blank, k)):
				t.Errorf("%s = %v (present %v), blank %v; want 0 and blank", k, got, ok, r.Blank)
			case exact && !anyCheck(r.Checks, schema.RuleApplicants, k):
				t.Errorf("checks %v do not flag rule 3 at %s", r.Checks, k)
			case !exact && (ok || !anyMatch("total cell is empty", r.Warnings)):
				t.Errorf("%s = %v (present %v), warnings %q; want absent with a warning", k, got, ok, r.Warnings)
			}
		})
	}
}

// TestBlankFormStaysBlank: a table where every value cell is empty is a blank
// form; its empty cells are not a report of zero activity.
func TestBlankFormStaysBlank(t *testing.T) {
	base := base2021(t)
	var prefixes []string
	for _, l := range strings.Split(base, "\n") {
		if strings.Contains(l, "\t") {
			prefixes = append(prefixes, strings.Split(strings.TrimLeft(l, "\t"), "\t")[0])
		}
	}
	text := emptyCells(base, prefixes...)
	for form, data := range blankForms(t, text) {
		t.Run(form, func(t *testing.T) {
			r := Parse(form, data)
			if n := len(r.Figures) - boolInt(r.Has(schema.ProactiveItems)); n != 0 || len(r.Blank) != 0 {
				t.Errorf("%d figures, %d blank; want none", n, len(r.Blank))
			}
			if !anyMatch("blank form", r.Warnings) {
				t.Errorf("warnings %q do not say it is a blank form", r.Warnings)
			}
		})
	}
}

func appealKeys() []string {
	var out []string
	for _, g := range schema.S4Groups {
		for _, c := range schema.S4Columns {
			out = append(out, schema.S4Key(g.Key, c.Key))
		}
	}
	return out
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func anyCheck(vs []schema.Violation, rule int, where string) bool {
	for _, v := range vs {
		if v.Rule == rule && v.Where == where {
			return true
		}
	}
	return false
}

// markCells writes mark in every figure cell of the tab-separated rows.
func markCells(text, mark string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if !strings.Contains(l, "\t") {
			continue
		}
		cells := strings.Split(l, "\t")
		for j, c := range cells {
			if v, ok := parseValue(c); ok && !v.blank {
				cells[j] = mark
			}
		}
		lines[i] = strings.Join(cells, "\t")
	}
	return strings.Join(lines, "\n")
}

// TestMarkedCells: a body with no activity that writes "none" in every cell
// ("/", "—", "-", "无") printed its zeros: every figure is 0 and blank, and
// the report is not a blank form (an empty template's cells are empty, not
// marked). A 总计 written with a mark over parts that are not all zero was
// printed too, in text as in tables: 0, flagged by rule 3.
func TestMarkedCells(t *testing.T) {
	base := base2021(t)
	want := Parse("base.txt", []byte(base))
	for _, mark := range []string{"/", "—", "-", "无"} {
		for form, data := range blankForms(t, markCells(base, mark)) {
			t.Run("all "+mark+"/"+form, func(t *testing.T) {
				r := Parse(form, data)
				n := 0
				for k := range want.Figures {
					if k == schema.ProactiveItems {
						continue
					}
					n++
					if g, ok := r.Figures[k]; !ok || g != 0 {
						t.Errorf("%s = %v (present %v), want 0", k, g, ok)
					}
				}
				if len(r.Blank) != n {
					t.Errorf("%d keys blank, want %d", len(r.Blank), n)
				}
				if anyMatch("blank form", r.Warnings) {
					t.Errorf("called a blank form: %q", r.Warnings)
				}
			})
		}
		text := replaceLine(t, base, "\t（四）无法提供\t1.本机关不掌握相关政府信息",
			"\t（四）无法提供\t1.本机关不掌握相关政府信息\t1\t0\t0\t0\t1\t0\t"+mark)
		for form, data := range blankForms(t, text) {
			t.Run("total "+mark+"/"+form, func(t *testing.T) {
				r := Parse(form, data)
				k := "s3.unavailable.not_held.total"
				if g, ok := r.Figures[k]; !ok || g != 0 || !containsString(r.Blank, k) {
					t.Errorf("%s = %v (present %v), blank %v; want 0 and blank", k, g, ok, r.Blank)
				}
				if !anyCheck(r.Checks, schema.RuleApplicants, k) {
					t.Errorf("checks %v do not flag rule 3 at %s", r.Checks, k)
				}
			})
		}
	}
}

// TestCollapsedOtherRowBlank: a 2021 report that prints (六)其他处理 as one
// collapsed row, left empty, has that row's seven blank cells; the same
// label over the three sub-rows is a group label, not a row.
func TestCollapsedOtherRowBlank(t *testing.T) {
	lines := strings.Split(base2021(t), "\n")
	var out []string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "\t（六）其他处理"):
			out = append(out, "\t（六）其他处理"+strings.Repeat("\t", 7))
		case strings.HasPrefix(l, "\t\t2.申请人逾期未按"), strings.HasPrefix(l, "\t\t3.其他"):
		default:
			out = append(out, l)
		}
	}
	for form, data := range blankForms(t, strings.Join(out, "\n")) {
		t.Run(form, func(t *testing.T) {
			r := Parse(form, data)
			for _, k := range schema.S3RowKeys("other") {
				if g, ok := r.Figures[k]; !ok || g != 0 || !containsString(r.Blank, k) {
					t.Errorf("%s = %v (present %v), blank %v; want 0 and blank", k, g, ok, containsString(r.Blank, k))
				}
			}
			for _, k := range schema.S3RowKeys("other.no_correction") {
				if r.Has(k) {
					t.Errorf("%s = %v, want absent", k, r.Figures[k])
				}
			}
		})
	}
	for form, data := range blankForms(t, base2021(t)) {
		t.Run("sub-rows/"+form, func(t *testing.T) {
			r := Parse(form, data)
			for _, k := range r.Blank {
				if strings.HasPrefix(k, "s3.other.") && strings.Count(k, ".") == 2 {
					t.Errorf("%s listed blank over printed sub-rows", k)
				}
			}
		})
	}
}
