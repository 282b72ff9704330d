package ingest

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"

	"xxgk/ingest/extract"
	"xxgk/ingest/schema"
)

// ErrInternal marks a parser failure that is a bug, not a fault of the file.
var ErrInternal = errors.New("internal parser error")

// ErrNotReport says a readable file holds no annual report.
var ErrNotReport = errors.New("not a 政府信息公开工作年度报告: no title and none of its tables were found")

// Parse reads one report from data; name is used in messages and to help
// detect the form. It never returns nil: a file that cannot be read as a
// report comes back with Err set and nothing else.
func Parse(name string, data []byte) *Report {
	doc, err := extract.Read(name, data)
	if err != nil {
		return &Report{File: name, Err: err}
	}
	return ParseDocument(name, doc)
}

// ParseFile reads and parses the file at path, recording the SHA-256 of
// its bytes.
func ParseFile(path string) *Report {
	data, err := extract.Load(path)
	if err != nil {
		return &Report{File: path, Err: err}
	}
	r := Parse(path, data)
	h := sha256.Sum256(data)
	r.SHA256 = hex.EncodeToString(h[:])
	return r
}

// ParseFiles parses files on all cores and hands the reports to emit in the
// order of files. The workers share a memory budget (budget.go), so that a
// few pathological files at once cannot take the machine down. It stops
// early, returning the error, when emit fails or ctx is done.
func ParseFiles(ctx context.Context, files []string, emit func(*Report) error) error {
	budget := NewBudget()
	return InOrder(ctx, len(files), func(ctx context.Context, i int) *Report {
		return parseWithin(ctx, budget, files[i])
	}, emit)
}

// InOrder runs work(0) … work(n-1) on all cores and hands the results to
// emit in index order. Work may run only a little ahead of emit: a slow
// consumer (the database) must not leave thousands of results waiting in
// memory. It stops early, returning the error, when emit fails or ctx is
// done. ParseFiles and the store's file reader share it.
func InOrder[T any](ctx context.Context, n int, work func(context.Context, int) T, emit func(T) error) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	// Cancel before waiting: the feeder must stop for the workers to end.
	defer func() {
		cancel()
		wg.Wait()
	}()
	jobs := make(chan int)
	workers := runtime.GOMAXPROCS(0)
	window := aheadPerWorker * workers
	ahead := make(chan struct{}, window)
	// Result i waits in slot i%window: job i is handed out only once result
	// i-window has been emitted, so its slot is free, and memory stays the
	// window's whatever n is (a million files made a million channels).
	results := make([]chan T, min(n, window))
	for i := range results {
		results[i] = make(chan T, 1)
	}
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				results[i%window] <- work(ctx, i)
			}
		})
	}
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case ahead <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for i := range n {
		select {
		case r := <-results[i%window]:
			<-ahead
			if err := emit(r); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// aheadPerWorker bounds the results waiting for emit, per worker. The
// database writer takes files in bursts (a chunk of rows appended at once):
// with 4 per worker, the workers of a province's ingest waited for room a
// sixth of the time while the writer waited for them half of it (go tool
// trace, docs/parse-speed.md). A parsed report holds some tens of KB.
const aheadPerWorker = 32

// ParseDocument parses a document already reduced to lines.
func ParseDocument(name string, doc *extract.Document) (rep *Report) {
	rep = &Report{File: name, Format: string(doc.Format), Figures: make(map[string]float64, figuresHint)}
	defer func() {
		// The parser is meant never to panic on input; if it does, the file
		// is reported as failed rather than taking the others down with it.
		if v := recover(); v != nil {
			rep = &Report{File: name, Format: string(doc.Format),
				Err: fmt.Errorf("%s: %w, please report this file: %v", name, ErrInternal, v)}
		}
	}()
	p := &parser{report: rep, blank: map[string]bool{}, splitOps: docSplitOps, combos: docCombos}
	for _, w := range doc.Warnings {
		rep.warnf("%s", w)
	}
	p.parse(doc)
	rep.closeWarnings()
	return rep
}

// figuresHint sizes a report's map of figures: a full report has some 220,
// and growing the map there rehashed it five times.
const figuresHint = 256

// Bounds on what one document may make the parser do: a report has a few
// hundred lines and a few dozen rows per table, so these cut only
// pathological input, and say so.
const (
	maxLines     = 20000
	maxTableRows = 300
)

// capRows keeps the first maxTableRows rows of figures of a part.
func (p *parser) capRows(part string, vrows []valueRow) []valueRow {
	if len(vrows) <= maxTableRows {
		return vrows
	}
	p.report.warnf("%s holds %d rows of figures; only the first %d were read (its table has a few dozen)", part, len(vrows), maxTableRows)
	return vrows[:maxTableRows]
}

type parser struct {
	report *Report
	s      *scratch // the document's pooled buffers (nil in some tests)
	blank  map[string]bool
	// marked counts the blank figures written with a mark ("/", "—", "无"):
	// a body that wrote "none" in its cells, not an empty template.
	marked int
	// What splitting runs of digits may still cost this document (split.go,
	// flattables.go): cells tried, and combinations of rows tried against
	// the column rules.
	splitOps, combos int
}

// Per-document bounds of the splitter: far above what a report needs
// (its few dozen runs take thousands of cells), far below a hang.
const (
	docSplitOps = 2000000
	docCombos   = 1000000
)

func (p *parser) parse(doc *extract.Document) {
	s := getScratch()
	defer s.put()
	p.s = s
	defer func() { p.s = nil }()
	lines := doc.Lines
	if len(lines) > maxLines {
		p.report.warnf("the document has %d lines; only the first %d were read (a report has a few hundred)", len(lines), maxLines)
		lines = lines[:maxLines]
	}
	rows := reflowFlat(lines, s)
	parts := splitSections(rows, s)
	r := p.report

	r.Template = p.decideTemplate(parts[secProactive], parts[secRequests])
	p.readIdentity(doc, rows, parts)
	p.readProactiveItems(append(append([]row{}, parts[secPreamble]...), parts[secOverview]...))
	p.keepProse(parts)

	parseProactive(p, parts[secProactive])
	parseRequests(p, parts[secRequests])
	parseAppeals(p, parts[secAppeals])

	tablesFound := len(parts[secProactive])+len(parts[secRequests])+len(parts[secAppeals]) > 0
	if p.blankOnly() {
		p.clearTables()
	}
	tableFigures := len(r.Figures) - boolInt(r.Has(schema.ProactiveItems))
	printed := printedDigits(parts)
	switch {
	case tableFigures == 0 && tablesFound && printed != "":
		r.warnf("the tables print figures (e.g. %s) but none of them could be placed in the template's cells; see the warnings above for why",
			quote(printed))
	case tableFigures == 0 && tablesFound && r.Template != "":
		r.warnf("no figure in any table: this is a blank form, not a report of zero activity")
	case tableFigures == 0 && r.Org == "" && r.Year == 0 && !tablesFound:
		r.Err = fmt.Errorf("%s: %w; check that the file is an annual report and not, e.g., a notice or an index page", r.File, ErrNotReport)
		r.Figures = nil
		return
	}
	p.markIncomplete()
	r.Checks = append(r.Checks, schema.Check(r.Figures)...)
	for k := range p.blank {
		r.Blank = append(r.Blank, k)
	}
	sortKeys(r.Blank)
}

// sortKeys sorts distinct figure keys as schema.Less does, looking each up
// once (sorting with schema.Less looked up both keys at every comparison).
func sortKeys(keys []string) {
	type ranked struct {
		rank int
		key  string
	}
	rs := make([]ranked, len(keys))
	for i, k := range keys {
		r, ok := keyRank[k]
		if !ok {
			r = len(keyRank) // unknown keys last, by name
		}
		rs[i] = ranked{r, k}
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		if c := cmp.Compare(a.rank, b.rank); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	for i, r := range rs {
		keys[i] = r.key
	}
}

// keyRank is schema's report order of every known key.
var keyRank = func() map[string]int {
	m := map[string]int{}
	for i, k := range schema.AllKeys() {
		m[k] = i
	}
	return m
}()

// set stores one figure; a cell already read keeps its first value.
func (p *parser) set(key string, v value, where string) {
	if old, ok := p.report.Figures[key]; ok {
		if old != v.num || p.blank[key] != v.blank {
			p.report.warnf("%s: %s printed twice (%s and %s); the first kept", where, key,
				schema.FormatNumber(old), schema.FormatNumber(v.num))
		}
		return
	}
	p.report.Figures[key] = v.num
	if v.blank {
		p.blank[key] = true
		if v.raw != "" {
			p.marked++
		}
	}
}

// setRow stores a row whose last cell is the total of the others. In text,
// a total left empty over parts that are not all zero was lost by
// extraction rather than printed as 0: it stays absent. A total written
// with a mark ("/", "—", "无") was printed, like an empty HTML or DOCX cell. In an HTML or DOCX
// table the empty cell was printed: it is 0, and rule 3 or 4 flags it.
func (p *parser) setRow(keys []string, vals []value, where string) {
	last := len(keys) - 1
	for i, k := range keys {
		if i == last && vals[i].blank && vals[i].raw == "" && sum(nums(vals[:last])) != 0 && !p.exactCells() {
			p.report.warnf("%s: the total cell is empty while the row sums to %s; %s left absent",
				where, schema.FormatNumber(sum(nums(vals[:last]))), k)
			continue
		}
		p.set(k, vals[i], where)
	}
}

// exactCells reports a document whose table cells are exactly as printed
// (an HTML or DOCX table): an empty cell there was printed empty. In text a
// cell may have been lost by extraction.
func (p *parser) exactCells() bool {
	f := p.report.Format
	return f == string(extract.FormatHTML) || f == string(extract.FormatDOCX)
}

// markIncomplete names the parts whose figures are missing in whole or part.
func (p *parser) markIncomplete() {
	r := p.report
	// Figures by part: only the three parts with tables are counted, by
	// their keys' prefix "s2." and the like (what precedes a key's first
	// dot), without a map (a report has some 220 figures).
	counts := map[string]int{}
	var s2, s3, s4 int
	for k := range r.Figures {
		if len(k) < 3 || k[2] != '.' {
			continue
		}
		switch k[:2] {
		case PartProactive:
			s2++
		case PartRequests:
			s3++
		case PartAppeals:
			s4++
		}
	}
	counts[PartProactive], counts[PartRequests], counts[PartAppeals] = s2, s3, s4
	subRows := 0
	for _, k := range schema.S3OtherSubRows {
		if r.Has(schema.S3Key(k, "total")) {
			subRows++
		}
	}
	want := map[string]int{PartProactive: 0, PartAppeals: len(schema.S4Groups) * len(schema.S4Columns)}
	if r.Template != "" {
		for _, row := range schema.S2Rows[r.Template] {
			want[PartProactive] += len(row.Columns)
		}
	}
	s3Rows := 0
	for _, row := range schema.S3Rows {
		if !row.Sub2021 {
			s3Rows++
		}
	}
	if subRows > 0 {
		s3Rows += len(schema.S3OtherSubRows) - 1
	}
	want[PartRequests] = s3Rows * s3Width
	for _, part := range []string{PartProactive, PartRequests, PartAppeals} {
		got := counts[part]
		switch {
		case got == 0:
			r.Incomplete = append(r.Incomplete, part)
		case want[part] > 0 && got < want[part]:
			r.Incomplete = append(r.Incomplete, part)
			r.warnf("%s holds %d of its %d figures", part, got, want[part])
		}
	}
}

func equal(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
