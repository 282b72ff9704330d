package dashboard

import (
	"context"
	"strconv"
	"strings"

	"xxgk/analytics"
	"xxgk/dashboard/auth"
	"xxgk/ingest/schema"
)

// The review page and its script.
const (
	routeReview   = "/review"
	routeReviewJS = "/assets/review.js"
)

// reviewPage is the review queue (审核队列): every supervision flag of the
// selection with its evidence, its report and the decision on it.
var reviewPage = pageSpec{
	nav: "review", path: routeReview, template: "review", title: "审核队列",
	lead: "所选地区和年份的全部督查问题（缺报、算术不符、跨年不符、同县离群等），每条附依据和报告链接。" +
		"督查人员可确认或排除并填写意见；报告重新载入后结论保留，问题所依据的数字变化时自动重新打开。",
	datasets: []string{"review"},
	load:     (*Server).loadReview,
}

// loadReview lists the selection's flags (the year's, of the chosen kind
// and status).
func (s *Server) loadReview(ctx context.Context, sel Selection, cat Catalog) (*pageView, error) {
	list, err := s.src.ReviewQueue(ctx, sel.Scope(), sel.Year, sel.Kind, sel.Status)
	if err != nil {
		return nil, err
	}
	sec := newSection(reviewTable(list, sel), sel)
	sec.Open = true
	sec.setNote("待审核的问题排在前面。“判定数值”是问题所依据的数字：报告重新载入而这些数字不变时，审核结论保留；数字变化时问题重新打开。")
	sec.DefHref = defLink(flagKindsAnchor)
	sec.Empty = "所选范围内没有" + statusWord(sel.Status) + "的问题。"
	return &pageView{
		Sections:     []section{sec},
		Filters:      newFilters(routeReview, cat, sel, false).withReview(sel),
		ExtraScripts: []string{routeReviewJS},
	}, nil
}

func statusWord(status string) string {
	if status == "" {
		return ""
	}
	return analytics.FlagStatusLabels[status]
}

// reviewTable has one row per flag. templates/review.html reads its
// columns by position (0 the flag's id, which the decision buttons post
// to; 8 the status, whose Title is its code): keep them in this order.
func reviewTable(list List[analytics.Flag], sel Selection) Table {
	t := Table{
		Name:  "review",
		Title: strconv.Itoa(sel.Year) + "年审核队列",
		Cut:   cutOf(list, "条", "问题"),
		Columns: []Column{
			{Key: "flag_id", Label: "问题编号"},
			{Key: "township", Label: "乡镇"},
			{Key: "county", Label: "县区"},
			{Key: "year", Label: "年份", Kind: KindInt},
			{Key: "kind", Label: "问题类型"},
			{Key: "rule", Label: "规则或指标"},
			{Key: "cells", Label: "涉及单元格"},
			{Key: "evidence", Label: "依据"},
			{Key: "status", Label: "审核状态"},
			{Key: "comment", Label: "审核意见"},
			{Key: "decided_by", Label: "审核人"},
			{Key: "decided_at", Label: "审核时间"},
			{Key: "basis", Label: "判定数值"},
			{Key: "report_id", Label: "报告"},
		},
	}
	for _, f := range list.Rows {
		kind := text(analytics.FlagKindLabel(f.Kind))
		kind.Title = f.Kind
		at := Cell{}
		if f.DecidedAt != nil {
			at = text(f.DecidedAt.Format("2006-01-02 15:04") + " UTC")
		}
		report := Cell{}
		if f.ReportID > 0 {
			report = link("查看报告", reportLink(f.ReportID))
			report.Value = f.ReportID
		}
		t.Rows = append(t.Rows, []Cell{text(f.FlagID), link(f.Name, sel.TownLink(f.Township)), text(f.County), integer(f.Year),
			kind, ruleCell(f), cellsCell(f.Cells), text(f.Evidence), statusCell(f), text(f.Comment), text(f.DecidedBy), at,
			text(f.Basis), report})
	}
	return t
}

// copiedRuleZH names what a copied_prose flag compares with.
var copiedRuleZH = map[string]string{
	"previous": "与本单位上年报告雷同",
	"peer":     "与同县同年其他单位报告雷同",
}

// ruleCell names a flag's rule in Chinese: the arithmetic rule, the part
// missing, what copied prose repeats, the stated figure, the metric.
func ruleCell(f analytics.Flag) Cell {
	var label string
	switch f.Kind {
	case "arithmetic":
		n, _ := strconv.Atoi(strings.TrimPrefix(f.Rule, "rule"))
		label = schema.RuleTextZH(n)
	case "incomplete":
		label = schema.PartNames[f.Rule]
	case "copied_prose":
		label = copiedRuleZH[f.Rule]
	case "text_vs_table":
		if f.Rule == "fees_unexplained" {
			label = "表格有因未缴费终止的申请，第六部分未说明收费"
		} else if l := schema.CellLabel(f.Rule); l != "" {
			label = "正文所述与表格不符：" + l
		}
	default:
		label = analytics.ColumnLabels[f.Rule]
	}
	if label == "" {
		label = f.Rule
	}
	c := text(label)
	c.Title = f.Rule
	return c
}

// cellsCell names the cells of a flag as the printed template does.
func cellsCell(cells string) Cell {
	if cells == "" {
		return text("")
	}
	keys := strings.Split(cells, ",")
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = schema.CellLabel(k)
	}
	c := text(strings.Join(names, "；"))
	c.Title = cells
	return c
}

// statusCell says the decision in force; a flag reopened by new figures
// says what it was.
func statusCell(f analytics.Flag) Cell {
	label := analytics.FlagStatusLabels[f.Status]
	if f.Reopened {
		label += "（数字已变化，原结论：" + analytics.FlagStatusLabels[f.LastStatus] + "）"
	}
	c := text(label)
	c.Title = f.Status
	switch f.Status {
	case "open":
		c.Class = "warn"
	case "confirmed":
		c.Class = "bad"
	}
	return c
}

// CanReview says whether the page's visitor may record decisions.
func (p *pageView) CanReview() bool {
	return p.Account == nil || p.Account.can(auth.PermReview)
}
