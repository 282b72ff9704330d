package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"xxgk/ingest"
	"xxgk/ingest/schema"
	"xxgk/ingest/store"
)

// reportExts are the file name endings a directory walk takes for reports;
// files named explicitly are read whatever their name.
var reportExts = map[string]bool{
	".txt": true, ".text": true, ".md": true, ".html": true, ".htm": true, ".shtml": true,
	".xhtml": true, ".docx": true, ".pdf": true, ".doc": true, ".wps": true,
}

func runParse(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("parse", flag.ContinueOnError)
	fl.SetOutput(stderr)
	asJSON := fl.Bool("json", false, "print one JSON object per file (JSON Lines) instead of a summary")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk parse [--json] FILE|DIR...")
		fmt.Fprintln(stderr, "Reads reports (text, HTML, DOCX, PDF) and prints their figures, checks and warnings.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		fl.Usage()
		return 2
	}
	list, err := collectFiles(fl.Args(), func(msg string) { fmt.Fprintf(stderr, "xxgk parse: %s\n", msg) })
	if err != nil {
		fmt.Fprintf(stderr, "xxgk parse: %v\n", err)
		return 1
	}
	files := list.Paths()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	failed := 0
	err = ingest.ParseFiles(ctx, files, func(r *ingest.Report) error {
		if r.Err != nil {
			failed++
		}
		if !*asJSON {
			writeSummary(out, r)
			return nil
		}
		b, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("%s: %w", r.File, err)
		}
		out.Write(b)
		return out.WriteByte('\n')
	})
	out.Flush()
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(stderr, "xxgk parse: %v\n", err)
		return 1
	}
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "xxgk parse: interrupted")
		return 1
	}
	if failed > 0 {
		fmt.Fprintf(stderr, "xxgk parse: %d of %d files could not be read as reports\n", failed, len(files))
		return 1
	}
	return 0
}

// writeSummary prints a report for a person.
func writeSummary(w io.Writer, r *ingest.Report) {
	// Names may hold control characters or bytes that are not UTF-8.
	fmt.Fprintln(w, store.EscapeName(r.File))
	if r.Err != nil {
		fmt.Fprintf(w, "  error: %s\n\n", store.EscapeName(r.Err.Error()))
		return
	}
	fmt.Fprintf(w, "  %s · %s · template %s · %s · published %s\n",
		orDash(r.Org), orDash(yearText(r.Year)), orDash(r.Template), r.Format, orDash(r.Published))
	fmt.Fprintf(w, "  figures: %d", len(r.Figures))
	var heads []string
	for _, k := range []string{schema.ProactiveItems, "s3.new.total", "s3.processed.total", "s4.review.total",
		"s4.suit_direct.total", "s4.suit_after_review.total"} {
		if v, ok := r.Figures[k]; ok {
			heads = append(heads, k+" "+schema.FormatNumber(v))
		}
	}
	if len(heads) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(heads, ", "))
	}
	fmt.Fprintln(w)
	if len(r.Blank) > 0 {
		fmt.Fprintf(w, "  blank: %s\n", strings.Join(r.Blank, ", "))
	}
	if len(r.Incomplete) > 0 {
		fmt.Fprintf(w, "  incomplete: %s\n", strings.Join(r.Incomplete, ", "))
	}
	if len(r.Checks) == 0 {
		fmt.Fprintln(w, "  checks: all rules hold")
	} else {
		fmt.Fprintf(w, "  checks: %d violations\n", len(r.Checks))
		for _, c := range r.Checks {
			fmt.Fprintf(w, "    - %s\n", c)
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(w, "  warnings:")
		for _, m := range r.Warnings {
			fmt.Fprintf(w, "    - %s\n", m)
		}
	}
	fmt.Fprintln(w)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func yearText(y int) string {
	if y == 0 {
		return ""
	}
	return fmt.Sprint(y)
}
