package analytics

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"xxgk/ingest/store"
)

// TestReportVersions: a report replaced twice lists both earlier versions,
// the last replaced first, with their files, SHA-256, who loaded and who
// replaced them and with which file.
func TestReportVersions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	src, err := os.ReadFile("../fixtures/seed/danzhu-2020.txt")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "v.duckdb")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	regions := []store.Region{{Org: "丹朱镇人民政府", Township: "丹朱镇", County: "长子县", City: "长治市", Province: "山西省"}}
	var shas []string
	for i, by := range []string{"甲", "乙", "丙"} {
		f := filepath.Join(dir, []string{"a.txt", "b.txt", "c.txt"}[i])
		if err := os.WriteFile(f, append(src, []byte(by)...), 0o644); err != nil {
			t.Fatal(err)
		}
		sum, err := s.Ingest(ctx, []string{f}, store.Options{Regions: regions, By: by})
		if err != nil || sum.Loaded+sum.Replaced != 1 {
			t.Fatalf("run %d: %+v, %v", i, sum, err)
		}
	}
	vs, err := store.History(ctx, s.DB, "丹朱镇", 2020, 10)
	if err != nil || len(vs) != 3 {
		t.Fatalf("history: %+v, %v", vs, err)
	}
	for _, v := range vs {
		shas = append(shas, v.SHA256)
	}
	s.Close()

	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id int64
	if err := db.QueryRow(`SELECT report_id FROM reports`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	r, err := New(db).Report(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Versions) != 2 {
		t.Fatalf("%d versions, want 2: %+v", len(r.Versions), r.Versions)
	}
	for i, want := range []ReportVersion{
		{SourceFile: filepath.Join(dir, "b.txt"), SHA256: shas[1], LoadedBy: "乙", ReplacedBy: "丙", ReplacedByFile: filepath.Join(dir, "c.txt")},
		{SourceFile: filepath.Join(dir, "a.txt"), SHA256: shas[2], LoadedBy: "甲", ReplacedBy: "乙", ReplacedByFile: filepath.Join(dir, "b.txt")},
	} {
		got := r.Versions[i]
		if got.LoadedAt.IsZero() || got.ReplacedAt.Before(got.LoadedAt) {
			t.Errorf("version %d: loaded %v, replaced %v", i, got.LoadedAt, got.ReplacedAt)
		}
		got.LoadedAt, got.ReplacedAt = want.LoadedAt, want.ReplacedAt
		if got != want {
			t.Errorf("version %d = %+v, want %+v", i, got, want)
		}
	}
}
