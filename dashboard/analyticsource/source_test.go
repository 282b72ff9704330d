package analyticsource

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"xxgk/analytics"
	"xxgk/dashboard"
)

var ctx = context.Background()

// recorder is an analytics.Reader that records every call with its query
// and answers with one row (two years of roll-ups), so that the tests can
// count the reads a dashboard request costs and check what they asked for.
// With full set, its lists fill the row cap, as a whole country's would.
type recorder struct {
	mu    sync.Mutex
	calls []string
	full  bool
}

// rows returns the rows a list answers with: one, or with full as many as
// the row cap.
func rows[T any](r *recorder, row T) []T {
	n := 1
	if r.full {
		n = analytics.MaxLimit
	}
	out := make([]T, n)
	for i := range out {
		out[i] = row
	}
	return out
}

// listOf is a list of rows(r, row) whose complete length is total when the
// recorder is full, its rows otherwise.
func listOf[T any](r *recorder, row T, total int) analytics.List[T] {
	rs := rows(r, row)
	if !r.full {
		total = len(rs)
	}
	return analytics.List[T]{Rows: rs, Total: total}
}

func (r *recorder) record(method string, q any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.calls = append(r.calls, fmt.Sprintf("%s %+v", method, q))
}

// take returns the calls so far and forgets them.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.calls
	r.calls = nil
	return out
}

var recTown = analytics.Township{Name: "丰塔乡", County: "平沙县", City: "宁田市", Province: "盛亭省"}

func (r *recorder) Years(context.Context) ([]int, error) {
	r.record("Years", nil)
	return []int{2024, 2025}, nil
}

func (r *recorder) Counties(context.Context) ([]analytics.County, error) {
	r.record("Counties", nil)
	return []analytics.County{{Name: "平沙县", City: "宁田市", Province: "盛亭省", Townships: 1}}, nil
}

func (r *recorder) Unplaced(_ context.Context, limit int) (analytics.List[analytics.TownshipInfo], error) {
	r.record("Unplaced", limit)
	return analytics.List[analytics.TownshipInfo]{Rows: []analytics.TownshipInfo{}}, nil
}

func (r *recorder) LoadedAt(context.Context) (time.Time, error) {
	r.record("LoadedAt", nil)
	return time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC), nil
}

func (r *recorder) CountyComparison(_ context.Context, s analytics.Scope) ([]analytics.CountyYear, error) {
	r.record("CountyComparison", s)
	return nil, nil
}

func (r *recorder) BodyKinds(_ context.Context, county string) ([]analytics.BodyKind, error) {
	r.record("BodyKinds", county)
	return nil, nil
}

func (r *recorder) Report(_ context.Context, id int64) (*analytics.ReportDetail, error) {
	r.record("Report", id)
	return &analytics.ReportDetail{ReportID: id}, nil
}

func (r *recorder) Thresholds(context.Context) (analytics.Thresholds, error) {
	r.record("Thresholds", nil)
	return analytics.Thresholds{MinRateDenominator: 5}, nil
}

func (r *recorder) Weights(context.Context) ([]analytics.Weight, error) {
	r.record("Weights", nil)
	return nil, nil
}

func (r *recorder) Rankings(_ context.Context, q analytics.RankingQuery) (analytics.List[analytics.Ranking], error) {
	r.record("Rankings", q)
	one, two, up := 1, 2, 1
	rs := rows(r, analytics.Ranking{Township: recTown, Org: "丰塔乡人民政府", Year: q.Year, Value: 5, Rank: &one, Ranked: 3, PrevRank: &two, RankChange: &up})
	total := len(rs)
	if r.full {
		total = recRanked
	}
	return analytics.List[analytics.Ranking]{Rows: rs, Total: total}, nil
}

func (r *recorder) TownshipHistory(_ context.Context, township, county string) (*analytics.History, error) {
	r.record("TownshipHistory", township+"/"+county)
	if township != recTown.Name || county != recTown.County {
		return nil, fmt.Errorf("analytics: township %s: %w", township, analytics.ErrNotFound)
	}
	return &analytics.History{
		Township: analytics.TownshipInfo{Township: recTown, Orgs: []string{"丰塔乡人民政府"}},
		Reports:  []analytics.ReportSummary{{Township: recTown, Org: "平沙县丰塔乡人民政府", Year: 2025}},
		Missing:  []int{2024},
	}, nil
}

func (r *recorder) Reports(_ context.Context, q analytics.ListQuery) (analytics.List[analytics.ReportSummary], error) {
	r.record("Reports", q)
	return listOf(r, analytics.ReportSummary{Township: recTown, Org: "丰塔乡人民政府", Year: q.Year}, recReports), nil
}

func (r *recorder) Townships(_ context.Context, s analytics.Scope, limit int) ([]analytics.TownshipInfo, error) {
	r.record("Townships", s)
	return nil, nil
}

func (r *recorder) SearchTownships(_ context.Context, text string, limit int) ([]analytics.TownshipInfo, error) {
	r.record("SearchTownships", text)
	return []analytics.TownshipInfo{{Township: recTown, Orgs: []string{"丰塔乡人民政府"}}}, nil
}

func (r *recorder) ZeroActivity(_ context.Context, q analytics.ListQuery) (analytics.List[analytics.ZeroActivity], error) {
	r.record("ZeroActivity", q)
	return listOf(r, analytics.ZeroActivity{Township: recTown, Year: q.Year, Streak: 2}, 10_002), nil
}

func (r *recorder) Missing(_ context.Context, q analytics.ListQuery) (analytics.List[analytics.MissingReport], error) {
	r.record("Missing", q)
	return listOf(r, analytics.MissingReport{Township: recTown, Year: 2024}, recMissing), nil
}

func (r *recorder) Quality(_ context.Context, q analytics.ListQuery) (analytics.List[analytics.QualityIssue], error) {
	r.record("Quality", q)
	return listOf(r, analytics.QualityIssue{Township: recTown, Year: 2025, Checks: []analytics.Check{{Rule: 1, Cell: "s3.new.total"}}}, 11_000), nil
}

func (r *recorder) Rollups(_ context.Context, q analytics.RollupQuery) ([]analytics.Rollup, error) {
	r.record("Rollups", q)
	return []analytics.Rollup{{Level: q.Level, Year: 2024, Reports: 1}, {Level: q.Level, Year: 2025, Reports: 2}}, nil
}

func (r *recorder) TopReports(_ context.Context, q analytics.TopQuery) ([]analytics.ReportSummary, error) {
	r.record("TopReports", q)
	return []analytics.ReportSummary{{Township: recTown, Org: "丰塔乡人民政府", Year: q.Year}}, nil
}

func (r *recorder) RequestTotals(_ context.Context, q analytics.ListQuery) (analytics.RequestTotals, error) {
	r.record("RequestTotals", q)
	n := 7.0
	return analytics.RequestTotals{Year: q.Year, Reports: 3, New: &n, Applicants: analytics.Applicants{Natural: &n}}, nil
}

// The counts the recorder answers with: more rows than the row cap.
const (
	recReports = 38_412
	recMissing = 12_000 // each year
	recRanked  = 39_990
)

func (r *recorder) ListCounts(_ context.Context, s analytics.Scope) ([]analytics.ListCount, error) {
	r.record("ListCounts", s)
	return []analytics.ListCount{
		{Year: 2024, Reports: recReports - 1, ZeroActivity: 10_001, Missing: recMissing, Flagged: 11_000, BreaksArithmetic: 9_000, Incomplete: 3_000},
		{Year: 2025, Reports: recReports, ZeroActivity: 10_002, Missing: recMissing, Flagged: 11_001, BreaksArithmetic: 9_001, Incomplete: 3_001},
	}, nil
}

func (r *recorder) ZeroStreaks(_ context.Context, q analytics.ListQuery) ([]analytics.StreakCount, error) {
	r.record("ZeroStreaks", q)
	return []analytics.StreakCount{{Streak: 1, Townships: 4}, {Streak: 3, Townships: 2}}, nil
}

// TestOneScopedCallPerRequest checks that every Source method is one
// analytics call narrowed to the selection's places and year (not a walk
// over the database filtered afterwards), and that asking again reads
// nothing.
func TestOneScopedCallPerRequest(t *testing.T) {
	rec := &recorder{}
	s := New(rec)
	sc := dashboard.Scope{Province: "盛亭省", City: "宁田市", County: "平沙县"}
	list := fmt.Sprintf("%+v", analytics.ListQuery{Year: 2024, Province: sc.Province, City: sc.City, County: sc.County, Limit: analytics.MaxLimit})
	every := strings.Replace(list, "Year:2024", "Year:0", 1)
	scope := fmt.Sprintf("%+v", sc)
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"Catalog", func() error { _, err := s.Catalog(ctx); return err }, "Years <nil>\nCounties <nil>\nThresholds <nil>\nLoadedAt <nil>"},
		{"Summary", func() error { _, err := s.Summary(ctx, sc); return err },
			fmt.Sprintf("Rollups %+v", analytics.RollupQuery{Level: analytics.LevelCounty, Province: sc.Province, City: sc.City, County: sc.County, Limit: analytics.MaxLimit})},
		{"Summary of a city", func() error {
			_, err := s.Summary(ctx, dashboard.Scope{Province: sc.Province, City: sc.City})
			return err
		},
			fmt.Sprintf("Rollups %+v", analytics.RollupQuery{Level: analytics.LevelCity, Province: sc.Province, City: sc.City, Limit: analytics.MaxLimit})},
		{"Rankings", func() error { _, err := s.Rankings(ctx, sc, "grant_rate", 2024); return err },
			fmt.Sprintf("Rankings %+v", analytics.RankingQuery{Year: 2024, Metric: analytics.MetricGrantRate,
				Province: sc.Province, City: sc.City, County: sc.County, Limit: analytics.MaxLimit})},
		{"Reports", func() error { _, err := s.Reports(ctx, sc, 2024); return err }, "Reports " + list},
		{"TopReports", func() error { _, err := s.TopReports(ctx, sc, 2024, dashboard.TopAppeals, 30); return err },
			fmt.Sprintf("TopReports %+v", analytics.TopQuery{Year: 2024, By: analytics.TopAppealsTotal,
				Province: sc.Province, City: sc.City, County: sc.County, Limit: 30})},
		{"RequestTotals", func() error { _, err := s.RequestTotals(ctx, sc, 2024); return err }, "RequestTotals " + list},
		{"Counts", func() error { _, err := s.Counts(ctx, sc); return err }, "ListCounts " + scope},
		{"ZeroActivity", func() error { _, err := s.ZeroActivity(ctx, sc, 2024); return err }, "ZeroActivity " + list},
		{"ZeroStreaks", func() error { _, err := s.ZeroStreaks(ctx, sc, 2024); return err }, "ZeroStreaks " + list},
		{"Missing", func() error { _, err := s.Missing(ctx, sc, 0); return err }, "Missing " + every},
		{"Missing of a year", func() error { _, err := s.Missing(ctx, sc, 2024); return err }, "Missing " + list},
		{"Quality", func() error { _, err := s.Quality(ctx, sc, 2024); return err }, "Quality " + list},
		{"Quality of every year", func() error { _, err := s.Quality(ctx, sc, 0); return err }, "Quality " + every},
		{"Township", func() error { _, err := s.Township(ctx, "平沙县", "丰塔乡"); return err }, "TownshipHistory 丰塔乡/平沙县"},
		{"Search", func() error { _, err := s.Search(ctx, "丰塔", 50); return err }, "SearchTownships 丰塔"},
	} {
		if err := tc.call(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := strings.Join(rec.take(), "\n"); got != tc.want {
			t.Errorf("%s read\n%s\nwant\n%s", tc.name, got, tc.want)
		}
		if err := tc.call(); err != nil {
			t.Fatalf("%s again: %v", tc.name, err)
		}
		if got := rec.take(); len(got) > 0 {
			t.Errorf("%s again read %q, want the kept result", tc.name, got)
		}
	}
}

// TestCutListsSayHowLongTheyAre: a list that fills the row cap says how
// long the complete list is, from its own query: one call each.
func TestCutListsSayHowLongTheyAre(t *testing.T) {
	rec := &recorder{full: true}
	s := New(rec)
	sc := dashboard.Scope{Province: "盛亭省"}
	check := func(name string, rows, total int, err error, wantTotal int, wantCalls ...string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if rows != analytics.MaxLimit || total != wantTotal {
			t.Errorf("%s: %d rows of %d, want %d of %d", name, rows, total, analytics.MaxLimit, wantTotal)
		}
		var methods []string
		for _, c := range rec.take() {
			methods = append(methods, strings.Fields(c)[0])
		}
		if strings.Join(methods, " ") != strings.Join(wantCalls, " ") {
			t.Errorf("%s read %q, want %q", name, methods, wantCalls)
		}
	}
	reports, err := s.Reports(ctx, sc, 2025)
	check("Reports", len(reports.Rows), reports.Total, err, recReports, "Reports")
	if !reports.Cut() {
		t.Error("a cut list of reports says it is whole")
	}
	zero, err := s.ZeroActivity(ctx, sc, 2025)
	check("ZeroActivity", len(zero.Rows), zero.Total, err, 10_002, "ZeroActivity")
	missing, err := s.Missing(ctx, sc, 2024)
	check("Missing of a year", len(missing.Rows), missing.Total, err, recMissing, "Missing")
	quality, err := s.Quality(ctx, sc, 2024)
	check("Quality", len(quality.Rows), quality.Total, err, 11_000, "Quality")
	ranks, err := s.Rankings(ctx, sc, "activity_index", 2025)
	check("Rankings", len(ranks.Rows), ranks.Total, err, recRanked, "Rankings")
}

// TestPassesAnalyticsThrough: the Source hands on analytics' own values
// (no copy into other types), an unknown township as dashboard.ErrNotFound
// and an unknown metric as an error.
func TestPassesAnalyticsThrough(t *testing.T) {
	s := New(&recorder{})
	h, err := s.Township(ctx, "平沙县", "丰塔乡")
	if err != nil || len(h.Reports) != 1 || h.Reports[0].Org != "平沙县丰塔乡人民政府" || len(h.Missing) != 1 || h.Missing[0] != 2024 {
		t.Errorf("history %+v, %v", h, err)
	}
	if _, err := s.Township(ctx, "平沙县", "无此乡"); !errors.Is(err, dashboard.ErrNotFound) {
		t.Errorf("an unknown township gave %v, want dashboard.ErrNotFound", err)
	}
	ranks, _ := s.Rankings(ctx, dashboard.Scope{}, "proactive_items", 2025)
	if len(ranks.Rows) != 1 || ranks.Cut() || *ranks.Rows[0].PrevRank != 2 || *ranks.Rows[0].RankChange != 1 || ranks.Rows[0].Org != "丰塔乡人民政府" {
		t.Errorf("rankings %+v", ranks)
	}
	totals, _ := s.RequestTotals(ctx, dashboard.Scope{}, 2025)
	if totals.Reports != 3 || *totals.New != 7 || *totals.Applicants.Natural != 7 || totals.Applicants.Commercial != nil {
		t.Errorf("request totals %+v", totals)
	}
	sums, _ := s.Summary(ctx, dashboard.Scope{})
	if len(sums) != 2 || sums[0].Year != 2024 || sums[1].Reports != 2 {
		t.Errorf("summary %+v, want 2024 then 2025", sums)
	}
	if _, err := s.Rankings(ctx, dashboard.Scope{}, "bogus", 2025); err == nil {
		t.Error("an unknown metric was accepted")
	}
}

// TestWarmIsBounded: the start reads the catalog and the landing page, no
// township's history.
func TestWarmIsBounded(t *testing.T) {
	rec := &recorder{}
	if err := New(rec).Warm(ctx); err != nil {
		t.Fatal(err)
	}
	calls := rec.take()
	if len(calls) > 7 {
		t.Errorf("Warm made %d reads, want at most 7: %q", len(calls), calls)
	}
	for _, c := range calls {
		if strings.HasPrefix(c, "TownshipHistory") || strings.HasPrefix(c, "Townships") {
			t.Errorf("Warm read %s", c)
		}
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCache(300)
	load := func(v string) func(context.Context) (string, error) {
		return func(context.Context) (string, error) { return v, nil }
	}
	c.put("a", "A", 100)
	c.put("b", "B", 100)
	c.put("c", "C", 100)
	if _, ok := c.get("a"); !ok { // a is now the most recently used
		t.Fatal("a was dropped within the bound")
	}
	c.put("d", "D", 100)
	if _, ok := c.get("b"); ok {
		t.Error("b, the least recently used, was kept past the bound")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.get(k); !ok {
			t.Errorf("%s was dropped", k)
		}
	}
	if n, size := c.stats(); n != 3 || size != 300 {
		t.Errorf("%d entries of %d bytes, want 3 of 300", n, size)
	}
	c.put("big", "X", 301)
	if _, ok := c.get("big"); ok {
		t.Error("a result larger than the cache was kept")
	}
	if n, _ := c.stats(); n != 3 {
		t.Errorf("a result too large to keep evicted others: %d entries", n)
	}
	if v, err := cached(context.Background(), c, "e", load("E")); v != "E" || err != nil {
		t.Errorf("cached = %q, %v", v, err)
	}
	if _, size := c.stats(); size > 300 {
		t.Errorf("%d bytes kept, over the bound of 300", size)
	}
}

func TestCacheLoadsOnce(t *testing.T) {
	c := newCache(1 << 20)
	var loads atomic.Int32
	release, started := make(chan struct{}), make(chan struct{}, 8)
	var wg, entered sync.WaitGroup
	for range 8 {
		wg.Add(1)
		entered.Add(1)
		go func() {
			defer wg.Done()
			entered.Done()
			v, err := cached(context.Background(), c, "k", func(context.Context) (int, error) { loads.Add(1); started <- struct{}{}; <-release; return 7, nil })
			if v != 7 || err != nil {
				t.Errorf("cached = %d, %v", v, err)
			}
		}()
	}
	// The first load holds until every caller has come in: each either joins
	// that flight or, coming later, reads what it stored; neither loads again.
	<-started
	entered.Wait()
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("8 concurrent first requests loaded %d times, want once", n)
	}
	fail := errors.New("timeout")
	if _, err := cached(context.Background(), c, "bad", func(context.Context) (int, error) { return 0, fail }); !errors.Is(err, fail) {
		t.Errorf("error %v, want %v", err, fail)
	}
	if v, err := cached(context.Background(), c, "bad", func(context.Context) (int, error) { return 1, nil }); v != 1 || err != nil {
		t.Errorf("after an error: %d, %v; want the error forgotten", v, err)
	}
}

func TestRowsOf(t *testing.T) {
	reports := analytics.List[analytics.ReportSummary]{Rows: make([]analytics.ReportSummary, 1000), Total: 5000}
	for _, tc := range []struct {
		v    any
		want int64
	}{
		{reports, 1000},
		{make([]analytics.Rollup, 7), 7},
		{&analytics.History{Reports: make([]analytics.ReportSummary, 6)}, 6},
		{dashboard.Catalog{}, 1},
		{[]int{}, 1},
	} {
		if got := rowsOf(tc.v); got != tc.want {
			t.Errorf("rowsOf(%T) = %d, want %d", tc.v, got, tc.want)
		}
	}
}

func (r *recorder) ReviewQueue(_ context.Context, q analytics.ReviewQuery) (analytics.List[analytics.Flag], error) {
	r.record("ReviewQueue", q)
	return listOf(r, analytics.Flag{Township: recTown, Kind: "missing", Year: 2025, Status: "open"}, 12_000), nil
}

func (r *recorder) Scorecards(_ context.Context, s analytics.Scope, year int) ([]analytics.Scorecard, error) {
	r.record("Scorecards", struct {
		analytics.Scope
		Year int
	}{s, year})
	return []analytics.Scorecard{{County: recTown.County, Year: 2025, Bodies: 2, Reported: 1, ReportedShare: 0.5}}, nil
}

// TestCacheReadOutlivesRequester: a requester that stops waiting gets its
// context's error, the read goes on (its context not cancelled) and is
// kept, and the next requester gets it without reading again.
func TestCacheReadOutlivesRequester(t *testing.T) {
	c := newCache(1 << 20)
	var loads atomic.Int32
	started, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	read := func(ctx context.Context) (int, error) {
		loads.Add(1)
		close(started)
		<-release
		done <- ctx.Err() // the read's context, after its requester left
		return 7, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := cached(ctx, c, "slow", read)
		first <- err
	}()
	<-started
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("the requester who left got %v, want context.Canceled", err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Errorf("the read's context ended with its requester: %v", err)
	}
	// The flight stores the value before it ends; DoChan's result is sent
	// after, so wait for the value to be kept through a second requester
	// that joins the flight or reads the kept value.
	v, err := cached(context.Background(), c, "slow", func(context.Context) (int, error) { loads.Add(1); return 0, nil })
	if v != 7 || err != nil {
		t.Errorf("next requester: %d, %v; want 7 from the read its predecessor started", v, err)
	}
	if n := loads.Load(); n != 1 {
		t.Errorf("%d reads, want 1", n)
	}
}

// TestCacheCloseEndsReads: closing ends a read under way (its context is
// cancelled), so a server's shutdown does not wait for reads no visitor
// waits for.
func TestCacheCloseEndsReads(t *testing.T) {
	c := newCache(1 << 20)
	started := make(chan struct{})
	got := make(chan error, 1)
	go func() {
		_, err := cached(context.Background(), c, "long", func(ctx context.Context) (int, error) {
			close(started)
			<-ctx.Done()
			return 0, ctx.Err()
		})
		got <- err
	}()
	<-started
	c.close()
	if err := <-got; !errors.Is(err, context.Canceled) {
		t.Errorf("read after close: %v, want context.Canceled", err)
	}
}
