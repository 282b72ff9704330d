package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	sqlfiles "xxgk/sql"
)

// A bulk run measures copied prose as its reports stream in, county by
// county, instead of reading every touched county's prose back from the
// database at the end (which cost a national load 21 s, most of it
// reading 165 million characters of uncommitted prose and fingerprinting
// them on one goroutine). The fingerprints are computed beside the
// parsing (readSource), and the loader holds one county's at a time:
// reports arrive folder by folder, so a county's come together, and when
// the next county starts the held one is measured (appendSimilarity, the
// same code as the read-back) and appended. Only a county the database
// held no report of before the run is measured so: its reports are then
// exactly the run's. A county the run comes back to after its streak, and
// every other county, is measured by the read-back (measureCopied) as
// before.
type copiedStream struct {
	app    *duckdb.Appender
	held   map[string]bool // counties measured by the read-back
	county string          // the county whose reports are being gathered
	docs   []proseDoc
	// done lists the counties measured in the stream; again those the run
	// came back to after that (measured again by the read-back).
	done, again map[string]bool
	took        time.Duration // time spent measuring, for Summary.CopiedProse
}

// startStream opens the stream for a bulk run; held lists the counties that
// hold reports before the run (or that the run's regions moved reports
// into).
func (l *loader) startStream(held map[string]bool) error {
	app, err := l.appender("prose_similarity")
	if err != nil {
		return err
	}
	l.stream = &copiedStream{app: app, held: held, done: map[string]bool{}, again: map[string]bool{}}
	return nil
}

// streamed takes a placed report's fingerprint; it says false when the
// county is left to the read-back.
func (l *loader) streamed(county string, d proseDoc) (bool, error) {
	s := l.stream
	if s == nil || s.held[county] || s.again[county] {
		return false, nil
	}
	if county != s.county {
		if err := s.finish(); err != nil {
			return false, err
		}
		if s.done[county] {
			// Its streak was cut: the read-back measures it whole at the
			// end, and no county is being gathered until a new one starts.
			s.again[county], s.county = true, ""
			return false, nil
		}
		s.county = county
	}
	s.docs = append(s.docs, d)
	return true, nil
}

// finish measures the county being gathered and appends its rows.
func (s *copiedStream) finish() error {
	if len(s.docs) == 0 {
		return nil
	}
	start := time.Now()
	defer func() { s.took += time.Since(start) }()
	// The read-back's order: year, then body.
	slices.SortFunc(s.docs, func(a, b proseDoc) int {
		return cmp.Or(cmp.Compare(a.year, b.year), cmp.Compare(a.township, b.township))
	})
	s.done[s.county] = true
	err := appendSimilarity(s.app, s.docs, true)
	clear(s.docs)
	s.docs = s.docs[:0]
	return err
}

// end measures the last county. The loader's close closes the appender
// after it, before the read-back, which may delete a county's rows to
// measure it again.
func (s *copiedStream) end() error {
	if s == nil {
		return nil
	}
	return s.finish()
}

// measured lists the counties measured for good in the stream.
func (s *copiedStream) measured() map[string]bool {
	out := map[string]bool{}
	if s == nil {
		return out
	}
	for c := range s.done {
		if !s.again[c] {
			out[c] = true
		}
	}
	return out
}

// touch records a loaded report for the copied-prose measure: in the
// stream, or by its county (or body, unplaced) for the read-back.
func (l *loader) touch(region Region, placed bool, d proseDoc) error {
	if placed {
		if ok, err := l.streamed(region.County, d); err != nil || ok {
			return err
		}
	}
	l.touched.add(region.County, placed, region.Township)
	return nil
}

// heldCounties lists the counties that hold reports before the run's own,
// and those the run's regions moved reports into: their measures need the
// reports already stored, so the read-back makes them.
func (l *loader) heldCounties(ctx context.Context) (map[string]bool, error) {
	held := map[string]bool{}
	for c := range l.touched.counties {
		held[c] = true
	}
	if l.current != nil {
		for c := range l.current.counties {
			held[c] = true
		}
		return held, nil
	}
	rows, err := l.conn.QueryContext(ctx, sqlfiles.Query("held_counties"))
	if err != nil {
		return nil, fmt.Errorf("ingest: copied prose: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("ingest: copied prose: %w", err)
		}
		held[c] = true
	}
	return held, rows.Err()
}
