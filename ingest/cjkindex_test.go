package ingest

import (
	"slices"
	"strings"
	"testing"
)

// TestIndexCJKIsIndex: indexCJK answers what strings.Index answers, for the
// words the parser looks for in every line of the demo corpus and the seed
// files, and for every string of up to three pieces (characters, their
// parts, ASCII, invalid bytes) around words of one, two and three
// characters, the words cut short and sharing bytes with their neighbours.
func TestIndexCJKIsIndex(t *testing.T) {
	words := []string{"报告", "统计", "勾稽", "主动公开", "政府信息", "条", "件", "公开", "发布", "公布", "存在的主要问题",
		"\u200b", "\ufeff", "予以公开", "第二十条", "结果维持", "新收", "其中", "〇", "零", "日期", "时间", "主动",
		"", "a", "ab", "(七)", "é", "é字", "\xe5\x8b", "𠀀"}
	for _, w := range []word{wProactive, wGovInfo, wReview, wLawsuit, wReceived, wAnswered, wAccepted, wApplicants,
		wRelation, wUpheld, wNoReview, wMainProblems, wProblems, wMainIssues, wImprove, wOther} {
		words = append(words, w.s)
	}
	words = append(words, evidence2019...)
	words = append(words, evidence2021...)
	for _, p := range statedPatterns {
		words = append(words, p.need...)
	}
	for _, p := range zeroPatterns {
		words = append(words, p.need...)
	}
	slices.Sort(words)
	words = slices.Compact(words)
	var texts []string
	for _, r := range demoRows(t) {
		texts = append(texts, r.label, r.text)
	}
	for _, data := range seedFiles(".txt", ".md", ".html") {
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	pieces := []string{"", "a", "公", "开", "公开", "条", "\xe5", "\xe5\x85", "\x85", "\xac", "\xe5\xbc\x80", "é", "\xff", "报告", "告报"}
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				texts = append(texts, a+b+c)
			}
		}
	}
	found := 0
	seen := map[string]bool{} // the demo's reports share most of their lines
	for _, s := range texts {
		if seen[s] {
			continue
		}
		seen[s] = true
		for _, w := range words {
			got, want := indexCJK(s, w), strings.Index(s, w)
			if got != want {
				t.Fatalf("indexCJK(%q, %q) = %d, strings.Index says %d", s, w, got, want)
			}
			if containsCJK(s, w) != (want >= 0) {
				t.Fatalf("containsCJK(%q, %q) = %v", s, w, want < 0)
			}
			found += boolInt(want > 0)
		}
	}
	if found < 1000 {
		t.Errorf("only %d words found after the start of a text: the check checks little", found)
	}
}
