package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// TestCopiedStream: copied prose measured as a run's reports stream in
// equals the read-back's measure exactly (every report's sample size,
// previous and peer report and shares), whatever the order of the files
// and whatever the database held before.
func TestCopiedStream(t *testing.T) {
	// Two of the demo's three counties, three years: enough to cut
	// streaks and to compare each report with its previous one, and quick.
	files, err := filepath.Glob("../../fixtures/demo/reports/*/[平茶]*/*-20[12][019].*")
	if err != nil || len(files) < 80 {
		t.Fatalf("demo corpus: %d files, %v", len(files), err)
	}
	regions, err := ReadRegions("../../fixtures/demo/regions.csv")
	if err != nil {
		t.Fatal(err)
	}
	// Every other file from each end: each county's reports come back
	// after the other's, so neither is measured in the stream.
	var interleaved []string
	for i, j := 0, len(files)-1; i <= j; i, j = i+1, j-1 {
		interleaved = append(interleaved, files[i])
		if i != j {
			interleaved = append(interleaved, files[j])
		}
	}
	// The first run loads part of the first county: the second measures
	// that county by the read-back and the other in the stream.
	part := 20
	ctx := context.Background()
	load := func(t *testing.T, stream bool, runs ...[]string) (*Store, []string) {
		s := mustOpen(t, filepath.Join(t.TempDir(), "x.duckdb"))
		for i, run := range runs {
			s.streamAlways = stream && i == len(runs)-1
			opt := Options{}
			if i == 0 {
				opt.Regions = regions
			}
			if _, err := s.Ingest(ctx, run, opt); err != nil {
				t.Fatal(err)
			}
		}
		return s, similarity(t, s)
	}
	_, want := load(t, false, files)
	if len(want) != len(files) {
		t.Fatalf("%d measures by the read-back, want %d", len(want), len(files))
	}
	for _, c := range []struct {
		name     string
		runs     [][]string
		streamed int // counties measured in the stream by the last run
	}{
		{"folder order", [][]string{files}, 2},
		{"interleaved", [][]string{interleaved}, 0},
		{"into a database holding part of one county", [][]string{files[:part], files[part:]}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, got := load(t, true, c.runs...)
			if diff := firstDiff(got, want); diff != "" {
				t.Errorf("streamed measures differ from the read-back's: %s", diff)
			}
			if s.streamedCounties != c.streamed {
				t.Errorf("%d counties measured in the stream, want %d", s.streamedCounties, c.streamed)
			}
		})
	}
}

// firstDiff says where two lists first differ, "" if they do not.
func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("row %d:\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d rows, want %d", len(got), len(want))
	}
	return ""
}

// similarity lists every measure by the files it names.
func similarity(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.DB.Query(`SELECT r.source_file || '|' || m.shingles || '|' || coalesce(pr.source_file, '-') || '|' ||
			coalesce(m.prev_share::VARCHAR, '-') || '|' || coalesce(pe.source_file, '-') || '|' || coalesce(m.peer_share::VARCHAR, '-')
		FROM prose_similarity AS m JOIN reports AS r USING (report_id)
		LEFT JOIN reports AS pr ON pr.report_id = m.prev_report_id
		LEFT JOIN reports AS pe ON pe.report_id = m.peer_report_id
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
