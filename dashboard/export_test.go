package dashboard

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExports: every dataset downloads as CSV (UTF-8 with BOM, Chinese
// headings), XLSX (numbers as numbers, rates as percentages) and JSON, with
// the same rows.
func TestExports(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	query := "?year=2025&county=" + townA.County + "&town=" + townA.Name
	for _, p := range append(pages, townshipPage) {
		for _, name := range p.datasets {
			res, body := get(t, s, "/export/"+name+".csv"+query)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != contentCSV {
				t.Fatalf("%s.csv: %d %q", name, res.StatusCode, res.Header.Get("Content-Type"))
			}
			want := name + "-2025.csv"
			switch {
			case everyYear[name]:
				want = name + ".csv"
			case strings.HasPrefix(name, "rankings"):
				want = name + "-proactive_items-2025.csv"
			}
			if cd := res.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename="+want+";") ||
				!strings.Contains(cd, "filename*=utf-8''"+url.PathEscape("盛亭省 宁田市 平沙县")) {
				t.Errorf("%s.csv: Content-Disposition %q, want %s and the places", name, cd, want)
			}
			if !strings.HasPrefix(body, "\ufeff") {
				t.Errorf("%s.csv: no byte-order mark", name)
			}
			records, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatalf("%s.csv: %v", name, err)
			}

			res, xlsx := get(t, s, "/export/"+name+".xlsx"+query)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != contentXLSX {
				t.Fatalf("%s.xlsx: %d", name, res.StatusCode)
			}
			f, err := excelize.OpenReader(bytes.NewReader([]byte(xlsx)))
			if err != nil {
				t.Fatalf("%s.xlsx: %v", name, err)
			}
			rows, err := f.GetRows(f.GetSheetName(0))
			if err != nil {
				t.Fatal(err)
			}

			_, js := get(t, s, "/api/"+name+query)
			var out struct {
				Dataset string           `json:"dataset"`
				Columns []map[string]any `json:"columns"`
				Rows    []map[string]any `json:"rows"`
			}
			if err := json.Unmarshal([]byte(js), &out); err != nil {
				t.Fatalf("%s json: %v", name, err)
			}
			if out.Dataset != name || len(records) != len(out.Rows)+1 || len(rows) != len(out.Rows)+1 {
				t.Errorf("%s: %d CSV records, %d XLSX rows, %d JSON rows", name, len(records), len(rows), len(out.Rows))
			}
			if len(out.Columns) != len(records[0]) || records[0][0] != rows[0][0] || out.Columns[0]["label"] != records[0][0] {
				t.Errorf("%s: headings differ: %v / %v / %v", name, out.Columns, records[0], rows[0])
			}
		}
	}
}

// TestExportValues checks a few cells of the rankings in each format.
func TestExportValues(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	_, body := get(t, s, "/export/requests.csv?year=2025")
	if !strings.Contains(body, "丰塔乡,平沙县,4,0,3,0,1,0,0,0,4,0,75\r\n") || !strings.Contains(body, ",公开率（%）\r\n") {
		t.Errorf("requests.csv:\n%s", body)
	}
	_, xlsx := get(t, s, "/export/requests.xlsx?year=2025")
	f, err := excelize.OpenReader(strings.NewReader(xlsx))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetName(0)
	if sheet != "2025年依申请公开办理结果" {
		t.Errorf("sheet %q", sheet)
	}
	for cell, want := range map[string]string{"A1": "乡镇", "A2": "丰塔乡", "C2": "4", "M2": "75.00%"} {
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	if typ, _ := f.GetCellType(sheet, "C2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("C2 is stored as %v, not a number", typ)
	}
	_, js := get(t, s, "/api/requests?year=2025")
	if !strings.Contains(js, `{"township":"丰塔乡","county":"平沙县","requests_new":4,"requests_carried_in":0,"granted":3,`) ||
		!strings.Contains(js, `"grant_rate":0.75}`) {
		t.Errorf("JSON rows: %.400s", js)
	}
}

// TestEmptyDatabase: with nothing loaded every page answers and says so.
func TestEmptyDatabase(t *testing.T) {
	s, _ := newTestServer(t, &fakeSource{})
	for _, path := range []string{"/", "/rankings", "/township", "/problems", "/requests", "/appeals", "/quality", "/sql", "/api/trend", "/api/catalog"} {
		res, body := get(t, s, path)
		if res.StatusCode != 200 {
			t.Errorf("%s: status %d: %.200s", path, res.StatusCode, body)
		}
		if strings.HasPrefix(path, "/api") {
			continue
		}
		if path != "/sql" && !strings.Contains(body, "没有") {
			t.Errorf("%s: does not say there is nothing", path)
		}
		if strings.Contains(body, `class="chart"`) {
			t.Errorf("%s: draws an empty chart", path)
		}
	}
}

// TestWriteCSVFormulas: the dashboards' downloads (/export/NAME.csv) go
// through the same writer: text that would run as a formula is escaped,
// numbers are not.
func TestWriteCSVFormulas(t *testing.T) {
	tbl := Table{Columns: []Column{{Label: "乡镇"}, {Label: "变化", Kind: KindInt}, {Label: "说明"}},
		Rows: [][]Cell{{text("=1+1"), integer(-3), text("-3")}, {text("@SUM(A1)"), number(-0.5), text("+x")}, {text("丰塔乡"), {}, text("\tt")}}}
	var b strings.Builder
	if err := writeCSV(&b, tbl); err != nil {
		t.Fatal(err)
	}
	want := "\ufeff乡镇,变化,说明\r\n'=1+1,-3,'-3\r\n'@SUM(A1),-0.5,'+x\r\n丰塔乡,,'\tt\r\n"
	if b.String() != want {
		t.Errorf("%q\nwant %q", b.String(), want)
	}
}
