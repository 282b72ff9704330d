package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"xxgk/fixtures"
)

func runFixtures(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("fixtures", flag.ContinueOnError)
	fl.SetOutput(stderr)
	def := fixtures.DemoOptions()
	out := fl.String("out", "", "directory to write the corpus into (required)")
	provinces := fl.Int("provinces", def.Provinces, "number of provinces")
	counties := fl.Int("counties", def.Counties, "counties per province")
	towns := fl.Int("towns", def.Towns, "townships per county, on average")
	years := fl.String("years", fmt.Sprintf("%d-%d", def.FromYear, def.ToYear), "report years, FROM-TO")
	seed := fl.Int64("seed", def.Seed, "random seed: the same seed writes the same corpus")
	departments := fl.Int("departments", def.Departments, "county departments per county (with the county's own government when above 0)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk fixtures --out DIR [--provinces N --counties N --towns N --departments K --years 2019-2025 --seed S]")
		fmt.Fprintln(stderr, "Writes a synthetic corpus of township reports with regions.csv, answers.jsonl and missing.jsonl.")
		fmt.Fprintln(stderr, "The defaults make the demo corpus; --provinces 20 --counties 100 --towns 20 makes 40,000 townships.")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fl.NArg() > 0 {
		fl.Usage()
		return 2
	}
	from, to, err := parseYears(*years)
	if err != nil {
		fmt.Fprintf(stderr, "xxgk fixtures: --years: %v\n", err)
		return 2
	}
	opt := fixtures.Options{Provinces: *provinces, Counties: *counties, Towns: *towns, FromYear: from, ToYear: to, Seed: *seed, Departments: *departments}
	bar := newProgress(stderr, "fixtures")
	start := time.Now()
	sum, err := fixtures.Generate(ctx, opt, *out, bar.update)
	bar.done()
	if err != nil {
		fmt.Fprintf(stderr, "xxgk fixtures: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d reports of %d townships in %d counties (%d missing, %d broken on purpose, %d truncated), %.1f MB in %s\n",
		*out, sum.Reports, sum.Townships, sum.Counties, sum.Missing, sum.Broken, sum.Truncated,
		float64(sum.Bytes)/1e6, time.Since(start).Round(time.Millisecond))
	return 0
}

func parseYears(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b = a
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(a))
	to, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || from > to || from < fixtures.FirstYear {
		return 0, 0, fmt.Errorf("%q is not a range such as 2019-2025 (from %d on)", s, fixtures.FirstYear)
	}
	return from, to, nil
}
