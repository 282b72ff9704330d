package ingest

import "testing"

func TestParseTitle(t *testing.T) {
	tests := []struct {
		title, org string
		year       int
	}{
		{"丹朱镇人民政府2020年政府信息公开工作年度报告", "丹朱镇人民政府", 2020},
		{"2024年上海市科委政府信息公开工作年度报告", "上海市科委", 2024},
		{"青石镇2022年度政府信息公开工作年度报告", "青石镇", 2022},
		{"青石镇人民政府关于2022年度政府信息公开工作的年度报告", "青石镇人民政府", 2022},
		{"重庆市江津区杜市镇人民政府2021年政府信息公开工作年度报告", "重庆市江津区杜市镇人民政府", 2021},
		{"青石镇政府信息公开工作2022年度报告", "青石镇", 2022},
		{"东关街道办事处二〇二一年政府信息公开工作年度报告", "东关街道办事处", 2021},
		{"白水乡二零一九年度政府信息公开工作年度报告", "白水乡", 2019},
		{"《河包镇2023年政府信息公开工作年度报告》", "河包镇", 2023},
		{"测试市2025年政府信息公开工作年度报告_测试市人民政府门户网站", "测试市", 2025},
		{"2020年政府信息公开工作年度报告", "", 2020},
		{"政府信息公开工作年度报告格式模板", "", 0},
	}
	for _, tc := range tests {
		org, year := parseTitle(normalize(tc.title))
		if org != tc.org || year != tc.year {
			t.Errorf("parseTitle(%q) = %q, %d; want %q, %d", tc.title, org, year, tc.org, tc.year)
		}
	}
}

func TestReadProactiveItems(t *testing.T) {
	tests := []struct {
		prose string
		want  float64 // -1: absent
	}{
		{"2020年，我镇在长子县门户网站上主动公开 65 条信息。", 65},
		{"2023年，我区在政府网站平台主动公开政府信息 1136 条。", 1136},
		{"全年主动公开政府信息共计1,205条，其中政策文件12条、工作动态300条。", 1205},
		{"我区在政府网站平台主动发布各类政府信息 2428 条，公开政府常务会议 7 期，解读信息发布 7 条。", 2428},
		{"市政府网站主动公开各类政府信息 5500 余条。", -1},
		{"全年主动公开信息近300条。", -1},
		{"截至12月31日，累计主动公开政府信息4000条。", -1},
		{"通过县政府门户网站主动公开政府信息4511条。督促县直部门在信息公开页面发布信息3044条。", -1},
		{"主动公开政府信息120条。全年主动公开政府信息150条。", -1},
		{"全年主动公开市政府规章 22 件、行政规范性文件 34 件。", -1},
		{"本镇高度重视政务公开工作。", -1},
	}
	for _, tc := range tests {
		r := &Report{Figures: map[string]float64{}}
		p := &parser{report: r}
		p.readProactiveItems([]row{{text: normalize(tc.prose)}})
		got, ok := r.Figures["proactive_items"]
		if !ok {
			got = -1
		}
		if got != tc.want {
			t.Errorf("%q: proactive_items %v, want %v (warnings %q)", tc.prose, got, tc.want, r.Warnings)
		}
		if !ok && len(r.Warnings) == 0 {
			t.Errorf("%q: absent without a warning", tc.prose)
		}
	}
}

func TestOrgElsewhere(t *testing.T) {
	tests := []struct {
		name, text, org string
	}{
		{"signature above the date", "2020年政府信息公开工作年度报告\n一、总体情况\n2020年，我镇主动公开政府信息65条。\n白水乡人民政府\n2021年1月15日\n", "白水乡人民政府"},
		{"page chrome", "发布机构：东关街道办事处  发布日期：2021-01-10\n2020年政府信息公开工作年度报告\n一、总体情况\n2020年，主动公开政府信息12条。\n", "东关街道办事处"},
		{"neither", "2020年政府信息公开工作年度报告\n一、总体情况\n2020年，主动公开政府信息12条。\n六、其他需要报告的事项\n无。\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Parse("r.txt", []byte(tc.text))
			if r.Org != tc.org {
				t.Errorf("org = %q, want %q (warnings %q)", r.Org, tc.org, r.Warnings)
			}
			if tc.org != "" && !anyMatch("title names no body", r.Warnings) {
				t.Errorf("no warning says where the body came from: %q", r.Warnings)
			}
		})
	}
}
