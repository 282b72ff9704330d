package main

import (
	"strings"
	"testing"

	"xxgk/dashboard"
)

// TestDemoWarningsInChinese: every warning the parser gives on the demo
// corpus has its Chinese wording (dashboard.WarningZH knows its format),
// so the township and report pages show no English.
func TestDemoWarningsInChinese(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the demo corpus")
	}
	demoDashboard(t)
	rows, err := demoDB.db.Query("SELECT DISTINCT unnest(warnings) FROM reports ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			t.Fatal(err)
		}
		n++
		if zh := dashboard.WarningZH(w); strings.HasPrefix(zh, "解析器说明（原文）") {
			t.Errorf("no Chinese for the warning %q", w)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Errorf("only %d distinct warnings in the demo", n)
	}
}
