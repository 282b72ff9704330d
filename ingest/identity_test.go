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
		// FORMAT.md: the wordings that count.
		{"全年累计主动公开公安政府信息179条，全文电子化达100%。", 179},
		{"全年共主动公开政府信息300条。", 300},
		{"全年我区政府信息公开单位共公布政府信息2602条(其中机构职能类信息82条，规划计划类信息21条)。", 2602},
		{"共公开51条疫情防控相关信息。全年共公布政府信息2602条。2020年共发布生态环境保护类信息40条。", 2602},
		{"通过门户网站、微信公众号等载体主动公开政府信息356条。", 356},
		{"2023年我局共在门户网站公开政府信息79条，其中应急预案7条；其他应主动公开的政府信息62条。共发布我局工作动态73条。", 79},
		{"2022年制作、获取政府信息总数473条，其中主动公开政府信息123条，依申请公开信息数245条，不予公开信息数105条。", 123},
		{"共公开政府信息500条，其中主动公开420条。", 420},
		{"2022年发布信息88条。", 88},
		{"今年以来，我局累计公开各类政务信息共计412条。", 412},
		{"本年度，我镇累计主动公开政府信息215条，其中政策解读8条。", 215},
		{"全年主动公开政府信息数量共计1,205条。上网发布的1205条政府信息均经保密审查。", 1205},
		// and those that do not.
		{"通过门户网站公开政府信息100条，通过微信公众号公开信息50条。", -1},
		{"截至2022年底累计主动公开政府信息4000条。", -1},
		{"历年累计主动公开政府信息9000条。", -1},
		{"今年以来，截至12月底累计主动公开政府信息4000条。", -1},
		{"本年度，我局历年累计主动公开政府信息9000条。", -1},
		{"主动公开政府信息较上年增加20条。", -1},
		{"主动公开政府信息100余条。", -1},
		{"主动公开政府信息四十余条。", -1},
		{"全年主动公开市政府规章22件、人事任免文件196件。“国际服务门户”共发布各类信息13528条。", -1},
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

// TestProactiveRefusals: each refusal says why, quoting what was found.
func TestProactiveRefusals(t *testing.T) {
	tests := []struct{ prose, why string }{
		{"通过门户网站公开政府信息100条，通过微信公众号公开信息50条。", "several channels and no total"},
		{"全年主动公开政府信息120条。全年主动公开政府信息150条。", "competing totals"},
		{"截至2022年底累计主动公开政府信息4000条。", "cumulative"},
		{"历年累计主动公开政府信息9000条。", "cumulative"},
		{"主动公开政府信息较上年增加20条。", "change on the year before"},
		{"主动公开政府信息100余条。", "approximate"},
		{"主动公开政府信息四十余条。", "approximate"},
		{"全年主动公开市政府规章22件。门户共发布各类信息13528条。", "by kind only"},
	}
	for _, tc := range tests {
		r := &Report{Figures: map[string]float64{}}
		p := &parser{report: r}
		p.readProactiveItems([]row{{text: normalize(tc.prose)}})
		if r.Has("proactive_items") || !anyMatch(tc.why, r.Warnings) {
			t.Errorf("%q: proactive_items %v, warnings %q; want absent, saying %q", tc.prose, r.Figures["proactive_items"], r.Warnings, tc.why)
		}
	}
}
