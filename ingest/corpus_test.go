package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"xxgk/ingest/schema"
)

// expectation is the answer file beside a corpus report (danzhu-2020.json,
// ../shared/corpus/peer/*.json).
type expectation struct {
	File      string             `json:"file"`
	Org       *string            `json:"org"`
	Year      *int               `json:"year"`
	Template  string             `json:"template"`
	Published *string            `json:"published"`
	Expected  map[string]float64 `json:"expected"`
	Blank     []string           `json:"blank"`
	Checks    []string           `json:"checks"`
}

func readExpectation(t *testing.T, path string) expectation {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var e expectation
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return e
}

// peerDir holds real reports from other public projects; they are read in
// place and never copied into this repository.
const peerDir = "../../shared/corpus/peer"

func TestSeedReport(t *testing.T) {
	e := readExpectation(t, "../fixtures/seed/danzhu-2020.json")
	checkAgainst(t, "../fixtures/seed/danzhu-2020.txt", e, true)
}

func TestPeerCorpus(t *testing.T) {
	answers, _ := filepath.Glob(filepath.Join(peerDir, "*.json"))
	if len(answers) == 0 {
		t.Skipf("%s is absent: the peer corpus is read in place from ../shared and is not part of this repository", peerDir)
	}
	for _, a := range answers {
		e := readExpectation(t, a)
		t.Run(e.File, func(t *testing.T) {
			if strings.HasSuffix(e.File, ".pdf") {
				if _, err := exec.LookPath("pdftotext"); err != nil {
					t.Skip("pdftotext not on PATH: install poppler-utils to read PDF reports")
				}
			}
			checkAgainst(t, filepath.Join(peerDir, e.File), e, false)
		})
	}
}

// checkAgainst parses path and compares every field the expectation states.
func checkAgainst(t *testing.T, path string, e expectation, wantBlank bool) {
	t.Helper()
	r := ParseFile(path)
	if r.Err != nil {
		t.Fatalf("parse %s: %v", path, r.Err)
	}
	if got, want := r.Org, deref(e.Org); got != want {
		t.Errorf("org = %q, want %q", got, want)
	}
	wantYear := 0
	if e.Year != nil {
		wantYear = *e.Year
	}
	if r.Year != wantYear {
		t.Errorf("year = %d, want %d", r.Year, wantYear)
	}
	if r.Template != e.Template {
		t.Errorf("template = %q, want %q", r.Template, e.Template)
	}
	if got, want := r.Published, deref(e.Published); got != want {
		t.Errorf("published = %q, want %q", got, want)
	}
	for _, d := range diffFigures(r.Figures, e.Expected) {
		t.Error(d)
	}
	if wantBlank {
		got, want := slices.Sorted(slices.Values(r.Blank)), slices.Sorted(slices.Values(e.Blank))
		if !slices.Equal(got, want) {
			t.Errorf("blank = %v, want %v", got, want)
		}
	}
	if d := diffChecks(r.Checks, e.Checks); d != "" {
		t.Error(d)
	}
	if t.Failed() {
		t.Logf("warnings:\n  %s", strings.Join(r.Warnings, "\n  "))
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// diffFigures lists every key whose value differs, is missing or is extra.
func diffFigures(got, want map[string]float64) []string {
	var out []string
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s missing, want %s", k, schema.FormatNumber(w)))
		case !equal(g, w):
			out = append(out, fmt.Sprintf("%s = %s, want %s", k, schema.FormatNumber(g), schema.FormatNumber(w)))
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			out = append(out, fmt.Sprintf("%s = %s, want absent", k, schema.FormatNumber(g)))
		}
	}
	sort.Strings(out)
	return out
}

var (
	ruleRe  = regexp.MustCompile(`rule (\d)`)
	placeRe = regexp.MustCompile(`(s4\.[a-z_]+)|column ([a-z_]+)`)
)

// diffChecks compares violations with the answer files' prose descriptions
// ("rule 4, s4.review (行政复议): …", "rule 2, column natural: …").
func diffChecks(got []schema.Violation, want []string) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d checks %v, want %d %q", len(got), got, len(want), want)
	}
	for _, w := range want {
		rm, pm := ruleRe.FindStringSubmatch(w), placeRe.FindStringSubmatch(w)
		if rm == nil || pm == nil {
			return fmt.Sprintf("cannot read expected check %q", w)
		}
		found := false
		for _, g := range got {
			if fmt.Sprint(g.Rule) != rm[1] {
				continue
			}
			if pm[1] != "" && strings.HasPrefix(g.Where, pm[1]+".") || pm[2] != "" && strings.HasSuffix(g.Where, "."+pm[2]) {
				found = true
			}
		}
		if !found {
			return fmt.Sprintf("check %q not reported; got %v", w, got)
		}
	}
	return ""
}

// TestForms parses one report made in every form a report arrives in: a
// saved portal page (GB2312), a Word document and a PDF printed from it; and
// the same report with many cells printed blank, as a page and as a PDF whose
// text keeps no trace of the blank cells.
func TestForms(t *testing.T) {
	tests := []struct {
		answer    string
		files     []string
		wantBlank bool
	}{
		{"qingshi-2022.json", []string{"qingshi-2022.html", "qingshi-2022.docx", "qingshi-2022.pdf"}, false},
		{"baisha-2022-blanks.json", []string{"baisha-2022-blanks.html", "baisha-2022-blanks.pdf"}, true},
	}
	for _, tc := range tests {
		e := readExpectation(t, filepath.Join("testdata/forms", tc.answer))
		for _, name := range tc.files {
			t.Run(name, func(t *testing.T) {
				if strings.HasSuffix(name, ".pdf") {
					if _, err := exec.LookPath("pdftotext"); err != nil {
						t.Skip("pdftotext not on PATH: install poppler-utils to read PDF reports")
					}
				}
				// Every form shows the date under the signature.
				checkAgainst(t, filepath.Join("testdata/forms", name), e, tc.wantBlank)
			})
		}
	}
}
