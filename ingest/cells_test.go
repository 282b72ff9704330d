package ingest

import "testing"

func TestParseValue(t *testing.T) {
	tests := []struct {
		tok   string
		num   float64
		blank bool
		unit  string
		ok    bool
	}{
		{"0", 0, false, "", true},
		{"12", 12, false, "", true},
		{"007", 7, false, "", true},
		{"999999999999999", 999999999999999, false, "", true},
		{"1234567890123456", 1234567890123456, false, "", true},
		{"1,234", 1234, false, "", true},
		{"12.5", 12.5, false, "", true},
		{"-3", -3, false, "", true},
		{"+3", 3, false, "", true},
		{"12万元", 12, false, "万元", true},
		{"5件", 5, false, "件", true},
		{"无", 0, true, "", true},
		{"—", 0, true, "", true},
		{"/", 0, true, "", true},
		{"-", 0, true, "", true},
		{"\\", 0, true, "", true},
		{"——", 0, true, "", true},
		{"—-", 0, true, "", true},
		{"~", 0, false, "", false},
		{"1,23", 0, false, "", false},
		{"1.2.3", 0, false, "", false},
		{"12a", 0, false, "", false},
		{"", 0, false, "", false},
		{"规章", 0, false, "", false},
	}
	for _, tt := range tests {
		v, ok := parseValue(tt.tok)
		if ok != tt.ok || v.num != tt.num || v.blank != tt.blank || v.unit != tt.unit {
			t.Errorf("parseValue(%q) = %+v, %v; want num %v blank %v unit %q, %v", tt.tok, v, ok, tt.num, tt.blank, tt.unit, tt.ok)
		}
		if ok && v.raw != tt.tok {
			t.Errorf("parseValue(%q).raw = %q", tt.tok, v.raw)
		}
	}
}
