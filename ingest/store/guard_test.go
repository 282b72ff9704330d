package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// seedVariant writes the seed report with some text replaced.
func seedVariant(t *testing.T, path string, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile("../../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(edit(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func same(s string) string { return s }

// withoutPart4 cuts part 四's table, as a page cut off before it.
func withoutPart4(s string) string {
	i := strings.Index(s, "四、政府信息公开行政复议")
	j := strings.Index(s, "五、存在的主要问题")
	return s[:i] + s[j:]
}

// loadSeed starts a database holding the genuine seed report (199 figures).
func loadSeed(t *testing.T) (*Store, string, string) {
	t.Helper()
	dir := t.TempDir()
	seed := seedVariant(t, filepath.Join(dir, "reports", "danzhu-2020.txt"), same)
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	sum, err := s.Ingest(context.Background(), []string{seed}, Options{Regions: []Region{seedRegion}, By: "first"})
	if err != nil || sum.Loaded != 1 {
		t.Fatalf("loading the seed: %+v, %v", sum, err)
	}
	return s, dir, seed
}

func danzhuFigures(t *testing.T, s *Store) string {
	return fmt.Sprint(count(t, s, `SELECT count(*) FROM reports`),
		count(t, s, `SELECT count(*) FROM report_figures WHERE org = '丹朱镇人民政府' AND year = 2020`))
}

// TestRefused: what is not a report, or not a report of a possible year, or
// would replace a report by less of it, is refused with the reason and the
// loaded report stays as it was.
func TestRefused(t *testing.T) {
	tests := []struct {
		name, file string
		write      func(t *testing.T, path string)
		replace    bool
		reason     string
		detail     string
	}{
		{"news page", "news.txt", func(t *testing.T, p string) {
			os.WriteFile(p, []byte("丹朱镇人民政府2020年政府信息公开工作年度报告\n\n2021年1月8日，丹朱镇召开会议，部署年度报告编制工作。2020年，我镇主动公开政府信息88条。\n"), 0o644)
		}, false, ReasonNotReport, "not a report: none of the report's three tables (二、三、四) was found; a news item or notice is not loaded"},
		{"news page forced", "news.txt", func(t *testing.T, p string) {
			os.WriteFile(p, []byte("丹朱镇人民政府2020年政府信息公开工作年度报告\n\n2020年，我镇主动公开政府信息88条。\n"), 0o644)
		}, true, ReasonNotReport, "not a report: none of the report's three tables (二、三、四) was found; a news item or notice is not loaded"},
		{"year 2031", "y2031.txt", func(t *testing.T, p string) {
			seedVariant(t, p, func(s string) string { return strings.ReplaceAll(s, "2020", "2031") })
		}, false, ReasonYear, fmt.Sprintf("statistics year 2031 is outside 2008…%d; correct the year in the title or the statistics period", time.Now().Year())},
		{"year 2007", "y2007.txt", func(t *testing.T, p string) {
			seedVariant(t, p, func(s string) string { return strings.ReplaceAll(s, "2020", "2007") })
		}, false, ReasonYear, fmt.Sprintf("statistics year 2007 is outside 2008…%d; correct the year in the title or the statistics period", time.Now().Year())},
		{"fewer parts", "cut.txt", func(t *testing.T, p string) {
			seedVariant(t, p, withoutPart4)
		}, false, ReasonFewerParts, "holds only part of what the loaded report of 丹朱镇人民政府 2020 holds (@cut lacks part s4 that @seed holds whole); the loaded report stays; use --replace to replace it anyway"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, dir, seed := loadSeed(t)
			file := filepath.Join(dir, "new", tc.file)
			os.MkdirAll(filepath.Dir(file), 0o755)
			tc.write(t, file)
			var results []FileResult
			sum, err := s.Ingest(context.Background(), []string{file}, Options{Replace: tc.replace, OnFile: func(r FileResult) { results = append(results, r) }})
			if err != nil {
				t.Fatal(err)
			}
			want := strings.NewReplacer("@cut", file, "@seed", seed).Replace(tc.detail)
			if len(results) != 1 || results[0].Action != ActionRefused || results[0].Reason != tc.reason || results[0].Detail != want {
				t.Fatalf("results = %+v\nwant refused %s: %s", results, tc.reason, want)
			}
			if sum.Refused != 1 || sum.Loaded+sum.Replaced != 0 || len(sum.Notes) != 1 {
				t.Errorf("summary = %+v", sum)
			}
			if got := danzhuFigures(t, s); got != "1 199" {
				t.Errorf("reports, 丹朱镇 2020 figures = %s, want 1 199 (the genuine report)", got)
			}
			if n := count(t, s, `SELECT max(year) FROM reports`); n != 2020 {
				t.Errorf("latest year %d, want 2020", n)
			}
			if n := count(t, s, `SELECT count(*) FROM ingest_log WHERE action = 'refused' AND detail = ?`, want); n != 1 {
				t.Errorf("%d refusals logged, want 1", n)
			}
			if n := count(t, s, `SELECT count(*) FROM report_versions`); n != 0 {
				t.Errorf("%d versions kept, want 0", n)
			}
		})
	}
}

// TestReplaceKeepsVersions: a fuller document replaces the report; a
// thinner one only with Replace; either way the old one is kept with who
// replaced it.
func TestReplaceKeepsVersions(t *testing.T) {
	s, dir, seed := loadSeed(t)
	ctx := context.Background()
	cut := seedVariant(t, filepath.Join(dir, "new", "cut.txt"), func(s string) string {
		return strings.Replace(withoutPart4(s), "主动公开 65 条信息", "主动公开 70 条信息", 1)
	})
	sum, err := s.Ingest(ctx, []string{cut}, Options{Replace: true, By: "王科员"})
	if err != nil || sum.Replaced != 1 {
		t.Fatalf("forced replace: %+v, %v", sum, err)
	}
	if d := sum.Notes[0].Detail; !strings.Contains(d, "replaces "+seed) || !strings.HasSuffix(d, "forced with --replace") {
		t.Errorf("detail = %q", d)
	}
	if got := count(t, s, `SELECT "proactive_items" FROM figures`); got != 70 {
		t.Errorf("current proactive_items = %d, want 70", got)
	}
	var file, by, byFile string
	var forced bool
	var items float64
	if err := s.DB.QueryRow(`SELECT v.source_file, v.replaced_by, v.replaced_by_file, v.forced, f."proactive_items"
		FROM report_versions v JOIN figure_versions f USING (report_id)`).Scan(&file, &by, &byFile, &forced, &items); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintln(file == seed, by, byFile == cut, forced, items); got != "true 王科员 true true 65\n" {
		t.Errorf("kept version: file is seed, by, by file is cut, forced, proactive = %s", got)
	}
	h, err := History(ctx, s.DB, "丹朱镇", 2020, 10)
	if err != nil || len(h) != 2 || !h[0].Current || h[0].File != cut || h[0].LoadedBy != "王科员" ||
		h[1].Current || h[1].File != seed || h[1].LoadedBy != "first" || h[1].ReplacedBy != "王科员" || len(h[1].SHA256) != 64 {
		t.Errorf("history = %+v, %v", h, err)
	}

	// The full report back: it holds more, so it replaces without forcing.
	sum, err = s.Ingest(ctx, []string{seed}, Options{By: "first"})
	if err != nil || sum.Replaced != 1 || count(t, s, `SELECT count(*) FROM report_versions`) != 2 {
		t.Errorf("full report back: %+v, %v", sum, err)
	}
}

// TestImplausible: figures no real report prints are kept as printed and
// flagged with rule 5 (plausible), shown in quality_checks.
func TestImplausible(t *testing.T) {
	dir := t.TempDir()
	file := seedVariant(t, filepath.Join(dir, "danzhu.txt"), func(s string) string {
		return strings.Replace(s, "主动公开 65 条信息", "主动公开 1000000000000000000000000000000 条信息", 1)
	})
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	sum, err := s.Ingest(context.Background(), []string{file}, Options{Regions: []Region{seedRegion}})
	if err != nil || sum.Loaded != 1 || sum.Flagged != 1 {
		t.Fatalf("%+v, %v", sum, err)
	}
	var cell, text string
	var found float64
	if err := s.DB.QueryRow(`SELECT cell, found, rule_text FROM quality_checks WHERE rule = 5`).Scan(&cell, &found, &text); err != nil {
		t.Fatal(err)
	}
	if cell != "proactive_items" || found != 1e30 || !strings.HasPrefix(text, "plausible") {
		t.Errorf("quality_checks: %s %g %s", cell, found, text)
	}
	if n := count(t, s, `SELECT count(*) FROM quality WHERE breaks_arithmetic`); n != 1 {
		t.Errorf("quality lists %d reports, want 1", n)
	}
}

func TestImplausibleRules(t *testing.T) {
	got := implausible(map[string]float64{
		"s3.new.total": -1, "s2.licensing.change": -5, "s2.fees.amount": 1.5, "s3.granted.total": 2.5,
		"proactive_items": 1e9, "s4.review.total": 3,
	})
	want := "[{5 proactive_items 1e+08 1e+09} {5 s3.new.total 0 -1} {5 s3.granted.total 3 2.5}]"
	var parts []string
	for _, v := range got {
		parts = append(parts, fmt.Sprintf("{%d %s %g %g}", v.Rule, v.Where, v.Expected, v.Found))
	}
	if "["+strings.Join(parts, " ")+"]" != want {
		t.Errorf("implausible = %v, want %s", got, want)
	}
}

// TestRegionsMerge: a county's regions.csv adds and updates its own bodies
// and leaves every other region in place.
func TestRegionsMerge(t *testing.T) {
	s, _, _ := loadSeed(t)
	ctx := context.Background()
	other := Region{Org: "石哲镇人民政府", Township: "石哲镇", County: "长子县", City: "长治市", Province: "山西省"}
	if _, err := s.Ingest(ctx, nil, Options{Regions: []Region{seedRegion, other}}); err != nil {
		t.Fatal(err)
	}
	moved := seedRegion
	moved.City = "晋城市"
	third := Region{Org: "东关街道办事处", Township: "东关街道", County: "甲县"}
	sum, err := s.Ingest(ctx, nil, Options{Regions: []Region{moved, third}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.RegionsAdded != 1 || len(sum.RegionsChanged) != 1 || sum.RegionsChanged[0].Old != seedRegion || sum.RegionsChanged[0].New != moved {
		t.Errorf("added %d, changed %+v", sum.RegionsAdded, sum.RegionsChanged)
	}
	if got := sum.RegionsChanged[0].String(); got != "丹朱镇人民政府 (长子县): 丹朱镇 › 长治市 › 山西省  →  丹朱镇 › 晋城市 › 山西省" {
		t.Errorf("change = %q", got)
	}
	if n := count(t, s, `SELECT count(*) FROM reports WHERE org = '丹朱镇人民政府' AND city = '晋城市'`); n != 1 {
		t.Errorf("the report did not follow its body's new placement")
	}
	if n := count(t, s, `SELECT count(*) FROM regions`); n != 3 {
		t.Errorf("%d regions, want 3 (none removed)", n)
	}
	if n := count(t, s, `SELECT count(*) FROM regions WHERE org = '丹朱镇人民政府' AND city = '晋城市'`); n != 1 {
		t.Errorf("the placement was not updated")
	}
}

// TestBadFilesNeverStopTheRun: a name that is not UTF-8, a FIFO, an
// unreadable file: each is named (escaped) and the others load.
func TestBadFilesNeverStopTheRun(t *testing.T) {
	dir := t.TempDir()
	good := seedVariant(t, filepath.Join(dir, "danzhu.txt"), same)
	bad := filepath.Join(dir, "qingshi-\xb6\xa1\n.html")
	copyFile(t, "../testdata/forms/qingshi-2022.html", bad)
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	var results []FileResult
	sum, err := s.Ingest(context.Background(), []string{good, bad, fifo, filepath.Join(dir, "gone.txt")},
		Options{Regions: []Region{seedRegion}, OnFile: func(r FileResult) { results = append(results, r) }})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(sum.Loaded, sum.Failed)
	if got != "2 2" {
		t.Errorf("loaded, failed = %s, want 2 2", got)
	}
	escaped := filepath.Join(dir, `qingshi-\xb6\xa1\n.html`)
	if results[1].File != escaped || results[1].Action != ActionLoaded {
		t.Errorf("non-UTF-8 name: %+v", results[1])
	}
	if results[2].Detail != "not a regular file but a named pipe (FIFO); skipped without opening it" {
		t.Errorf("FIFO: %+v", results[2])
	}
	if results[3].Detail != "cannot read it: no such file or directory" {
		t.Errorf("missing file: %+v", results[3])
	}
	if n := count(t, s, `SELECT count(*) FROM reports WHERE source_file = ?`, escaped); n != 1 {
		t.Errorf("the escaped name is not stored")
	}
}

// TestUnchangedNotParsed: a second run over the same files parses nothing
// and adds one run row and nothing else.
func TestUnchangedNotParsed(t *testing.T) {
	dir, seed, qingshi, _ := corpus(t)
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	ctx := context.Background()
	if _, err := s.Ingest(ctx, []string{seed, qingshi}, Options{Regions: []Region{seedRegion}}); err != nil {
		t.Fatal(err)
	}
	logRows := count(t, s, `SELECT count(*) FROM ingest_log`)
	before := parses.Load()
	sum, err := s.Ingest(ctx, []string{seed, qingshi}, Options{})
	if err != nil || sum.Unchanged != 2 {
		t.Fatalf("%+v, %v", sum, err)
	}
	if n := parses.Load() - before; n != 0 {
		t.Errorf("%d files parsed again, want 0", n)
	}
	if n := count(t, s, `SELECT count(*) FROM ingest_log`); n != logRows {
		t.Errorf("ingest_log grew from %d to %d rows", logRows, n)
	}
	if n := count(t, s, `SELECT count(*) FROM ingest_runs`); n != 2 {
		t.Errorf("%d runs, want 2", n)
	}
	// Touched: same bytes, new time: parsed once, then known again.
	later := time.Now().Add(time.Hour)
	os.Chtimes(seed, later, later)
	before = parses.Load()
	if sum, err := s.Ingest(ctx, []string{seed}, Options{}); err != nil || sum.Unchanged != 1 {
		t.Fatalf("%+v, %v", sum, err)
	}
	if sum, err := s.Ingest(ctx, []string{seed}, Options{}); err != nil || sum.Unchanged != 1 {
		t.Fatalf("%+v, %v", sum, err)
	}
	if n := parses.Load() - before; n != 1 {
		t.Errorf("a touched file was parsed %d times over two runs, want 1", n)
	}
}

// TestCheckpointFailsAfterCommit: the run is stored and the error says so.
func TestCheckpointFailsAfterCommit(t *testing.T) {
	dir, seed, _, _ := corpus(t)
	db := filepath.Join(dir, "x.duckdb")
	s, err := Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	s.checkpointErr = errors.New("No space left on device")
	sum, err := s.Ingest(context.Background(), []string{seed}, Options{Checkpoint: true})
	if !errors.Is(err, ErrCheckpoint) || !sum.Committed || sum.Loaded != 1 {
		t.Fatalf("sum %+v, err %v", sum, err)
	}
	s.Close()
	if n := count(t, mustOpen(t, db), `SELECT count(*) FROM reports`); n != 1 {
		t.Errorf("%d reports after reopening, want 1", n)
	}
}

// TestRegionsPlaceEarlierReports: reports loaded before their body was in
// the regions are placed by a later regions.csv.
func TestRegionsPlaceEarlierReports(t *testing.T) {
	dir := t.TempDir()
	seed := seedVariant(t, filepath.Join(dir, "danzhu.txt"), same)
	s := mustOpen(t, filepath.Join(dir, "x.duckdb"))
	ctx := context.Background()
	if sum, err := s.Ingest(ctx, []string{seed}, Options{}); err != nil || sum.Unplaced != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	sum, err := s.Ingest(ctx, nil, Options{Regions: []Region{seedRegion}})
	if err != nil || sum.PlacedNow != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if n := count(t, s, `SELECT count(*) FROM reports WHERE placed AND county = '长子县' AND city = '长治市'`); n != 1 {
		t.Errorf("the report is not placed")
	}
}
