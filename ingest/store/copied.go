package store

import (
	"cmp"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"slices"

	"github.com/duckdb/duckdb-go/v2"

	"xxgk/ingest"
	"xxgk/ingest/prose"
	sqlfiles "xxgk/sql"
)

// Copied prose (copied_prose) is measured at ingest, for the reports of
// every county a run loads into, never across counties: a report against
// the same body's latest earlier report, and against every other report of
// its county and year, keeping the most similar. A county holds a few
// dozen bodies, so a run costs a few hundred comparisons of short sorted
// lists per county-year (prose.Containment) whatever the size of the
// database; the measure is stored (prose_similarity) and the view
// flag_copied_prose applies the threshold.

// touchedSet is the counties a run loaded reports into, and the unplaced
// bodies (no county) it loaded.
type touchedSet struct {
	counties, unplaced map[string]bool
}

func (t *touchedSet) add(county string, placed bool, township string) {
	if t.counties == nil {
		t.counties, t.unplaced = map[string]bool{}, map[string]bool{}
	}
	if placed {
		t.counties[county] = true
	} else {
		t.unplaced[township] = true
	}
}

func (t *touchedSet) lists() (counties, unplaced []string) {
	for c := range t.counties {
		counties = append(counties, c)
	}
	for u := range t.unplaced {
		unplaced = append(unplaced, u)
	}
	slices.Sort(counties)
	slices.Sort(unplaced)
	return counties, unplaced
}

// appendProse stores a report's prose and the figures it states.
func (l *loader) appendProse(name string, id int64, r *ingest.Report) error {
	if err := l.prose.AppendRow(id, r.Prose.Overview, r.Prose.Problems, r.Prose.Other); err != nil {
		return fmt.Errorf("ingest: %s: prose row: %w", name, err)
	}
	for _, s := range r.Stated {
		if err := l.stated.AppendRow(id, s.Key, s.Value, s.Quote); err != nil {
			return fmt.Errorf("ingest: %s: stated figure row: %w", name, err)
		}
	}
	return nil
}

// proseDoc is one report's prose, fingerprinted.
type proseDoc struct {
	id       int64
	township string
	year     int
	fp       prose.Fingerprint
}

// copiedChunk is how many counties (or unplaced bodies) one query of the
// copied-prose measure reads: a first national load touches every county,
// and reading all their prose in one sorted query took the run from 0.93
// to 1.62 GB (MiB). Chunks of counties follow the report ids, and each query is
// bounded by its chunk's id range, so that it reads only that part of the
// run's rows (docs/live-ingest.md, "Memory of a national run").
const copiedChunk = 64

// measureCopied computes prose_similarity again for every report of the
// counties and unplaced bodies the run touched, a chunk of them at a time.
// The run's own rows must be in (its appenders closed).
func (l *loader) measureCopied(ctx context.Context) error {
	counties, unplaced := l.touched.lists()
	if len(counties) == 0 && len(unplaced) == 0 {
		return nil
	}
	byCounty, err := l.idRanges(ctx, "county_id_ranges", counties)
	if err != nil {
		return err
	}
	byBody, err := l.idRanges(ctx, "unplaced_id_ranges", unplaced)
	if err != nil {
		return err
	}
	app, err := l.appender("prose_similarity")
	if err != nil {
		return err
	}
	for _, c := range copiedChunks(byCounty) {
		if err := l.measureChunk(ctx, app, c.groups, []string{}, c.ranges); err != nil {
			app.Close()
			return err
		}
	}
	for _, c := range copiedChunks(byBody) {
		if err := l.measureChunk(ctx, app, []string{}, c.groups, c.ranges); err != nil {
			app.Close()
			return err
		}
	}
	return app.Close()
}

// idRange is a range of report ids; in idRanges', those of one county (or
// unplaced body).
type idRange struct {
	group  string
	lo, hi int64
}

// rangeGap is the distance between two of a county's report ids past which
// idRanges splits them into two ranges: a DuckDB vector (a variable:
// tests split every county to exercise the merging).
var rangeGap int64 = 2048

// proseRanges is how many ranges of report ids one copied-prose query
// takes (sql/queries/prose_of.sql).
const proseRanges = 4

// idRanges lists the counties (query county_id_ranges) or unplaced bodies
// (unplaced_id_ranges) with the ranges of their reports' ids, in id order.
func (l *loader) idRanges(ctx context.Context, query string, groups []string) ([]idRange, error) {
	if len(groups) == 0 {
		return nil, nil
	}
	rows, err := l.conn.QueryContext(ctx, sqlfiles.Query(query), groups, rangeGap)
	if err != nil {
		return nil, fmt.Errorf("ingest: copied prose: %w", err)
	}
	defer rows.Close()
	var out []idRange
	for rows.Next() {
		var r idRange
		if err := rows.Scan(&r.group, &r.lo, &r.hi); err != nil {
			return nil, fmt.Errorf("ingest: copied prose: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// copiedQuery is one query of the copied-prose measure: some counties (or
// unplaced bodies), and at most proseRanges ranges of ids that hold their
// reports.
type copiedQuery struct {
	groups []string
	ranges []idRange
}

// copiedChunks groups the counties (or bodies) of ranges (in id order)
// copiedChunk at a time, in the order of their first range, each group
// with its ranges merged down to proseRanges: the ranges nearest each other
// are merged first, so a group reads as few ids as the slots allow.
func copiedChunks(ranges []idRange) []copiedQuery {
	chunkOf := map[string]int{}
	var out []copiedQuery
	for _, r := range ranges {
		i, seen := chunkOf[r.group]
		if !seen {
			if len(out) == 0 || len(out[len(out)-1].groups) == copiedChunk {
				out = append(out, copiedQuery{})
			}
			i = len(out) - 1
			chunkOf[r.group] = i
			out[i].groups = append(out[i].groups, r.group)
		}
		out[i].ranges = append(out[i].ranges, idRange{lo: r.lo, hi: r.hi})
	}
	for i := range out {
		out[i].ranges = mergeRanges(out[i].ranges, proseRanges)
	}
	return out
}

// mergeRanges sorts ranges and merges them until at most n remain, the
// two separated by the smallest gap first (overlapping ones always).
func mergeRanges(ranges []idRange, n int) []idRange {
	slices.SortFunc(ranges, func(a, b idRange) int { return cmp.Compare(a.lo, b.lo) })
	merged := ranges[:0]
	for _, r := range ranges {
		if k := len(merged) - 1; k >= 0 && r.lo <= merged[k].hi+1 {
			merged[k].hi = max(merged[k].hi, r.hi)
			continue
		}
		merged = append(merged, r)
	}
	for len(merged) > n {
		best := 0
		for i := 1; i+1 < len(merged); i++ {
			if merged[i+1].lo-merged[i].hi < merged[best+1].lo-merged[best].hi {
				best = i
			}
		}
		merged[best].hi = merged[best+1].hi
		merged = slices.Delete(merged, best+1, best+2)
	}
	return merged
}

// rangeArgs are the query's parameters for ranges (at most proseRanges),
// the unused slots empty.
func rangeArgs(ranges []idRange) []any {
	args := make([]any, 0, 2*proseRanges)
	for i := range proseRanges {
		if i < len(ranges) {
			args = append(args, ranges[i].lo, ranges[i].hi)
		} else {
			args = append(args, int64(1), int64(0))
		}
	}
	return args
}

// measureChunk measures the reports of some counties and unplaced bodies.
func (l *loader) measureChunk(ctx context.Context, app *duckdb.Appender, counties, unplaced []string, ranges []idRange) error {
	if _, err := l.conn.ExecContext(ctx, sqlfiles.Query("delete_similarity_of"), counties, unplaced); err != nil {
		return fmt.Errorf("ingest: copied prose: %w", err)
	}
	rows, err := l.conn.QueryContext(ctx, sqlfiles.Query("prose_of"), append([]any{counties, unplaced}, rangeArgs(ranges)...)...)
	if err != nil {
		return fmt.Errorf("ingest: copied prose: %w", err)
	}
	defer rows.Close()
	var group []proseDoc
	groupKey := ""
	for rows.Next() {
		var d proseDoc
		var key, overview, problems, other string
		if err := rows.Scan(&key, &d.id, &d.township, &d.year, &overview, &problems, &other); err != nil {
			return fmt.Errorf("ingest: copied prose: %w", err)
		}
		if key != groupKey && len(group) > 0 {
			if err := appendSimilarity(app, group, groupKey != ""); err != nil {
				return err
			}
			group = group[:0]
		}
		groupKey = key
		d.fp = prose.Of(ingest.Prose{Overview: overview, Problems: problems, Other: other}.Text())
		group = append(group, d)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("ingest: copied prose: %w", err)
	}
	return appendSimilarity(app, group, groupKey != "")
}

// appendSimilarity measures one county's reports (peers compares within
// each year; unplaced bodies have no peers) and appends the results. The
// group is ordered by year, then body.
func appendSimilarity(app *duckdb.Appender, group []proseDoc, peers bool) error {
	latest := map[string]int{} // body → index of its latest report so far
	var common [][]int
	for from := 0; from < len(group); {
		to := from
		for to < len(group) && group[to].year == group[from].year {
			to++
		}
		year := group[from:to]
		if peers {
			common = pairCommons(common, year)
		}
		for i, d := range year {
			row := []driver.Value{d.id, int32(len(d.fp)), nil, nil, nil, nil}
			if p, ok := latest[d.township]; ok {
				row[2], row[3] = group[p].id, prose.Containment(d.fp, group[p].fp)
			}
			if peers {
				best, bestShare := -1, -1.0
				for j, o := range year {
					if j == i || o.township == d.township {
						continue
					}
					if s := prose.Share(common[i][j], d.fp); s > bestShare {
						best, bestShare = j, s
					}
				}
				if best >= 0 {
					row[4], row[5] = year[best].id, bestShare
				}
			}
			if err := app.AppendRow(row...); err != nil {
				return fmt.Errorf("ingest: copied prose: %w", err)
			}
		}
		for i, d := range year {
			latest[d.township] = from + i
		}
		from = to
	}
	return nil
}

// pairCommons counts the shingles each pair of a year's reports share,
// once per pair (prose.Common is symmetric): half the work of measuring
// every report against every other. It reuses m's rows.
func pairCommons(m [][]int, year []proseDoc) [][]int {
	for len(m) < len(year) {
		m = append(m, nil)
	}
	for i := range year {
		m[i] = slices.Grow(m[i][:0], len(year))[:len(year)]
	}
	for i := range year {
		for j := i + 1; j < len(year); j++ {
			c := prose.Common(year[i].fp, year[j].fp)
			m[i][j], m[j][i] = c, c
		}
	}
	return m
}

// appender opens an appender on the run's connection.
func (l *loader) appender(table string) (*duckdb.Appender, error) {
	var app *duckdb.Appender
	err := l.conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return errors.New("ingest: the database connection is not a DuckDB connection")
		}
		var err error
		app, err = duckdb.NewAppenderFromConn(c, "", table)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("ingest: appender for %s: %w", table, err)
	}
	return app, nil
}
