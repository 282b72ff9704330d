package main

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// reviewRows reads the review queue of 平沙县 in a year through the JSON API.
func reviewRows(t *testing.T, base string, year int) []map[string]any {
	t.Helper()
	code, body := fetch(t, base+"api/review?"+url.Values{"county": {"平沙县"}, "year": {strconv.Itoa(year)}}.Encode())
	var ds struct{ Rows []map[string]any }
	if err := json.Unmarshal([]byte(body), &ds); code != 200 || err != nil {
		t.Fatalf("/api/review: %d %v %.300s", code, err, body)
	}
	return ds.Rows
}

// TestReviewDecisionServed: a decision posted to a running server is
// written by its one writer, shows on the very next read of the queue, and
// goes with the data into xxgk export.
func TestReviewDecisionServed(t *testing.T) {
	db := countyCopy(t, "review.duckdb")
	dir := filepath.Dir(db)
	base, stop, _, serveErr := startCommand(t, "serve", "--db", db, "--addr", "127.0.0.1:0")
	// The first year of the county with a flag.
	var rows []map[string]any
	year := 2019
	for ; year <= 2025 && len(rows) == 0; year++ {
		rows = reviewRows(t, base, year)
	}
	year--
	if len(rows) == 0 || rows[0]["status"] != "待审核" {
		t.Fatalf("no open flag in 平沙县: %v", rows)
	}
	id := rows[0]["flag_id"].(string)
	res, err := http.Post(base+"api/review/"+id, "application/json", strings.NewReader(`{"status":"dismissed","comment":"已电话核实，数字属实"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("POST /api/review/%s: %d", id, res.StatusCode)
	}
	rows = reviewRows(t, base, year)
	if rows[len(rows)-1]["flag_id"] != id || rows[len(rows)-1]["status"] != "已排除" ||
		rows[len(rows)-1]["comment"] != "已电话核实，数字属实" || rows[len(rows)-1]["decided_by"] != "本机用户" {
		t.Errorf("after the decision (decided last, open first): %v", rows)
	}
	if code := stop(); code != 0 {
		t.Fatalf("serve exit %d: %s", code, serveErr.String())
	}

	out := filepath.Join(dir, "parquet")
	if code, _, errs := runXXGK(t, "export", "--db", db, "--out", out); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	pq, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer pq.Close()
	var flag, status, comment string
	if err := pq.QueryRow(`SELECT flag_id, status, comment FROM read_parquet(?, hive_partitioning = true)`,
		filepath.Join(out, "review_decisions", "**", "*.parquet")).Scan(&flag, &status, &comment); err != nil {
		t.Fatal(err)
	}
	if flag != id || status != "dismissed" || comment != "已电话核实，数字属实" {
		t.Errorf("exported decision: %s %s %s", flag, status, comment)
	}
}
