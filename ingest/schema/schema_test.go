package schema

import (
	"reflect"
	"testing"
)

func TestKeys(t *testing.T) {
	tests := []struct {
		template string
		want     int // proactive_items + part 二 + part 三 + part 四
	}{
		{Template2019, 1 + 22 + 23*7 + 15},
		{Template2021, 1 + 10 + 25*7 + 15},
	}
	for _, tc := range tests {
		keys := Keys(tc.template)
		if len(keys) != tc.want {
			t.Errorf("Keys(%s) has %d keys, want %d", tc.template, len(keys), tc.want)
		}
		for i := 1; i < len(keys); i++ {
			if !Less(keys[i-1], keys[i]) {
				t.Errorf("Keys(%s) not in report order at %s, %s", tc.template, keys[i-1], keys[i])
			}
		}
	}
	if n := len(AllKeys()); n != 1+29+26*7+15 { // part 二: 22 of 2019 and 7 only 2021 has
		t.Errorf("AllKeys has %d keys", n)
	}
	for _, k := range []string{"s3.new.total", "s4.review.total", "s2.licensing.decisions", "s2.fees.amount", "s3.other.misc.natural"} {
		if !Known(k) {
			t.Errorf("%s not known", k)
		}
	}
}

// consistent returns a template-2021 report's figures satisfying every rule.
func consistent() map[string]float64 {
	f := map[string]float64{}
	for _, k := range Keys(Template2021) {
		f[k] = 0
	}
	set := func(row string, natural, legal float64) {
		f[S3Key(row, "natural")], f[S3Key(row, "legal")], f[S3Key(row, "total")] = natural, legal, natural+legal
	}
	set("new", 5, 1)
	set("carried_in", 1, 0)
	set("granted", 3, 1)
	set("unavailable.not_held", 1, 0)
	set("other.misc", 1, 0)
	set("processed", 5, 1)
	set("carried_out", 1, 0)
	f[S4Key("review", "upheld")], f[S4Key("review", "total")] = 2, 2
	return f
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name string
		edit func(f map[string]float64)
		want []Violation
	}{
		{"consistent", func(map[string]float64) {}, nil},
		{"rule 1: carried out does not balance", func(f map[string]float64) {
			f[S3Key("carried_out", "legal")] = 1
			f[S3Key("carried_out", "total")] = 2
		}, []Violation{
			{RuleBalance, "s3.*.legal", 1, 2},
			{RuleBalance, "s3.*.total", 7, 8},
		}},
		{"rule 2: an outcome cell off by one", func(f map[string]float64) {
			f[S3Key("granted", "natural")] = 4
			f[S3Key("granted", "total")] = 5
		}, []Violation{
			{RuleOutcomes, "s3.processed.natural", 6, 5},
			{RuleOutcomes, "s3.processed.total", 7, 6},
		}},
		{"rule 2: collapsed other against its sub-rows", func(f map[string]float64) {
			f[S3Key("other", "natural")], f[S3Key("other", "total")] = 2, 2
			for _, c := range []string{"commercial", "research", "social", "legal", "other"} {
				f[S3Key("other", c)] = 0
			}
		}, []Violation{
			{RuleOutcomes, "s3.other.natural", 1, 2},
			{RuleOutcomes, "s3.processed.natural", 6, 5},
			{RuleOutcomes, "s3.other.total", 1, 2},
			{RuleOutcomes, "s3.processed.total", 7, 6},
		}},
		{"rule 3: a row total", func(f map[string]float64) { f[S3Key("new", "total")] = 7 }, []Violation{
			{RuleBalance, "s3.*.total", 8, 7},
			{RuleApplicants, "s3.new.total", 6, 7},
		}},
		{"rule 4: the hongze case, 10 1 0 0 under total 0", func(f map[string]float64) {
			f[S4Key("review", "upheld")], f[S4Key("review", "corrected")], f[S4Key("review", "total")] = 10, 1, 0
		}, []Violation{{RuleAppealGroups, "s4.review.total", 11, 0}}},
		{"absent cells are not checked", func(f map[string]float64) {
			delete(f, S3Key("carried_out", "total"))
			delete(f, S4Key("review", "pending"))
			f[S4Key("review", "total")] = 9
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := consistent()
			tc.edit(f)
			if got := Check(f); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Check = %v\nwant    %v", got, tc.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	for v, want := range map[float64]string{0: "0", 3985758: "3985758", 96171.6: "96171.6", 4068.208: "4068.208", -2: "-2"} {
		if got := FormatNumber(v); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", v, got, want)
		}
	}
}
