package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// pristine is a database built once per test binary and copied for each
// test that writes into one: ingesting the same reports again for every
// test cost seconds of CPU each.
type pristine struct {
	once sync.Once
	path string
	err  error
}

var (
	// pristineRoot holds the pristine databases; TestMain removes it.
	pristineRoot string
	pristineMu   sync.Mutex

	// pristineDemo is the demo corpus as xxgk demo loads it.
	pristineDemo pristine
	// pristineCounty is one county of the demo (平沙县, 140 reports) as
	// `xxgk ingest --regions fixtures/demo/regions.csv` loads it.
	pristineCounty pristine
)

// copyOf builds p on first use, then copies it to a file named name in a
// directory of the test's own and returns its path.
func (p *pristine) copyOf(tb testing.TB, name string, build func(dir string) (string, error)) string {
	tb.Helper()
	p.once.Do(func() {
		pristineMu.Lock()
		if pristineRoot == "" {
			pristineRoot, p.err = os.MkdirTemp("", "xxgk-test-pristine-")
		}
		root := pristineRoot
		pristineMu.Unlock()
		if p.err != nil {
			return
		}
		dir, err := os.MkdirTemp(root, "db-")
		if err != nil {
			p.err = err
			return
		}
		p.path, p.err = build(dir)
	})
	if p.err != nil {
		tb.Fatalf("pristine database: %v", p.err)
	}
	dst := filepath.Join(tb.TempDir(), name)
	for _, suffix := range []string{"", ".wal"} {
		b, err := os.ReadFile(p.path + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(dst+suffix, b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dst
}

// demoCopy is a copy of the demo database, the test's own.
func demoCopy(tb testing.TB, name string) string {
	return pristineDemo.copyOf(tb, name, func(dir string) (string, error) {
		return buildDemo(context.Background(), dir, io.Discard)
	})
}

// countyCopy is a copy of 平沙县's database (140 reports, placed), the
// test's own.
func countyCopy(tb testing.TB, name string) string {
	return pristineCounty.copyOf(tb, name, func(dir string) (string, error) {
		db := filepath.Join(dir, "county.duckdb")
		var stdout, stderr bytes.Buffer
		args := []string{"ingest", "--db", db, "--regions", "../../fixtures/demo/regions.csv", filepath.Join(demoReports, "平沙县")}
		if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
			return "", fmt.Errorf("xxgk %v: exit %d: %s", args, code, stderr.String())
		}
		return db, nil
	})
}

// removePristine removes the pristine databases (TestMain).
func removePristine() {
	if pristineRoot != "" {
		os.RemoveAll(pristineRoot)
	}
}
