package ingest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// flatCase is the answer file beside a flattened test report in
// testdata/tables: figures that must come out, keys that must stay absent,
// warnings that must be given. With same_as_base, every other figure must
// equal the tab-separated base report's.
type flatCase struct {
	Note       string             `json:"note"`
	SameAsBase bool               `json:"same_as_base"`
	Want       map[string]float64 `json:"want"`
	Absent     []string           `json:"absent"`
	Warnings   []string           `json:"warnings"`
}

// readFlatCase reads the answers of a case (testdata/tables, testdata/damaged).
func readFlatCase(t *testing.T, path string) flatCase {
	t.Helper()
	var c flatCase
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkAbsentAndWanted checks the case's keys listed absent and its wanted
// figures in r, and returns the keys listed absent.
func checkAbsentAndWanted(t *testing.T, r *Report, c flatCase) map[string]bool {
	t.Helper()
	absent := map[string]bool{}
	for _, k := range c.Absent {
		absent[k] = true
		if r.Has(k) {
			t.Errorf("%s = %v, want absent", k, r.Figures[k])
		}
	}
	for k, w := range c.Want {
		if g, ok := r.Figures[k]; !ok || !equal(g, w) {
			t.Errorf("%s = %v (present %v), want %v", k, g, ok, w)
		}
	}
	return absent
}

// TestFlattened reads reports whose body was flattened onto one line, each
// damaged in one way: labels split by spaces, item numbers glued to runs, a
// run two splits fit, a run no split fits, nothing placeable at all.
func TestFlattened(t *testing.T) {
	base := Parse("base.txt", []byte(base2021(t)))
	answers, err := filepath.Glob("testdata/tables/flat-*.json")
	if err != nil || len(answers) == 0 {
		t.Fatalf("no flattened cases: %v", err)
	}
	for _, a := range answers {
		name := strings.TrimSuffix(filepath.Base(a), ".json")
		t.Run(name, func(t *testing.T) {
			c := readFlatCase(t, a)
			r := ParseFile(strings.TrimSuffix(a, ".json") + ".txt")
			if r.Err != nil {
				t.Fatal(r.Err)
			}
			absent := checkAbsentAndWanted(t, r, c)
			if c.SameAsBase {
				for k, w := range base.Figures {
					if g, ok := r.Figures[k]; !absent[k] && (!ok || !equal(g, w)) {
						t.Errorf("%s = %v (present %v), want %v as in the tab text", k, g, ok, w)
					}
				}
				if r.Org != base.Org || r.Year != base.Year || r.Template != base.Template {
					t.Errorf("identity %q %d %q, want %q %d %q", r.Org, r.Year, r.Template, base.Org, base.Year, base.Template)
				}
			}
			for _, w := range c.Warnings {
				if !anyMatch(w, r.Warnings) {
					t.Errorf("no warning matches %q", w)
				}
			}
			for _, w := range r.Warnings {
				if strings.Contains(w, "blank form") {
					t.Errorf("called a blank form: %s", w)
				}
			}
			if t.Failed() {
				t.Logf("%s\nwarnings:\n  %s", c.Note, strings.Join(r.Warnings, "\n  "))
			}
		})
	}
}

func TestSplitRun(t *testing.T) {
	counts := func(n int) []cellKind { return make([]cellKind, n) }
	tests := []struct {
		name string
		run  string
		spec splitSpec
		want [][]float64
		more bool
	}{
		{"rule 3 decides", "21710000218", splitSpec{kinds: counts(7), group: 7}, [][]float64{{217, 1, 0, 0, 0, 0, 218}}, false},
		{"no leading zeros", "07", splitSpec{kinds: counts(2)}, [][]float64{{0, 7}}, false},
		{"spaces are boundaries", "200 000121", splitSpec{kinds: counts(7), group: 7}, [][]float64{{20, 0, 0, 0, 0, 1, 21}}, false},
		{"two splits keep rule 3", "101000011", splitSpec{kinds: counts(7), group: 7},
			[][]float64{{1, 0, 10, 0, 0, 0, 11}, {10, 1, 0, 0, 0, 0, 11}}, false},
		{"none fits", "1234567", splitSpec{kinds: counts(7), group: 7}, nil, false},
		{"rule 4 per group", "21317000001324019", splitSpec{kinds: counts(15), group: 5},
			[][]float64{{2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19}}, false},
		{"a sign starts a cell", "35-15", splitSpec{kinds: []cellKind{cellCount, cellSigned}}, [][]float64{{35, -15}}, false},
		{"signed, open", "2648-18538", splitSpec{kinds: []cellKind{cellCount, cellSigned, cellCount}},
			[][]float64{{2648, -1, 8538}, {2648, -18, 538}, {2648, -185, 38}, {2648, -1853, 8}}, false},
		{"amount after a space", "9 152.2", splitSpec{kinds: []cellKind{cellCount, cellAmount}}, [][]float64{{9, 152.2}}, false},
		{"decimal point only in amounts", "1.5", splitSpec{kinds: counts(2)}, nil, false},
		{"too few digits", "12", splitSpec{kinds: counts(3)}, nil, false},
		{"too many tokens", "1 2 3 4", splitSpec{kinds: counts(3)}, nil, false},
		{"a thousands separator keeps its digits in one cell", "88 146 4,185", splitSpec{kinds: counts(3)},
			[][]float64{{88, 146, 4185}}, false},
		{"thousands separators in a glued run", "4,18501", splitSpec{kinds: counts(3)}, [][]float64{{4185, 0, 1}}, false},
		{"a total printed with separators", "13,6122520451283214,069", splitSpec{kinds: counts(7), group: 7},
			[][]float64{{13612, 252, 0, 45, 128, 32, 14069}}, false},
		{"blank marks are cells of their own", "5 1 / / 1 / 7", splitSpec{kinds: counts(7), group: 7},
			[][]float64{{5, 1, 0, 0, 1, 0, 7}}, false},
		{"glued among blank marks", "51//1—7", splitSpec{kinds: counts(7), group: 7},
			[][]float64{{5, 1, 0, 0, 1, 0, 7}}, false},
		{"hyphens alone are marks, before digits signs", "- - - - - - -", splitSpec{kinds: counts(7), group: 7},
			[][]float64{{0, 0, 0, 0, 0, 0, 0}}, false},
		{"misgrouped commas are no number", "41,85 0 1", splitSpec{kinds: counts(3)}, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := splitRun(tc.run, tc.spec)
			if got.more != tc.more || len(got.cands) != len(tc.want) {
				t.Fatalf("splitRun(%q) = %v (more %v), want %v (more %v)", tc.run, got.cands, got.more, tc.want, tc.more)
			}
			for i := range tc.want {
				if !sameFloats(got.cands[i], tc.want[i]) {
					t.Errorf("candidate %d = %v, want %v", i, got.cands[i], tc.want[i])
				}
			}
		})
	}
}

// TestSplitRunBounded: a pathological run (hundreds of digits, every split
// keeping the arithmetic) stops at the search's bounds and says so.
func TestSplitRunBounded(t *testing.T) {
	run := strings.Repeat("0", 400)
	got := splitRun(run, splitSpec{kinds: make([]cellKind, 7), group: 7})
	if len(got.cands) != 0 {
		t.Errorf("400 zeros in 7 cells: %d candidates, want 0", len(got.cands))
	}
	long := strings.Repeat("1", 60)
	got = splitRun(long, splitSpec{kinds: make([]cellKind, 15)})
	if !got.more || len(got.cands) > maxSplits {
		t.Errorf("60 ones in 15 cells: %d candidates, more %v; want the bound hit", len(got.cands), got.more)
	}
	// A document's runs share one allowance: once spent, every run stops.
	budget := 10000
	got = splitRun("21710000218", splitSpec{kinds: make([]cellKind, 7), group: 7, budget: &budget})
	if len(got.cands) != 1 || budget >= 10000 {
		t.Errorf("within the allowance: %v, allowance left %d", got.cands, budget)
	}
	budget = 0
	got = splitRun("21710000218", splitSpec{kinds: make([]cellKind, 7), group: 7, budget: &budget})
	if !got.more || len(got.cands) != 0 {
		t.Errorf("allowance spent: %v (more %v), want none and more", got.cands, got.more)
	}
}

// TestGluedRows: rows of ordinary tables whose cells ran together are read
// by the same splitter as flattened text: a label with its digits glued on,
// a run in one cell, part 四's fifteen cells as one token.
func TestGluedRows(t *testing.T) {
	base := base2021(t)
	want := Parse("base.txt", []byte(base))
	text := replaceLine(t, base, "一、本年新收", "一、本年新收政府信息公开申请数量\t5100107")
	text = replaceLine(t, text, "二、上年结转", "二、上年结转政府信息公开申请数量1000001")
	text = replaceLine(t, text, "规章", "规章103")
	text = replaceLine(t, text, "1\t0\t0\t1\t2", "100120000000101")
	text = replaceLine(t, text, "行政规范性文件", "行政规范性文件4112")
	text = replaceLine(t, text, "\t（二）部分公开", "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）  1 0 0 0 0 01")
	r := Parse("glued.txt", []byte(text))
	for k, w := range want.Figures {
		if strings.HasPrefix(k, "s2.normative.") {
			continue
		}
		if g, ok := r.Figures[k]; !ok || g != w {
			t.Errorf("%s = %v (present %v), want %v", k, g, ok, w)
		}
	}
	if len(r.Blank) != 0 {
		t.Errorf("blank %v: cells that ran together were printed, not blank", r.Blank)
	}
	if r.Has("s2.normative.issued") || !anyMatch(`s2\.normative.*candidates 4/1/12 or 4/11/2 or 41/1/2`, r.Warnings) {
		t.Errorf("行政规范性文件4112: issued %v; warnings %q; want absent with its candidates", r.Figures["s2.normative.issued"], r.Warnings)
	}
}
