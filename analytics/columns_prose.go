package analytics

// The Chinese names of the columns of the prose, deadline and flag views
// (sql/views/6[3-9]_*.sql), added to ColumnLabels where not named already.
var _ = addColumnLabels(map[string]string{
	"cells": "涉及单元格", "evidence": "依据说明", "basis": "判定数值",
	"due_month": "截止月", "due_day": "截止日", "label": "名称", "from_roster": "来自名册",
	"copied_prose_share": "正文雷同比例阈值", "copied_prose_min_shingles": "正文雷同最少片段数",
})

func addColumnLabels(m map[string]string) bool {
	for k, v := range m {
		if ColumnLabels[k] == "" {
			ColumnLabels[k] = v
		}
	}
	return true
}
