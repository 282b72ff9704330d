package ingest

import "testing"

func TestHeadingPunctuation(t *testing.T) {
	tests := []struct {
		t    string
		want bool
	}{
		{"二、主动公开政府信息情况", true},
		{"四、政府信息公开行政复议、行政诉讼情况", true},
		{"总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况", false},
		{"主要问题，改进情况", false},
		{"主要问题,改进情况", false},
		{"主要问题；改进情况", false},
		{"主要问题;改进情况", false},
		{"全年主动公开政府信息。", false},
		{"甲、乙、丙", false},
		{"甲、乙", true},
		{"(三)、", true},
		{"", true},
		{"情况\xe3\x80", true},
	}
	for _, tt := range tests {
		if got := headingPunctuation(tt.t); got != tt.want {
			t.Errorf("headingPunctuation(%q) = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func TestStripNumbering(t *testing.T) {
	tests := []struct{ in, want string }{
		{"二、主动公开政府信息情况", "主动公开政府信息情况"},
		{"(三)不予公开", "不予公开"},
		{"（三）不予公开", "不予公开"},
		{"3.其他", "其他"},
		{"表二:情况", "情况"},
		{"表二：情况", "情况"},
		{"## 十一、其他需要报告的事项", "其他需要报告的事项"},
		{"*1．规章", "规章"},
		{"一二三", ""},
		{"", ""},
		{"总体情况", "总体情况"},
		{"\xff二", "\xff二"},
		{"1a", "a"},
	}
	for _, tt := range tests {
		if got := stripNumbering(tt.in); got != tt.want {
			t.Errorf("stripNumbering(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
