package schema

import "strings"

// The Chinese names of the template's parts and rules, for people: pages,
// downloads and the console's dictionary read them here rather than
// writing their own.

// PartNames name the parts of a report by their key prefix.
var PartNames = map[string]string{
	"s1": "第一部分（总体情况）",
	"s2": "第二部分（主动公开）",
	"s3": "第三部分（依申请公开）",
	"s4": "第四部分（复议诉讼）",
}

// partOrdinals are the parts' short names, as CellLabel begins.
var partOrdinals = map[string]string{"s1": "第一部分", "s2": "第二部分", "s3": "第三部分", "s4": "第四部分"}

// RuleTextZH states a rule of FORMAT.md in Chinese, as a page shows it.
func RuleTextZH(rule int) string {
	switch rule {
	case RuleBalance:
		return "规则1：本年新收＋上年结转＝办理总计＋结转下年度"
	case RuleOutcomes:
		return "规则2：(七)总计＝各项办理结果之和；(六)其他处理＝其三个子项之和"
	case RuleApplicants:
		return "规则3：总计＝各类申请人之和"
	case RuleAppealGroups:
		return "规则4：总计＝结果维持＋结果纠正＋其他结果＋尚未审结"
	case RulePlausible:
		return "合理性：数量应为0至1亿的整数（仅“增减”可为负），原样保留"
	}
	return "未知规则"
}

// CellLabel names a figure's cell in Chinese as the printed template does,
// part · row · column, e.g. "第三部分 · (七)总计 · 自然人" for
// s3.processed.natural. A rule 1 column ("s3.*.natural") is named as the
// column of part 三. An unknown key is returned as it is.
func CellLabel(key string) string {
	if key == ProactiveItems {
		return "第一部分 · 本年主动公开信息数"
	}
	part, rest, ok := strings.Cut(key, ".")
	if !ok {
		return key
	}
	i := strings.LastIndexByte(rest, '.')
	if i < 0 {
		return key
	}
	row, col := rest[:i], rest[i+1:]
	var label string
	switch part {
	case "s2":
		label = s2CellLabel(row, col)
	case "s3":
		label = s3CellLabel(row, col)
	case "s4":
		label = columnPair(S4Groups, row, S4Columns, col)
	}
	if label == "" {
		return key
	}
	return partOrdinals[part] + label
}

func s2CellLabel(row, col string) string {
	for _, t := range Templates {
		for _, r := range S2Rows[t] {
			if r.Key != row {
				continue
			}
			for _, c := range r.Columns {
				if c.Key == col {
					return " · " + r.Label + " · " + c.Label
				}
			}
		}
	}
	return ""
}

func s3CellLabel(row, col string) string {
	colLabel := ""
	for _, c := range S3Columns {
		if c.Key == col {
			colLabel = c.Label
		}
	}
	if colLabel == "" {
		return ""
	}
	if row == "*" {
		return " · " + colLabel + "列"
	}
	for _, r := range S3Rows {
		if r.Key == row {
			name := dropNote(r.Label)
			if r.Group != "" && !strings.HasPrefix(r.Group, "三、") {
				name = r.Group + r.Label
			}
			return " · " + name + " · " + colLabel
		}
	}
	return ""
}

func columnPair(rows []Column, row string, cols []Column, col string) string {
	var r, c string
	for _, x := range rows {
		if x.Key == row {
			r = x.Label
		}
	}
	for _, x := range cols {
		if x.Key == col {
			c = x.Label
		}
	}
	if r == "" || c == "" {
		return ""
	}
	return " · " + r + " · " + c
}

// dropNote drops a printed label's trailing note in parentheses: "(二)部分
// 公开(区分处理的，…)" → "(二)部分公开"; a leading ordinal stays.
func dropNote(label string) string {
	if i := strings.LastIndex(label, "("); i > 0 && strings.HasSuffix(label, ")") {
		return label[:i]
	}
	return label
}
