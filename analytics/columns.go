package analytics

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"

	"xxgk/ingest/schema"
)

// columnsCSV is the Chinese data dictionary: every view and table, and
// every column of them, with a Chinese name and meaning (kind,name,label,
// meaning). A column row named VIEW.COLUMN overrides the plain COLUMN row
// for that view, where the same name means something else there (a sum in
// rollups, say). The metrics' columns are the catalog's (Metrics) and the
// figures tables' columns are the template's cells (schema.CellLabel), so
// neither is written here. sql/README.md gives the same in English for
// developers.
//
//go:embed columns.csv
var columnsCSV string

// Text is a Chinese name and meaning.
type Text struct {
	Label   string `json:"label"`
	Meaning string `json:"meaning"`
}

// dictionaryZH is columns.csv, read once.
var dictionaryZH = func() struct{ tables, columns map[string]Text } {
	d := struct{ tables, columns map[string]Text }{map[string]Text{}, map[string]Text{}}
	r := csv.NewReader(strings.NewReader(columnsCSV))
	r.LazyQuotes = true // quotes inside the Chinese text are text
	rows, err := r.ReadAll()
	if err != nil {
		panic(fmt.Sprintf("analytics: columns.csv: %v", err)) // embedded: the tests read it
	}
	for _, row := range rows[1:] {
		t := Text{Label: row[2], Meaning: row[3]}
		switch row[0] {
		case "view", "table":
			d.tables[row[1]] = t
		case "column":
			d.columns[row[1]] = t
		default:
			panic(fmt.Sprintf("analytics: columns.csv: kind %q of %s", row[0], row[1]))
		}
	}
	return d
}()

// TableText is the Chinese name and description of a view or table; ok is
// false when columns.csv has none.
func TableText(table string) (Text, bool) {
	t, ok := dictionaryZH.tables[table]
	if view, mat := strings.CutPrefix(table, "m_"); !ok && mat {
		// A materialised table: the rows of its view, stored at each ingest.
		if v, found := dictionaryZH.tables[view]; found {
			return Text{Label: v.Label + "（物化表）", Meaning: "视图 " + view + " 的行，每次导入时存成表，供页面快速读取。" + v.Meaning}, true
		}
	}
	return t, ok
}

// ColumnText is the Chinese name and meaning of a column of a view or
// table: the view's own row of columns.csv, else the catalog's for a
// metric, else the template's cell for a figure column, else the plain
// column row. ok is false when there is none.
func ColumnText(table, column string) (Text, bool) {
	if view, mat := strings.CutPrefix(table, "m_"); mat {
		table = view // a materialised table's columns are its view's
	}
	if t, ok := dictionaryZH.columns[table+"."+column]; ok {
		return t, true
	}
	if m, ok := MetricOf(Metric(column)); ok {
		return Text{Label: m.Label, Meaning: m.Definition + unitNote(m)}, true
	}
	if table == "figures" || table == "figure_versions" {
		if column == "report_id" {
			return dictionaryZH.columns[column], true
		}
		if label := schema.CellLabel(column); label != column {
			return Text{Label: label, Meaning: "报告所填的“" + label + "”；未填为空，留空的单元格为 0。"}, true
		}
	}
	t, ok := dictionaryZH.columns[column]
	return t, ok
}

// unitNote says how a metric's column holds its values, where the views
// differ from the pages (a rate is a fraction there).
func unitNote(m MetricInfo) string {
	switch m.Kind {
	case KindRate:
		return "视图中为小数（0.25 即 25%）。"
	case KindIndex:
		return "单位：分。"
	}
	return "单位：" + m.Unit + "。"
}

// ColumnLabels name the views' columns in Chinese (the plain column rows
// of columns.csv and the catalog's metrics), for headings that know a
// column's name but not its view.
var ColumnLabels = func() map[string]string {
	m := map[string]string{}
	for name, t := range dictionaryZH.columns {
		if !strings.Contains(name, ".") {
			m[name] = t.Label
		}
	}
	for _, x := range Metrics {
		m[string(x.Metric)] = x.Label
	}
	return m
}()
