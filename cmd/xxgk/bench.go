package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"xxgk/fixtures"
	"xxgk/ingest/schema"
	sqlfiles "xxgk/sql"
)

// benchConfig is what xxgk bench measures on.
type benchConfig struct {
	townships   int
	departments int    // bodies per county beside the townships
	corpus      string // an existing corpus to use instead of generating one
	db          string // an ingested database: measure serving it only
	years       string
	seed        int64
	dir         string
	clients     int
	counties    int
	loadFor     time.Duration
	keep        bool
	executable  string
}

// A benchFigure is one line of xxgk bench's output: `name: value unit (target T)`.
type benchFigure struct {
	name   string
	value  float64
	unit   string
	target string // "" when the figure has no target
}

func (f benchFigure) String() string {
	s := fmt.Sprintf("%s: %s %s", f.name, strconv.FormatFloat(f.value, 'f', -1, 64), f.unit)
	if f.target != "" {
		s += " (target " + f.target + ")"
	}
	return s
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var c benchConfig
	fl.IntVar(&c.townships, "townships", 2000, "townships in the generated corpus (20 per county, 100 counties per province); 40000 is national")
	fl.IntVar(&c.departments, "departments", 0, "county departments per county beside the townships (with the county's government, each a body of kind department, fixtures.Options.Departments)")
	fl.StringVar(&c.corpus, "corpus", "", "use this corpus (from xxgk fixtures) instead of generating one")
	fl.StringVar(&c.db, "db", "", "measure serving this ingested database only (no ingest; with --corpus, the corpus it was ingested from, a county's batches into it too); it is written: use a copy")
	fl.StringVar(&c.years, "years", "2019-2025", "report years, FROM-TO")
	fl.Int64Var(&c.seed, "seed", 1, "corpus seed")
	fl.StringVar(&c.dir, "dir", "", "work `folder` (default: a new temporary folder, removed afterwards)")
	fl.IntVar(&c.clients, "clients", 32, "concurrent clients of the load test")
	fl.IntVar(&c.counties, "counties", 40, "counties the load test's clients spread over")
	fl.DurationVar(&c.loadFor, "load-for", 20*time.Second, "length of each load test")
	fl.BoolVar(&c.keep, "keep", false, "keep the work folder (corpus and database)")
	fl.Usage = func() {
		fmt.Fprintln(stderr, "usage: xxgk bench [--townships N] [--departments K] [--years 2019-2025] [--corpus DIR | --db FILE] [--load-for 20s] [--dir DIR --keep]")
		fmt.Fprintln(stderr, "Generates a corpus, ingests it, serves it and loads it; prints one line per figure: name: value unit (target T).")
		fl.PrintDefaults()
	}
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 || c.townships < 20 || c.departments < 0 || c.clients < 1 || c.counties < 1 {
		fl.Usage()
		return 2
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "xxgk bench: %v\n", err)
		return 1
	}
	c.executable = exe
	if c.dir == "" {
		if c.dir, err = os.MkdirTemp("", "xxgk-bench-"); err != nil {
			fmt.Fprintf(stderr, "xxgk bench: %v\n", err)
			return 1
		}
		if !c.keep {
			defer os.RemoveAll(c.dir)
		}
	} else if err := os.MkdirAll(c.dir, 0o755); err != nil {
		// --dir names the folder to work in; a new one is the usual case.
		fmt.Fprintf(stderr, "xxgk bench: --dir %s: %v\n", c.dir, err)
		return 1
	}
	out := func(f benchFigure) { fmt.Fprintln(stdout, f) }
	if err := bench(ctx, c, out, stderr); err != nil {
		fmt.Fprintf(stderr, "xxgk bench: %v\n", err)
		return 1
	}
	return 0
}

// bench runs every phase and reports each figure as soon as it is known.
func bench(ctx context.Context, c benchConfig, out func(benchFigure), log io.Writer) error {
	out(loadAverage("load_average_start"))
	if c.db != "" {
		// With the corpus the database was ingested from, a county's
		// batches too: a second look at them without a national ingest.
		if c.corpus != "" {
			if err := benchBatch(ctx, c, c.corpus, c.db, out, log); err != nil {
				return err
			}
			if err := benchServerBatch(ctx, c, c.corpus, c.db, out, log); err != nil {
				return err
			}
		}
		if err := benchServe(ctx, c, c.db, out, log); err != nil {
			return err
		}
		out(loadAverage("load_average_end"))
		return nil
	}
	corpus, reports, err := benchCorpus(ctx, c, log)
	if err != nil {
		return err
	}
	figuresCSV := filepath.Join(c.dir, "figures.csv")
	defer os.Remove(figuresCSV)
	out(benchFigure{name: "corpus_reports", value: float64(reports), unit: "reports"})

	db := filepath.Join(c.dir, "bench.duckdb")
	fmt.Fprintln(log, "bench: ingesting")
	ingest, err := timeCommand(ctx, c.executable, "ingest", "--timings", "--db", db, corpus)
	if err != nil {
		return err
	}
	out(benchFigure{"ingest_s", round(ingest.wall.Seconds(), 1), "s", "≤ 90 at 280,000 reports"})
	out(benchFigure{"ingest_reports_per_s", round(float64(reports)/ingest.wall.Seconds(), 0), "reports/s", "≥ 3,100 (280,000 in 90 s)"})
	out(benchFigure{"ingest_peak_rss_mb", round(ingest.peakMB, 0), "MB", "≤ 1024"})
	// CPU seconds beside the wall time: on a shared machine they are what
	// compares across runs.
	out(benchFigure{"ingest_cpu_s", round(ingest.cpu.Seconds(), 1), "s", ""})
	times, err := ingest.database()
	if err != nil {
		return err
	}
	dbPart, materialise := times.total, times.materialise
	out(benchFigure{"ingest_db_s", round(dbPart.Seconds(), 1), "s", ""})
	out(benchFigure{"ingest_materialise_s", round(materialise.Seconds(), 1), "s", ""})
	out(benchFigure{"ingest_flags_s", round(times.flags.Seconds(), 1), "s", ""})
	// Copied prose is measured at the end of the run for the counties it
	// touched; the issue asks that it stay within the ingest's budget.
	out(benchFigure{"ingest_copied_prose_s", round(times.copiedProse.Seconds(), 1), "s", "a small share of ingest_s"})

	csvLoad, err := loadFiguresCSV(ctx, figuresCSV, c.dir)
	if err != nil {
		return err
	}
	out(benchFigure{"duckdb_csv_load_s", round(csvLoad.Seconds(), 1), "s", ""})
	// The store's load beside DuckDB's own: the materialised tables and
	// m_flags (a materialised table built after the commit) are work the
	// CSV load does not do, and are reported apart; the second ratio
	// counts them in.
	loaded := dbPart - materialise - times.flags
	out(benchFigure{"db_load_ratio_to_duckdb_csv", round(loaded.Seconds()/csvLoad.Seconds(), 2), "×", "≤ 2"})
	out(benchFigure{"db_load_ratio_with_derived_tables", round(dbPart.Seconds()/csvLoad.Seconds(), 2), "×", ""})
	// The ingest writes more than the figures (the reports, their prose,
	// the log, …): beside the ratio, the same load against
	// DuckDB's own load of every table it appends to.
	allLoad, err := loadIngestedTables(ctx, db, c.dir)
	if err != nil {
		return err
	}
	out(benchFigure{"duckdb_load_all_tables_s", round(allLoad.Seconds(), 1), "s", ""})
	out(benchFigure{"db_load_ratio_to_duckdb_all_tables", round(loaded.Seconds()/allLoad.Seconds(), 2), "×", ""})

	if err := benchBatch(ctx, c, corpus, db, out, log); err != nil {
		return err
	}
	if err := benchServerBatch(ctx, c, corpus, db, out, log); err != nil {
		return err
	}
	if err := benchServe(ctx, c, db, out, log); err != nil {
		return err
	}
	out(loadAverage("load_average_end"))
	return nil
}

// benchCorpus generates the corpus (or takes --corpus), and writes its
// answer key's figures as DIR/figures.csv (loadFiguresCSV), counting its
// reports as it goes: a million reports' answers.jsonl is 6 GB, read once.
func benchCorpus(ctx context.Context, c benchConfig, log io.Writer) (string, int, error) {
	figuresCSV := filepath.Join(c.dir, "figures.csv")
	if c.corpus != "" {
		n, err := writeFiguresCSV(filepath.Join(c.corpus, "answers.jsonl"), figuresCSV)
		return c.corpus, n, err
	}
	from, to, err := parseYears(c.years)
	if err != nil {
		return "", 0, fmt.Errorf("--years: %w", err)
	}
	counties := max(1, c.townships/20)
	opt := fixtures.Options{
		Provinces: (counties + 99) / 100, Counties: min(counties, 100), Towns: 20,
		FromYear: from, ToYear: to, Seed: c.seed, Departments: c.departments,
	}
	corpus := filepath.Join(c.dir, "corpus")
	fmt.Fprintf(log, "bench: generating %d bodies × %d years in %s\n", opt.Provinces*opt.Counties*opt.Towns, to-from+1, corpus)
	sum, err := fixtures.Generate(ctx, opt, corpus, nil)
	if err != nil {
		return "", 0, err
	}
	_, err = writeFiguresCSV(filepath.Join(corpus, "answers.jsonl"), figuresCSV)
	return corpus, sum.Reports, err
}

// loadAverage is the machine's 1-minute load average: what else runs
// beside the bench, to read its times by.
func loadAverage(name string) benchFigure {
	f := benchFigure{name: name, value: -1, unit: "(1-minute load average; 2 cores)"}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if fields := strings.Fields(string(b)); len(fields) > 0 {
			f.value, _ = strconv.ParseFloat(fields[0], 64)
		}
	}
	return f
}

// measured is what one child process cost.
type measured struct {
	wall   time.Duration
	cpu    time.Duration // user and system time, its threads' and children's
	peakMB float64       // peak resident set size
	stderr string        // the last 2 KB it wrote
}

// databaseLine is what xxgk ingest says of its time in the database.
var databaseLine = regexp.MustCompile(`database: (\S+) of the run \(materialised tables (\S+), copied prose (\S+)\)`)

// flagsLine is what xxgk ingest says of its build of m_flags after the
// commit, when it made one.
var flagsLine = regexp.MustCompile(`(?m)^step: m_flags (\S+)`)

// databaseTimes is what xxgk ingest says of its time in the database: the
// whole, and the materialised tables', the copied-prose measure's and
// m_flags' parts.
type databaseTimes struct{ total, materialise, copiedProse, flags time.Duration }

// database reads the times xxgk ingest printed with --timings.
func (m measured) database() (databaseTimes, error) {
	got := databaseLine.FindStringSubmatch(m.stderr)
	if got == nil {
		return databaseTimes{}, fmt.Errorf("xxgk ingest did not say its database time: %s", m.stderr)
	}
	var t databaseTimes
	for i, d := range []*time.Duration{&t.total, &t.materialise, &t.copiedProse} {
		v, err := time.ParseDuration(got[i+1])
		if err != nil {
			return databaseTimes{}, err
		}
		*d = v
	}
	if got := flagsLine.FindStringSubmatch(m.stderr); got != nil {
		v, err := time.ParseDuration(got[1])
		if err != nil {
			return databaseTimes{}, err
		}
		t.flags = v
	}
	return t, nil
}

// timeCommand runs xxgk with args, discarding its output, and measures its
// wall time and peak memory. A non-zero exit is an error (with the
// measurement: xxgk parse exits 1 when a file is not a report).
func timeCommand(ctx context.Context, exe string, args ...string) (measured, error) {
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = childEnviron()
	var stderr bytesTail
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	m := measured{wall: time.Since(start), stderr: stderr.String()}
	if cmd.ProcessState != nil {
		m.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			m.peakMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		return m, fmt.Errorf("xxgk %s: %w: %s", args[0], err, stderr.String())
	}
	return m, nil
}

// bytesTail keeps the first and the last 2 KB written to it: a Go
// program's fatal error names its cause at the top of its goroutine dump,
// a failing query's last words are at the end.
type bytesTail struct {
	head, tail []byte
	cut        bool
}

const bytesTailKeep = 2048

func (t *bytesTail) Write(p []byte) (int, error) {
	n := len(p)
	if room := bytesTailKeep - len(t.head); room > 0 {
		take := min(room, len(p))
		t.head = append(t.head, p[:take]...)
		p = p[take:]
	}
	t.tail = append(t.tail, p...)
	if len(t.tail) > bytesTailKeep {
		t.tail = t.tail[len(t.tail)-bytesTailKeep:]
		t.cut = true
	}
	return n, nil
}

func (t *bytesTail) String() string {
	if t.cut {
		return string(t.head) + "\n…\n" + string(t.tail)
	}
	return string(t.head) + string(t.tail)
}

// loadFiguresCSV times DuckDB's own load of the answer key's figures
// (writeFiguresCSV) into a scratch database: the floor the ingest's
// database part is compared with.
func loadFiguresCSV(ctx context.Context, path, dir string) (time.Duration, error) {
	scratch := filepath.Join(dir, "scratch.duckdb")
	defer os.Remove(scratch)
	db, err := sql.Open("duckdb", scratch)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	start := time.Now()
	if _, err := db.ExecContext(ctx, sqlfiles.Query("bench/figures_csv_load"), path); err != nil {
		return 0, fmt.Errorf("load figures.csv: %w", err)
	}
	if _, err := db.ExecContext(ctx, sqlfiles.Query("checkpoint")); err != nil {
		return 0, err
	}
	return time.Since(start), nil
}

// ingestedTables are the tables xxgk ingest appends a run's rows to.
var ingestedTables = []string{"reports", "figures", "checks", "ingest_log", "regions", "report_prose", "stated_figures", "prose_similarity"}

// loadIngestedTables times DuckDB's own load of every table the ingest
// wrote into the database at path: each is written as a Parquet file
// first (not timed), then all are loaded into a scratch database in one
// transaction and checkpointed, as the ingest's run is.
func loadIngestedTables(ctx context.Context, path, dir string) (time.Duration, error) {
	src, err := sql.Open("duckdb", path+"?access_mode=read_only")
	if err != nil {
		return 0, err
	}
	files := map[string]string{}
	for _, t := range ingestedTables {
		files[t] = filepath.Join(dir, "load-"+t+".parquet")
		defer os.Remove(files[t])
		if _, err := src.ExecContext(ctx, sqlfiles.Query("bench/table_to_parquet"), t, files[t]); err != nil {
			src.Close()
			return 0, fmt.Errorf("write %s as Parquet: %w", t, err)
		}
	}
	if err := src.Close(); err != nil {
		return 0, err
	}
	scratch := filepath.Join(dir, "scratch-all.duckdb")
	defer os.Remove(scratch)
	defer os.Remove(scratch + ".wal")
	db, err := sql.Open("duckdb", scratch)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	start := time.Now()
	steps := []struct{ query, arg string }{{"begin", ""}}
	for _, t := range ingestedTables {
		steps = append(steps, struct{ query, arg string }{"bench/load_" + t, files[t]})
	}
	steps = append(steps, struct{ query, arg string }{"commit", ""}, struct{ query, arg string }{"checkpoint", ""})
	for _, st := range steps {
		var args []any
		if st.arg != "" {
			args = append(args, st.arg)
		}
		if _, err := conn.ExecContext(ctx, sqlfiles.Query(st.query), args...); err != nil {
			return 0, fmt.Errorf("load the ingested tables (%s): %w", st.query, err)
		}
	}
	return time.Since(start), nil
}

// writeFiguresCSV writes the answer key's figures as one wide CSV (a row
// per report, a column per canonical key, as the figures table) and says
// how many reports it holds.
func writeFiguresCSV(answers, path string) (int, error) {
	in, err := os.Open(answers)
	if err != nil {
		return 0, err
	}
	defer in.Close()
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := csv.NewWriter(f)
	keys := schema.AllKeys()
	row := make([]string, len(keys)+1)
	row[0] = "report_id"
	copy(row[1:], keys)
	if err := w.Write(row); err != nil {
		f.Close()
		return 0, err
	}
	dec := json.NewDecoder(bufio.NewReaderSize(in, 1<<20))
	n := 0
	for id := 1; ; id++ {
		var a fixtures.Answer
		if err := dec.Decode(&a); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			f.Close()
			return 0, fmt.Errorf("%s: %w", answers, err)
		}
		row[0] = strconv.Itoa(id)
		for i, k := range keys {
			row[i+1] = ""
			if v, ok := a.Figures[k]; ok {
				row[i+1] = strconv.FormatFloat(v, 'f', -1, 64)
			}
		}
		if err := w.Write(row); err != nil {
			f.Close()
			return 0, err
		}
		n++
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return 0, err
	}
	return n, f.Close()
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
