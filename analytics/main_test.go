package analytics

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"xxgk/ingest/store"
)

const demoDir = "../fixtures/demo"

// The demo corpus, ingested once per test binary, and its answer key.
var (
	demoPath string  // the database file
	demoDB   *sql.DB // read-only, safety settings (OpenReadOnly)
	demo     *DB
	key      *model
)

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "analytics tests:", err)
		code = 1
	}
	os.Exit(code)
}

func run(m *testing.M) (int, error) {
	dir, err := os.MkdirTemp("", "analytics-test-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	demoPath = filepath.Join(dir, "demo.duckdb")
	if err := ingestDemo(demoPath); err != nil {
		return 0, err
	}
	if demoDB, err = OpenReadOnly(context.Background(), demoPath); err != nil {
		return 0, err
	}
	defer demoDB.Close()
	demo = New(demoDB)
	if key, err = loadModel(demoDir); err != nil {
		return 0, err
	}
	code := m.Run()
	if testing.Verbose() {
		fmt.Printf("analytics: %d view cells checked against the answer key\n", cellsChecked.Load())
	}
	return code, nil
}

// ingestDemo loads the demo corpus into a new database at path.
func ingestDemo(path string) error {
	ctx := context.Background()
	regions, err := store.ReadRegions(demoDir + "/regions.csv")
	if err != nil {
		return err
	}
	var files []string
	err = filepath.WalkDir(demoDir+"/reports", func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	s, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	sum, err := s.Ingest(ctx, files, store.Options{Regions: regions})
	if err != nil {
		s.Close()
		return err
	}
	if sum.Failed > 0 || sum.Unplaced > 0 {
		s.Close()
		return fmt.Errorf("demo ingest: %d failed, %d unplaced: %v", sum.Failed, sum.Unplaced, sum.Notes)
	}
	return s.Close()
}
