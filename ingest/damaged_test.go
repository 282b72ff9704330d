package ingest

import (
	"path/filepath"
	"strings"
	"testing"

	"xxgk/ingest/schema"
)

// TestDamagedForms reads the base report (testdata/cases/base-2021.txt)
// rendered the ways crawlers, converters and people damage real reports,
// one damage per file in testdata/damaged (answers as in testdata/tables:
// flatCase). Every figure must be the base's, except the keys listed absent;
// none may be wrong.
func TestDamagedForms(t *testing.T) {
	base := Parse("base.txt", []byte(base2021(t)))
	answers, err := filepath.Glob("testdata/damaged/*.json")
	if err != nil || len(answers) == 0 {
		t.Fatalf("no damaged forms: %v", err)
	}
	for _, a := range answers {
		name := strings.TrimSuffix(filepath.Base(a), ".json")
		t.Run(name, func(t *testing.T) {
			c := readFlatCase(t, a)
			inputs, err := filepath.Glob(strings.TrimSuffix(a, ".json") + ".*")
			if err != nil {
				t.Fatal(err)
			}
			var input string
			for _, in := range inputs {
				if in != a {
					input = in
				}
			}
			if input == "" {
				t.Fatalf("no input beside %s", a)
			}
			r := ParseFile(input)
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			absent := checkAbsentAndWanted(t, r, c)
			for k, w := range base.Figures {
				if g, ok := r.Figures[k]; !absent[k] && (!ok || !equal(g, w)) {
					t.Errorf("%s = %v (present %v), want %v as in the tab text", k, g, ok, w)
				}
			}
			for k, g := range r.Figures {
				if _, ok := base.Figures[k]; !ok {
					t.Errorf("%s = %v, not in the base report", k, g)
				}
			}
			if r.Org != base.Org || r.Year != base.Year || r.Template != base.Template {
				t.Errorf("identity %q %d %q, want %q %d %q", r.Org, r.Year, r.Template, base.Org, base.Year, base.Template)
			}
			if len(r.Checks) != len(base.Checks) {
				t.Errorf("checks %v, want %v", r.Checks, base.Checks)
			}
			for _, w := range c.Warnings {
				if !anyMatch(w, r.Warnings) {
					t.Errorf("no warning matches %q", w)
				}
			}
			if t.Failed() {
				t.Logf("%s\nwarnings:\n  %s", c.Note, strings.Join(r.Warnings, "\n  "))
			}
		})
	}
}

// TestLayoutShortProactiveRow: in layout text a part 二 row whose first cell
// was printed blank leaves figures that no longer start under the first
// column; with no row nearby printing every column, none is placed rather
// than the first taken for the first column.
func TestLayoutShortProactiveRow(t *testing.T) {
	head := "青石镇2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n" +
		"   信息内容                 本年制发件数     本年废止件数     现行有效件数\n"
	tests := []struct {
		name string
		rows string
		want map[string]float64 // figures that must come out
		none []string           // keys that must stay absent
	}{
		{"first cell blank", "   行政规范性文件                                5                5\n",
			nil, []string{"s2.normative.issued", "s2.normative.repealed", "s2.normative.in_force"}},
		{"a full row nearby tells the columns",
			"   规章                     1                0                3\n   行政规范性文件                                5                5\n",
			map[string]float64{"s2.regulations.issued": 1, "s2.normative.issued": 0, "s2.normative.repealed": 5, "s2.normative.in_force": 5}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Parse("r.txt", []byte(head+tc.rows))
			for k, w := range tc.want {
				if g, ok := r.Figures[k]; !ok || g != w {
					t.Errorf("%s = %v (present %v), want %v", k, g, ok, w)
				}
			}
			for _, k := range tc.none {
				if r.Has(k) {
					t.Errorf("%s = %v, want absent", k, r.Figures[k])
				}
			}
			if len(tc.none) > 0 && !anyMatch("columns cannot be told", r.Warnings) {
				t.Errorf("no warning says why: %q", r.Warnings)
			}
		})
	}
}

// TestLayoutColumnsFromAllRows: in layout text where zeros are printed as
// empty cells no row prints all seven applicant columns, but the figures of
// the rows together stand in seven clear columns: each row is read by them.
func TestLayoutColumnsFromAllRows(t *testing.T) {
	cols := []int{40, 48, 56, 64, 72, 80, 88}
	line := func(label string, cells map[int]string) string {
		b := []rune("   " + label)
		for k := 0; k < len(cols); k++ {
			v, ok := cells[k]
			if !ok {
				continue
			}
			for len(b) < cols[k] {
				b = append(b, ' ')
			}
			b = append(b, []rune(v)...)
		}
		return string(b) + "\n"
	}
	text := "青石镇2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" +
		line("申请人情况", nil) +
		line("一、本年新收政府信息公开申请数量", map[int]string{0: "5", 1: "1", 4: "1", 6: "7"}) +
		line("二、上年结转政府信息公开申请数量", map[int]string{0: "1", 6: "1"}) +
		line("三、本年度办理结果（一）予以公开", map[int]string{0: "2", 2: "1", 3: "1", 5: "1", 6: "5"})
	r := Parse("r.txt", []byte(text))
	want := map[string][]float64{
		"new":        {5, 1, 0, 0, 1, 0, 7},
		"carried_in": {1, 0, 0, 0, 0, 0, 1},
		"granted":    {2, 0, 1, 1, 0, 1, 5},
	}
	for row, vals := range want {
		for i, k := range schema.S3RowKeys(row) {
			if g, ok := r.Figures[k]; !ok || g != vals[i] {
				t.Errorf("%s = %v (present %v), want %v", k, g, ok, vals[i])
			}
		}
	}
	if t.Failed() {
		t.Logf("warnings: %q", r.Warnings)
	}
}

// TestProactiveRowsRunTogether: part 二 rows that ran together without their
// headers are never placed under a guessed shape: with the template
// undecided a flattened run is left (the templates name and shape the cells
// differently), and a line of text holding several rows is not read as the
// first row's.
func TestProactiveRowsRunTogether(t *testing.T) {
	r := &Report{Figures: map[string]float64{}}
	p := &parser{report: r, blank: map[string]bool{}, splitOps: docSplitOps, combos: docCombos}
	p.flatProactive("规章000行政规范性文件000行政许可550行政处罚4119行政强制195行政事业性收费0")
	if len(r.Figures) != 0 || !anyMatch("do not tell the template", r.Warnings) {
		t.Errorf("template undecided: figures %v, warnings %q; want none and a warning", r.Figures, r.Warnings)
	}
	rep := Parse("r.txt", []byte("青石镇2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章 0 0 0 行政许可 5\n"))
	for k, v := range rep.Figures {
		if strings.HasPrefix(k, "s2.") {
			t.Errorf("%s = %v from a line of several rows", k, v)
		}
	}
	if !anyMatch("runs several rows together", rep.Warnings) {
		t.Errorf("no warning says why: %q", rep.Warnings)
	}
}
