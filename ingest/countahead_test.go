package ingest

import (
	"slices"
	"strings"
	"testing"
)

func TestCountAhead(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"主动公开政府信息65条", true},
		{"发布各类政府信息数量共计2,428条", true},
		{"公开信息1,条", true},
		{"主动公开政府信息三百余条", true},
		{"公开文件12多件", true},
		{"公布了信息一千多件", true},
		{"依据条例公开规范性文件", false},
		{"办理案件，健全制度", false},
		{"条", false},
		{"", false},
		{"余条", false},
	}
	for _, tt := range tests {
		if got := countAhead(tt.s); got != tt.want {
			t.Errorf("countAhead(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	for _, s := range []string{
		"", "。", "一。二；三!四？五！六?七;", "全年主动公开政府信息65条。其中，规章3件；", "。。甲。。乙。", "无句末",
		"\xe3\x80", "甲\xe3\x80\x82乙\xef\xbc\x9b丙\xef\xbc\x81丁\xef\xbc\x9f", "\xff。\xe4", "a;b!c?d",
		"\xe4。乙", "\xe4\x80。", "甲\xe9", "甲\xe9\xbf", "\xe5\xe3\x80\x82\x82", "规\xef\xbc\x9b\x9b",
	} {
		got, want := sentences(s), strings.FieldsFunc(s, isSentenceEnd)
		if !slices.Equal(got, want) {
			t.Errorf("sentences(%q) = %q, want %q", s, got, want)
		}
	}
	// Every line of the seed files and the demo's rows, as FieldsFunc cuts it.
	var texts []string
	for _, data := range seedFiles(".txt", ".md", ".html") {
		texts = append(texts, strings.Split(string(data), "\n")...)
	}
	for _, r := range demoRows(t) {
		texts = append(texts, r.text)
	}
	cut := 0
	for _, s := range texts {
		got, want := sentences(s), strings.FieldsFunc(s, isSentenceEnd)
		if !slices.Equal(got, want) {
			t.Fatalf("sentences(%q) = %q, want %q", s, got, want)
		}
		cut += boolInt(len(got) > 1)
	}
	if cut < 100 {
		t.Fatalf("only %d texts hold several sentences: the corpus was not read", cut)
	}
}
