// Package ingest reads 政府信息公开工作年度报告 as they are really published
// (web pages, PDF, Word, text copied out of those) and turns each into a
// Report: exact figures under the canonical keys of package schema, the
// template's arithmetic checked, and everything doubtful said in warnings.
//
// Parsing is pure: Parse takes bytes and returns a Report; it never touches
// a database. Package extract turns the bytes into lines; this package finds
// the parts, rows and cells in those lines.
package ingest

import (
	"bytes"
	"encoding/json"
	"sort"

	"xxgk/ingest/schema"
)

// Version identifies the parser's behaviour; the store records it with each
// report so that a later parser can tell which reports to re-read.
const Version = "1"

// Part names used in Report.Incomplete.
const (
	PartProactive = "s2" // 二、主动公开政府信息情况
	PartRequests  = "s3" // 三、收到和处理政府信息公开申请情况
	PartAppeals   = "s4" // 四、政府信息公开行政复议、行政诉讼情况
)

// Report is what one file yields.
type Report struct {
	File      string // the path the caller gave
	Format    string // text, html, docx or pdf
	Org       string // the reporting body as written in the title; "" if unknown
	Year      int    // the statistics year; 0 if unknown
	Template  string // schema.Template2019 or schema.Template2021; "" if undecided
	Published string // YYYY-MM-DD; "" if the source shows none
	SHA256    string // of the file's bytes, when read by ParseFile

	// Figures holds every figure found, by canonical key. A figure the report
	// does not print (a part cut off, a cell that cannot be placed) is absent,
	// never 0.
	Figures map[string]float64
	// Blank lists the keys whose cell was printed blank (empty, "/", "-",
	// "无") inside a table that is present: they count as 0 in Figures.
	Blank []string
	// Checks lists every breach of the template's arithmetic, as printed.
	Checks []schema.Violation
	// Warnings says, in one sentence each, what was doubtful and how it was
	// resolved, quoting the source.
	Warnings []string
	// Incomplete names the parts (PartProactive, PartRequests, PartAppeals)
	// that are missing entirely or in part.
	Incomplete []string
	// Prose is the text of parts 一, 五 and 六 without the template's own
	// sentences; Stated the figures that text states (prosetext.go).
	Prose  Prose
	Stated []Stated
	// Err is set when the file could not be read as a report at all.
	Err error

	moreWarnings int // warnings beyond maxWarnings, counted only
}

// Has reports whether the figure key was found.
func (r *Report) Has(key string) bool { _, ok := r.Figures[key]; return ok }

// Keys returns the keys of Figures in report order.
func (r *Report) Keys() []string {
	keys := make([]string, 0, len(r.Figures))
	for k := range r.Figures {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return schema.Less(keys[i], keys[j]) })
	return keys
}

// maxWarnings bounds the warnings kept per report: a pathological file
// (millions of rows that fit nothing) must not make its report bigger than
// itself. The rest are counted.
const maxWarnings = 100

func (r *Report) warnf(format string, args ...any) {
	if len(r.Warnings) >= maxWarnings {
		r.moreWarnings++
		return
	}
	r.Warnings = append(r.Warnings, sprintf(format, args...))
}

// closeWarnings says how many warnings were left out.
func (r *Report) closeWarnings() {
	if r.moreWarnings > 0 {
		r.Warnings = append(r.Warnings, sprintf("… and %d more warnings like these, not listed", r.moreWarnings))
		r.moreWarnings = 0
	}
}

// jsonReport is the JSON Lines shape of `xxgk parse --json`.
type jsonReport struct {
	File       string             `json:"file"`
	Org        *string            `json:"org"`
	Year       *int               `json:"year"`
	Template   *string            `json:"template"`
	Published  *string            `json:"published"`
	Figures    orderedFigures     `json:"figures"`
	Checks     []schema.Violation `json:"checks"`
	Blank      []string           `json:"blank"`
	Warnings   []string           `json:"warnings"`
	Incomplete []string           `json:"incomplete"`
	Error      *string            `json:"error"`
}

// MarshalJSON writes the report with null for unknown identity fields, empty
// lists rather than null, and figures in report order.
func (r *Report) MarshalJSON() ([]byte, error) {
	j := jsonReport{
		File:       r.File,
		Org:        nonEmpty(r.Org),
		Template:   nonEmpty(r.Template),
		Published:  nonEmpty(r.Published),
		Figures:    orderedFigures{r},
		Checks:     orEmpty(r.Checks),
		Blank:      orEmpty(r.Blank),
		Warnings:   orEmpty(r.Warnings),
		Incomplete: orEmpty(r.Incomplete),
	}
	if r.Year != 0 {
		j.Year = &r.Year
	}
	if r.Err != nil {
		msg := r.Err.Error()
		j.Error = &msg
	}
	return json.Marshal(j)
}

type orderedFigures struct{ r *Report }

func (o orderedFigures) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.r.Keys() {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		b.WriteString(schema.FormatNumber(o.r.Figures[k]))
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
