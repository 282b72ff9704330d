package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestCountyFolderMergesRegions: a county's folder with its own
// regions.csv (taken by default) ingested into a larger database adds and
// updates the bodies it names and leaves every other region in place
// (issue 10: such a run replaced all 43,448 regions with 20, and every
// other township became unplaced). The changed placement is reported and
// the body's reports follow it.
func TestIngestCountyFolderMergesRegions(t *testing.T) {
	db := demoCopy(t, "demo.duckdb")
	folder := filepath.Join(t.TempDir(), "长子县")
	os.MkdirAll(folder, 0o755)
	os.WriteFile(filepath.Join(folder, "regions.csv"), []byte("org,township,county,city,province,kind\n"+
		"平沙县丰塔乡人民政府,丰塔乡,平沙县,新城市,盛亭省,township\n"+
		"丹朱镇人民政府,丹朱镇,长子县,长治市,山西省,township\n"), 0o644)
	seed, err := os.ReadFile("../../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(folder, "丹朱镇-2020.txt"), seed, 0o644)
	const before = "73,479,0,7,73\n" // regions, reports, unplaced, 丰塔乡's reports, regions in 宁田市
	const query = `SELECT (SELECT count(*) FROM regions), (SELECT count(*) FROM reports),
		(SELECT count(*) FROM reports WHERE NOT placed), (SELECT count(*) FROM reports WHERE org = '平沙县丰塔乡人民政府' AND city = ?),
		(SELECT count(*) FROM regions WHERE city = '宁田市')`
	state := func(city string) string {
		t.Helper()
		code, out, errs := runXXGK(t, "sql", "--db", db, "--csv", strings.Replace(query, "?", "'"+city+"'", 1))
		if code != 0 {
			t.Fatalf("xxgk sql: %s", errs)
		}
		_, rows, _ := strings.Cut(out, "\n")
		return rows
	}
	if got := state("宁田市"); got != before {
		t.Fatalf("the demo database holds %q, want %q", got, before)
	}

	code, out, errs := runXXGK(t, "ingest", "--db", db, folder)
	if code != 0 || !strings.Contains(out, ": 1 loaded, 0 replaced, 0 unchanged, 0 refused, 0 failed; 0 flagged by checks, 0 unplaced (") {
		t.Errorf("ingest: exit %d\nstdout %s\nstderr %s", code, out, errs)
	}
	if want := "regions: 1 added, 1 placed anew\n  placed anew: 平沙县丰塔乡人民政府 (平沙县): 丰塔乡 › 宁田市 › 盛亭省  →  丰塔乡 › 新城市 › 盛亭省\n"; !strings.Contains(errs, want) {
		t.Errorf("stderr %q\nwant it to contain %q", errs, want)
	}
	// One region more, one report more, none unplaced; 丰塔乡's seven
	// reports moved to 新城市; the 72 other regions of 宁田市 where they were.
	if got, want := state("新城市"), "74,480,0,7,72\n"; got != want {
		t.Errorf("after the county's folder: %q, want %q", got, want)
	}
}
