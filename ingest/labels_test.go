package ingest

import (
	"maps"
	"testing"
)

// unindexed is patterns without their signatures and index (a copy, which
// the index does not recognise as its table): every sub is searched.
func unindexed(patterns []labelPattern) []labelPattern {
	out := make([]labelPattern, len(patterns))
	for i, p := range patterns {
		p.sigs, p.index = nil, nil
		out[i] = p
	}
	return out
}

// TestSignatureSkipsNoMatch checks that the rune signatures and the table
// index only spare searches: every matcher answers as it does with every
// sub searched, for each sub alone, inside other text, cut short, and for
// labels of neither.
func TestSignatureSkipsNoMatch(t *testing.T) {
	tables := map[string][]labelPattern{"s2": s2Patterns, "s3": s3Patterns, "s4": s4Patterns}
	var labels []string
	for _, ps := range tables {
		for _, p := range ps {
			for _, s := range p.subs {
				r := []rune(s)
				labels = append(labels, s, "8.属于"+s+"的", "(三)"+s+"12", string(r[:len(r)-1]), string(r[1:]))
			}
		}
	}
	labels = append(labels, "", "3.其他", "其他", "不计其他情形", "\xff\xfe规章", "规\xe8章", "总计7",
		"(七)总计(六)其他处理", "\xe4规章", "规章\xe4\xb8", "本年新收政府信息公开申请数量", "三、本年度办理结果(一)予以公开")
	for name, ps := range tables {
		plain := unindexed(ps)
		for _, l := range labels {
			if got, want := matchAll(ps, l), matchAll(plain, l); !maps.Equal(got, want) {
				t.Errorf("%s: matchAll(%q) = %v, want %v", name, l, got, want)
			}
			if got, want := matchFirst(ps, l), matchFirst(plain, l); got != want {
				t.Errorf("%s: matchFirst(%q) = %q, want %q", name, l, got, want)
			}
			if got, want := matchLast(ps, l), matchLast(plain, l); got != want {
				t.Errorf("%s: matchLast(%q) = %q, want %q", name, l, got, want)
			}
			if got, want := matchOverlapping(ps, l, 0, len(l)), matchOverlapping(plain, l, 0, len(l)); !maps.Equal(got, want) {
				t.Errorf("%s: matchOverlapping(%q) = %v, want %v", name, l, got, want)
			}
		}
	}
}

// TestSigOf checks the signature of a string holds those of its substrings
// and, for these, not that of a rune it lacks.
func TestSigOf(t *testing.T) {
	tests := []struct {
		s, sub string
		holds  bool
	}{
		{"其他法律行政法规禁止公开", "禁止公开", true},
		{"其他法律行政法规禁止公开", "法规禁止", true},
		{"(七)总计", "(七)", true},
		{"(七)总计", "", true},
		{"予以公开", "新收", false},
		{"不予公开", "国家秘密", false},
	}
	for _, tt := range tests {
		if got := sigOf(tt.s).holds(sigOf(tt.sub)); got != tt.holds {
			t.Errorf("sigOf(%q).holds(sigOf(%q)) = %v, want %v", tt.s, tt.sub, got, tt.holds)
		}
	}
}
