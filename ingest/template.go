package ingest

import "xxgk/ingest/schema"

// Evidence for each template, read in the tables only: headers are often
// truncated or reworded, so every piece of evidence counts and none decides
// alone. A report's preamble may cite one notice while its tables follow the
// other, and bodies kept the 2019 tables for years, so the year never counts.
var (
	evidence2019 = []string{"新制作", "新公开", "对外公开总", "上一年项目", "增/减", "增减", "其他对外管理服务",
		"集中采购", "采购项目", "采购总金额"}
	evidence2021 = []string{"制发", "废止", "现行有效", "本年处理决定", "收费金额", "不补正", "收费通知", "缴纳费用"}
	// Their rune signatures (labels.go), to skip the rows that cannot hold
	// a word without searching them.
	sigs2019, sigs2021 = sigsOf(evidence2019), sigsOf(evidence2021)
)

func sigsOf(words []string) []runeSig {
	out := make([]runeSig, len(words))
	for i, w := range words {
		out[i] = sigOf(w)
	}
	return out
}

// decideTemplate weighs the evidence in parts 二 and 三.
func (p *parser) decideTemplate(proactive, requests []row) string {
	score19, score21 := 0, 0
	// Evidence already seen is not searched again (each search is a scan
	// of the row's text); the lists share no word.
	seen19 := make([]bool, len(evidence2019))
	seen21 := make([]bool, len(evidence2021))
	count := func(text string) {
		g := sigOf(text)
		for i, e := range evidence2019 {
			if !seen19[i] && g.holds(sigs2019[i]) && containsCJK(text, e) {
				seen19[i] = true
				score19++
			}
		}
		for i, e := range evidence2021 {
			if !seen21[i] && g.holds(sigs2021[i]) && containsCJK(text, e) {
				seen21[i] = true
				score21++
			}
		}
	}
	seenNew := false
	for _, r := range proactive {
		count(r.text)
		// "本年新" alone is what is left of 本年新制作/新公开 when a header is cut.
		if !seenNew && containsCJK(r.text, "本年新") && !containsCJK(r.text, "本年新收") {
			seenNew = true
			score19++
		}
	}
	for _, r := range requests {
		count(r.label)
	}
	// The shape of the rows is evidence too: 行政许可 has three columns in
	// 2019 and one in 2021.
	for _, r := range proactive {
		if len(r.vals) == 0 {
			continue
		}
		switch key := matchFirst(s2Patterns, r.label); {
		case key == "other_services" || key == "procurement":
			score19++
		case (key == "licensing" || key == "penalty" || key == "coercion") && len(r.vals) >= 3:
			score19++
		case (key == "licensing" || key == "penalty" || key == "coercion") && len(r.vals) == 1:
			score21++
		}
	}
	switch {
	case score19 > score21:
		return schema.Template2019
	case score21 > score19:
		return schema.Template2021
	case score19 > 0:
		p.report.warnf("the tables hold as much evidence of template 2019 as of 2021; template left undecided")
	}
	return ""
}
