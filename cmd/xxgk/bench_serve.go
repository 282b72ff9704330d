package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	sqlfiles "xxgk/sql"
)

// benchServe measures a server over the bench database: start, first and
// warm hits of every route, concurrent clients with and without heavy
// console queries, the long view, and the server's memory throughout.
func benchServe(ctx context.Context, c benchConfig, db string, out func(benchFigure), log io.Writer) error {
	fmt.Fprintln(log, "bench: serving")
	srv, err := startServer(ctx, c.executable, db)
	if err != nil {
		return err
	}
	out(benchFigure{"serve_answering_ms", float64(srv.answering.Milliseconds()), "ms", ""})
	out(benchFigure{"serve_ready_ms", float64(srv.ready.Milliseconds()), "ms", "≤ 1000"})
	var counties []string
	if err := srv.console(ctx, sqlfiles.Query("bench/counties"), &counties); err != nil {
		srv.stop()
		return err
	}
	routes := benchRouteSet(counties[:min(c.counties, len(counties))])
	var areas, towns [][]any
	if err := srv.console(ctx, sqlfiles.Query("bench/areas"), &areas); err != nil {
		srv.stop()
		return err
	}
	if err := srv.console(ctx, sqlfiles.Query("bench/townships"), &towns); err != nil {
		srv.stop()
		return err
	}
	wide := benchWideRoutes(areas, towns)
	// The console queries above ran first; they read reports only.
	cpu0 := srv.cpu()
	cold := srv.hitAll(ctx, slices.Concat(routes, wide))
	cpu1 := srv.cpu()
	warm := srv.hitAll(ctx, slices.Concat(routes, wide))
	cpu2 := srv.cpu()
	// The server's CPU per request: what a busy machine's wall-clock
	// figures stand for (background builds included).
	hits := time.Duration(len(routes) + len(wide))
	out(benchFigure{"page_cold_cpu_ms_per_request", ms((cpu1 - cpu0) / hits), "ms", ""})
	out(benchFigure{"page_warm_cpu_ms_per_request", ms((cpu2 - cpu1) / hits), "ms", ""})
	out(benchFigure{"page_cold_p99_ms", ms(cold.p(0.99)), "ms", "≤ 100"})
	out(benchFigure{"page_cold_wide_p99_ms", ms(cold.pOf(wide, 0.99)), "ms", "≤ 100"})
	out(benchFigure{"page_cold_errors", float64(cold.errors), "requests", "0"})
	cold.logErrors(log, "cold pages")
	cold.logRoutes(log, "cold")
	warm.logRoutes(log, "warm")
	out(benchFigure{"page_warm_p99_ms", ms(warm.p(0.99)), "ms", "≤ 20"})
	var long latencies
	for range 3 {
		start := time.Now()
		var rows [][]any
		err := srv.console(ctx, sqlfiles.Query("bench/long_view_by_key"), &rows)
		long.add(time.Since(start), err)
	}
	out(benchFigure{"long_view_by_key_ms", ms(long.p(0.5)), "ms", "≤ 1000"})
	out(benchFigure{"long_view_by_key_errors", float64(long.errors), "of 3 runs", "0"})
	long.logErrors(log, "long view")
	rss, err := srv.stop()
	if err != nil {
		return err
	}

	fmt.Fprintf(log, "bench: %d clients over %d counties for %s on a fresh server\n", c.clients, c.counties, c.loadFor)
	if srv, err = startServer(ctx, c.executable, db); err != nil {
		return err
	}
	cpu0 = srv.cpu()
	load := srv.load(ctx, routes, c.clients, c.loadFor, 0)
	out(benchFigure{"load32_cpu_ms_per_request", ms((srv.cpu() - cpu0) / time.Duration(max(1, load.count()))), "ms", ""})
	out(benchFigure{"load32_p99_ms", ms(load.p(0.99)), "ms", "≤ 200"})
	out(benchFigure{"load32_requests_per_s", round(float64(load.count())/c.loadFor.Seconds(), 0), "requests/s", ""})
	out(benchFigure{"load32_errors", float64(load.errors), "requests", "0"})
	load.logErrors(log, "load")
	fmt.Fprintln(log, "bench: the same with two heavy console queries running")
	withConsole := srv.load(ctx, routes, c.clients, c.loadFor, 2)
	out(benchFigure{"load32_console_p99_ms", ms(withConsole.p(0.99)), "ms", "≤ 300"})
	out(benchFigure{"load32_console_errors", float64(withConsole.errors), "requests", "0"})
	withConsole.logErrors(log, "load with console")
	rss2, err := srv.stop()
	if err != nil {
		return err
	}
	rss = max(rss, rss2)
	out(benchFigure{"serve_rss_mb", round(rss, 0), "MB", "≤ 1024"})
	return nil
}

// benchRouteSet is what a county's leadership and supervisors open: every
// page and its data for each county, and the whole-country pages once.
func benchRouteSet(counties []string) []string {
	routes := []string{"/", "/rankings", "/problems", "/requests", "/appeals", "/quality"}
	for _, county := range counties {
		q := "?county=" + url.QueryEscape(county)
		routes = append(routes,
			"/"+q, "/rankings"+q, "/problems"+q, "/requests"+q, "/appeals"+q, "/quality"+q,
			"/api/rankings"+q, "/api/trend"+q, "/api/requests"+q, "/api/zero-activity"+q, "/api/missing"+q, "/api/quality"+q)
	}
	return routes
}

// benchWideRoutes is what a provincial office opens beyond its counties:
// every page of the largest province and of its largest city, the whole
// country's and the province's pages of the year before the latest, a
// township's page in each of the largest counties, the township index, the
// definitions and a search. areas is bench/areas.sql's row (province, city,
// year), towns bench/townships.sql's (county, township).
func benchWideRoutes(areas, towns [][]any) []string {
	pages := []string{"/", "/counties", "/rankings", "/problems", "/requests", "/appeals", "/quality"}
	var routes []string
	add := func(v url.Values) {
		for _, p := range pages {
			routes = append(routes, p+"?"+v.Encode())
		}
	}
	if len(areas) == 1 && len(areas[0]) == 3 {
		province, city, year := fmt.Sprint(areas[0][0]), fmt.Sprint(areas[0][1]), fmt.Sprint(areas[0][2])
		add(url.Values{"province": {province}})
		add(url.Values{"province": {province}, "city": {city}})
		add(url.Values{"year": {year}})
		add(url.Values{"province": {province}, "year": {year}})
	}
	for i, t := range towns {
		if len(t) != 2 {
			continue
		}
		town := fmt.Sprint(t[1])
		routes = append(routes, "/township?"+url.Values{"county": {fmt.Sprint(t[0])}, "town": {town}}.Encode())
		if i == 0 {
			routes = append(routes, "/search?"+url.Values{"q": {town}}.Encode())
		}
	}
	return append(routes, "/township", "/definitions")
}

// benchServer is a running `xxgk serve` child.
type benchServer struct {
	cmd    *exec.Cmd
	stderr *bytesTail
	// exited closes when the server has ended, for whatever reason: a
	// server that dies under load is a zombie until waited for, and a
	// signal to a zombie succeeds, so only its wait tells.
	exited chan struct{}
	base   string
	// answering is when it first answered, ready when its landing page did.
	answering, ready time.Duration
	client           *http.Client
}

var servingAt = regexp.MustCompile(`https?://[^\s]+/`)

// startServer starts xxgk serve on a free loopback port and waits until it
// answers its first page.
func startServer(ctx context.Context, exe, db string) (*benchServer, error) {
	cmd := exec.CommandContext(ctx, exe, "serve", "--db", db, "--addr", "127.0.0.1:0")
	cmd.Env = childEnviron()
	stdout, stdoutW := io.Pipe()
	cmd.Stdout = stdoutW
	stderr := new(bytesTail)
	cmd.Stderr = stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &benchServer{cmd: cmd, stderr: stderr, exited: make(chan struct{}), client: &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}}
	go func() {
		cmd.Wait()
		stdoutW.Close()
		close(s.exited)
	}()
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if u := servingAt.FindString(lines.Text()); u != "" {
			s.base = strings.TrimSuffix(u, "/")
			break
		}
	}
	go io.Copy(io.Discard, stdout)
	if s.base == "" {
		s.stop()
		return nil, fmt.Errorf("xxgk serve printed no address: %s", stderr.String())
	}
	// Answering at all (the catalog is read before the server listens),
	// then the landing page: the whole country's overview, the costliest
	// page to build.
	for _, step := range []struct {
		route string
		at    *time.Duration
	}{{"/api/catalog", &s.answering}, {"/", &s.ready}} {
		for i := 0; ; i++ {
			if _, err := s.get(ctx, step.route); err == nil {
				*step.at = time.Since(start)
				break
			} else if i == 600 {
				s.stop()
				return nil, fmt.Errorf("xxgk serve did not answer %s: %v", step.route, err)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	return s, nil
}

// stop ends the server and returns its peak resident memory in MB; a
// server that had already ended by itself is an error carrying its last
// words, so a crash under load is never reported as refused connections.
func (s *benchServer) stop() (float64, error) {
	peak := peakRSS(s.cmd.Process.Pid)
	select {
	case <-s.exited:
		return peak, fmt.Errorf("xxgk serve ended by itself (%v) before the bench stopped it: %s", s.cmd.ProcessState, s.stderr)
	default:
	}
	s.cmd.Process.Signal(os.Interrupt)
	<-s.exited
	return peak, nil
}

// cpu is the server's CPU time so far (user and system, /proc/PID/stat:
// clock ticks of 10 ms); 0 where there is no /proc.
func (s *benchServer) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// The command name may hold spaces: the fields count from its ")".
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// peakRSS reads VmHWM (the peak resident set) of a live process, in MB.
func peakRSS(pid int) float64 { return procStatusMB(pid, "VmHWM") }

// procStatusMB reads a memory line of /proc/PID/status (VmHWM, VmRSS) of
// a live process, in MB; 0 where there is none.
func procStatusMB(pid int, field string) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// get fetches a route and reads the whole answer; any status but 200 is an
// error.
func (s *benchServer) get(ctx context.Context, route string) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+route, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	start := time.Now()
	resp, err := s.client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s: status %d", route, resp.StatusCode)
	}
	return d, err
}

// console runs a query through POST /api/sql and decodes its rows: a
// column of strings into *[]string, or the rows as they come.
func (s *benchServer) console(ctx context.Context, query string, into any) error {
	body, _ := json.Marshal(map[string]any{"sql": query})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.base+"/api/sql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var answer struct {
		Rows  [][]any `json:"rows"`
		Error string  `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return fmt.Errorf("console: status %d: %w", resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("console: status %d: %s", resp.StatusCode, answer.Error)
	}
	switch dst := into.(type) {
	case *[]string:
		for _, r := range answer.Rows {
			*dst = append(*dst, fmt.Sprint(r[0]))
		}
	case *[][]any:
		*dst = answer.Rows
	}
	return nil
}

// hitAll fetches every route once, in order, and keeps each route's time
// by its kind (logRoutes).
func (s *benchServer) hitAll(ctx context.Context, routes []string) *latencies {
	l := latencies{byRoute: map[string][]time.Duration{}}
	for _, r := range routes {
		d, err := s.get(ctx, r)
		l.add(d, err)
		if err == nil {
			l.byRoute[routeKind(r)] = append(l.byRoute[routeKind(r)], d)
		}
	}
	return &l
}

// routeKind names a route's kind in logRoutes: a county's routes together.
func routeKind(r string) string {
	if i := strings.Index(r, "?county="); i >= 0 {
		return r[:i] + "?county=C"
	}
	return r
}

// load runs clients that each fetch random routes until the time is up,
// while heavy goroutines keep a heavy console query running.
func (s *benchServer) load(ctx context.Context, routes []string, clients int, d time.Duration, heavy int) *latencies {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var l latencies
	var wg sync.WaitGroup
	for range heavy {
		wg.Go(func() {
			for ctx.Err() == nil {
				var rows [][]any
				if err := s.console(ctx, sqlfiles.Query("bench/heavy_console"), &rows); err != nil {
					// Refused as busy (the console runs one query fewer
					// than the cores) or cut at its timeout: ask again
					// shortly, as an analyst would, not in a tight loop.
					select {
					case <-ctx.Done():
					case <-time.After(200 * time.Millisecond):
					}
				}
			}
		})
	}
	for i := range clients {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(i), 1))
			for ctx.Err() == nil {
				d, err := s.get(ctx, routes[r.IntN(len(routes))])
				if ctx.Err() != nil {
					return // cut by the end of the test, not the server's fault
				}
				l.add(d, err)
			}
		})
	}
	wg.Wait()
	return &l
}

// latencies collects request times and failures, safe for concurrent use.
type latencies struct {
	mu     sync.Mutex
	times  []time.Duration
	errors int
	first  []string // the first few errors, for the log
	// byRoute holds hitAll's times by route, a county's routes together.
	byRoute map[string][]time.Duration
}

func (l *latencies) add(d time.Duration, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err != nil {
		l.errors++
		if len(l.first) < 3 {
			l.first = append(l.first, err.Error())
		}
		return
	}
	l.times = append(l.times, d)
}

func (l *latencies) logErrors(w io.Writer, phase string) {
	for _, e := range l.first {
		fmt.Fprintf(w, "bench: %s: %s\n", phase, e)
	}
}

// logRoutes writes each kind of route's p50 and worst time, the slowest
// first: which first hits cost most.
func (l *latencies) logRoutes(w io.Writer, phase string) {
	kinds := slices.Collect(maps.Keys(l.byRoute))
	worst := func(k string) time.Duration { return slices.Max(l.byRoute[k]) }
	slices.SortFunc(kinds, func(a, b string) int { return cmp.Compare(worst(b), worst(a)) })
	for _, k := range kinds {
		t := slices.Sorted(slices.Values(l.byRoute[k]))
		fmt.Fprintf(w, "bench: %s %s: p50 %.1f ms, max %.1f ms (%d)\n", phase, k, ms(t[len(t)/2]), ms(t[len(t)-1]), len(t))
	}
}

func (l *latencies) count() int { return len(l.times) + l.errors }

// pOf is the q-quantile of hitAll's times of the given routes alone.
func (l *latencies) pOf(routes []string, q float64) time.Duration {
	kinds := map[string]bool{}
	for _, r := range routes {
		kinds[routeKind(r)] = true
	}
	var of latencies
	for k := range kinds {
		for _, d := range l.byRoute[k] {
			of.add(d, nil)
		}
	}
	return of.p(q)
}

// p is the q-quantile of the successful requests' times (nearest rank).
func (l *latencies) p(q float64) time.Duration {
	if len(l.times) == 0 {
		return 0
	}
	t := slices.Clone(l.times)
	slices.Sort(t)
	return t[min(len(t)-1, int(q*float64(len(t))))]
}

func ms(d time.Duration) float64 { return round(float64(d)/float64(time.Millisecond), 1) }
