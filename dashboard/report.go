package dashboard

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/analytics"
	"xxgk/dashboard/auth"
	"xxgk/ingest/schema"
)

// registerEvidence routes a report's evidence page and its source file.
// Both are for analysts and above once accounts exist (the network issue's
// roles table): the source file is the body's own document.
func (s *Server) registerEvidence(r gin.IRouter) {
	r.GET("/report", s.wrap(s.handleReport))
	r.GET("/source/:id", s.wrap(s.handleSource))
}

// reportID reads a report id from a request.
func reportID(v string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || id <= 0 {
		return 0, badRequest("报告编号无效：" + truncate(v, 20))
	}
	return id, nil
}

// readReport reads one report, an unknown one as a 404 in Chinese.
func (s *Server) readReport(c *gin.Context, v string) (*analytics.ReportDetail, error) {
	id, err := reportID(v)
	if err != nil {
		return nil, err
	}
	r, err := s.src.Report(c.Request.Context(), id)
	if errors.Is(err, analytics.ErrNoReport) || errors.Is(err, ErrNotFound) {
		return nil, notFound("没有编号为 " + strconv.FormatInt(id, 10) + " 的报告")
	}
	return r, err
}

// reportBody is what templates/report.html shows.
type reportBody struct {
	R        *analytics.ReportDetail
	TownHref string
	Source   string // /source/ID
	Inline   bool   // the browser can show the source beside the tables
	Sandbox  bool   // the frame runs nothing (HTML, text)
	Parts    []Table
	Checks   Table
	Versions Table // the replaced versions kept; no rows when none
	// CanSource says the visitor may open the source document (analysts
	// and above).
	CanSource bool
}

// handleReport: one report's evidence: the source document beside the
// figures parsed from it (原文 | 解析结果), its failing cells named as the
// template prints them with what the rule expects and what was found, its
// blank cells and the parser's warnings.
func (s *Server) handleReport(c *gin.Context) error {
	r, err := s.readReport(c, c.Query("id"))
	if err != nil {
		return err
	}
	cat, err := s.src.Catalog(c.Request.Context())
	if err != nil {
		return err
	}
	sel := Selection{Year: r.Year, Metric: Metrics[0]}
	body := reportBody{
		R: r, TownHref: sel.TownLink(r.Township), Source: "/source/" + strconv.FormatInt(r.ReportID, 10),
		Inline: r.Format != "docx", Sandbox: r.Format == "html" || r.Format == "text",
		Parts: reportParts(r), Checks: reportChecksTable(r), Versions: reportVersionsTable(r.Versions),
		CanSource: s.accountView(c).can(auth.PermConsole),
	}
	place := strings.TrimSpace(r.Province + " " + r.City + " " + r.County)
	view := &pageView{
		Nav: "quality", Title: r.Org + " " + strconv.Itoa(r.Year) + "年报告",
		Lead: place + " · " + templateName(r.Template) + "模板 · 原文与解析结果对照；标红的单元格不符合模板的算术关系，标黄的单元格在报告中为空白。",
		Sel:  sel, Body: body, LoadedAt: cat.LoadedAt,
	}
	// The page frames its source document (/source, same origin); the
	// server's policy frames nothing.
	c.Header("Content-Security-Policy", contentSecurityPolicy+"; frame-src 'self'")
	return s.render(c, http.StatusOK, "report", view)
}

// reportCell is one parsed figure: as printed, blank, not printed, or
// breaking a rule (with what the rule expects).
func reportCell(r *analytics.ReportDetail, key string) Cell {
	v, ok := r.Figures[key]
	if !ok {
		return Cell{Text: "—", Title: "报告未填报"}
	}
	c := number(v)
	if slices.Contains(r.Blank, key) {
		c.Text, c.Title, c.Class = "空白", "报告中此格为空白，按 0 计", "warn"
	}
	for _, ch := range r.Checks {
		if ch.Cell == key {
			c.Class = "bad"
			c.Title = schema.RuleTextZH(ch.Rule) + "：按规则应为 " + formatNumber(ch.Expected) + "，报告所填 " + formatNumber(ch.Found)
		}
	}
	return c
}

// reportParts are the report's tables as the template lays them out.
func reportParts(r *analytics.ReportDetail) []Table {
	one := Table{Name: "part1", Title: "第一部分 总体情况", Columns: []Column{{Label: "项目"}, {Label: "数值（条）", Kind: KindNumber}},
		Rows: [][]Cell{{text("本年主动公开信息数"), reportCell(r, schema.ProactiveItems)}}}
	two := Table{Name: "part2", Title: "第二部分 主动公开政府信息情况",
		Columns: []Column{{Label: "信息内容"}, {Label: "条款"}, {Label: "指标"}, {Label: "数值", Kind: KindNumber}}}
	for _, row := range schema.S2Rows[templateOr2021(r.Template)] {
		for _, col := range row.Columns {
			two.Rows = append(two.Rows, []Cell{text(row.Label), text(row.Section), text(col.Label), reportCell(r, schema.S2Key(row.Key, col.Key))})
		}
	}
	three := Table{Name: "part3", Title: "第三部分 收到和处理政府信息公开申请情况（件）", Columns: []Column{{Label: "项目"}}}
	for _, col := range schema.S3Columns {
		three.Columns = append(three.Columns, Column{Label: col.Label, Kind: KindNumber})
	}
	for _, row := range schema.S3Rows {
		if r.Template == schema.Template2019 && row.Sub2021 || r.Template != schema.Template2019 && row.Key == "other" && !hasRow(r, "other") {
			continue
		}
		label := bareNote(row.Label)
		if row.Group != "" && !strings.HasPrefix(row.Group, "三、") {
			label = row.Group + " " + label
		}
		cells := []Cell{text(label)}
		for _, col := range schema.S3Columns {
			cells = append(cells, reportCell(r, schema.S3Key(row.Key, col.Key)))
		}
		three.Rows = append(three.Rows, cells)
	}
	four := Table{Name: "part4", Title: "第四部分 政府信息公开行政复议、行政诉讼情况（件）", Columns: []Column{{Label: "类别"}}}
	for _, col := range schema.S4Columns {
		four.Columns = append(four.Columns, Column{Label: col.Label, Kind: KindNumber})
	}
	for _, g := range schema.S4Groups {
		cells := []Cell{text(g.Label)}
		for _, col := range schema.S4Columns {
			cells = append(cells, reportCell(r, schema.S4Key(g.Key, col.Key)))
		}
		four.Rows = append(four.Rows, cells)
	}
	return []Table{one, two, three, four}
}

// bareNote drops a row label's trailing note in parentheses.
func bareNote(label string) string {
	if i := strings.LastIndex(label, "("); i > 0 && strings.HasSuffix(label, ")") {
		return label[:i]
	}
	return label
}

func templateOr2021(t string) string {
	if t == schema.Template2019 {
		return t
	}
	return schema.Template2021
}

// hasRow says the report prints a part 三 row (2021 reports that collapse
// 其他处理 into one row print "other").
func hasRow(r *analytics.ReportDetail, row string) bool {
	_, ok := r.Figures[schema.S3Key(row, "total")]
	return ok
}

// reportChecksTable lists what is wrong with the report: failing cells
// named in Chinese with expected and found values, missing parts, blank
// cells and the parser's warnings.
func reportChecksTable(r *analytics.ReportDetail) Table {
	t := Table{Name: "report-checks", Title: "检查结果", Columns: []Column{
		{Label: "类别"}, {Label: "单元格"}, {Label: "规则"}, {Label: "按规则应为", Kind: KindNumber}, {Label: "报告所填", Kind: KindNumber},
	}}
	for _, c := range r.Checks {
		t.Rows = append(t.Rows, []Cell{text("算术不符").marked("bad"), cellName(c.Cell), text(schema.RuleTextZH(c.Rule)),
			number(c.Expected), number(c.Found).marked("bad")})
	}
	if len(r.Incomplete) > 0 {
		t.Rows = append(t.Rows, []Cell{text("内容不完整").marked("warn"), text("缺少" + incompleteText(r.Incomplete)), {}, {}, {}})
	}
	for _, k := range r.Blank {
		t.Rows = append(t.Rows, []Cell{text("空白单元格"), cellName(k), text("空白按 0 计"), {}, {}})
	}
	for _, w := range r.Warnings {
		t.Rows = append(t.Rows, []Cell{text("解析警告"), text(WarningZH(w)), {}, {}, {}})
	}
	return t
}

// reportVersionsTable lists the earlier versions of a report, each replaced
// by a later file and kept: its file, SHA-256 (shortened; the whole in the
// tooltip), when it was loaded and by whom, when, by whom and by which file
// it was replaced.
func reportVersionsTable(vs []analytics.ReportVersion) Table {
	t := Table{Name: "report-versions", Title: "历史版本", Columns: []Column{
		{Label: "原文件"}, {Label: "SHA-256"}, {Label: "载入时间"}, {Label: "载入人"},
		{Label: "替换时间"}, {Label: "替换人"}, {Label: "替换为"}, {Label: "说明"},
	}}
	for _, v := range vs {
		sha := text(shortSHA(v.SHA256))
		sha.Title = v.SHA256
		note := text("")
		if v.Forced {
			note = text("强制替换（新文件缺少旧版本完整的部分）").marked("warn")
		}
		t.Rows = append(t.Rows, []Cell{fullName(v.SourceFile), sha, text(clock(v.LoadedAt)), text(orDash(v.LoadedBy)),
			text(clock(v.ReplacedAt)), text(orDash(v.ReplacedBy)), fullName(v.ReplacedByFile), note})
	}
	return t
}

// shortSHA is the first 12 hex digits of a SHA-256, as pages show it.
func shortSHA(sha string) string {
	if len(sha) > 12 {
		return sha[:12] + "…"
	}
	return sha
}

// clock is a time as pages show it, to the second.
func clock(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("2006-01-02 15:04:05")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// fullName is a file's name, with its whole path in the tooltip.
func fullName(p string) Cell {
	if p == "" {
		return text("—")
	}
	c := fileName(p)
	c.Title = p
	return c
}
