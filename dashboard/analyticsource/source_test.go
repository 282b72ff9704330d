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
type recorder struct {
	mu    sync.Mutex
	calls []string
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

func (r *recorder) Weights(context.Context) ([]analytics.Weight, error) {
	r.record("Weights", nil)
	return nil, nil
}

func (r *recorder) Rankings(_ context.Context, q analytics.RankingQuery) ([]analytics.Ranking, error) {
	r.record("Rankings", q)
	two := 2
	return []analytics.Ranking{{Township: recTown, Org: "丰塔乡人民政府", Year: q.Year, Value: 5, Rank: 1, Ranked: 3, PrevRank: &two}}, nil
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

func (r *recorder) Reports(_ context.Context, q analytics.ListQuery) ([]analytics.ReportSummary, error) {
	r.record("Reports", q)
	return []analytics.ReportSummary{{Township: recTown, Org: "丰塔乡人民政府", Year: q.Year}}, nil
}

func (r *recorder) Townships(_ context.Context, s analytics.Scope, limit int) ([]analytics.TownshipInfo, error) {
	r.record("Townships", s)
	return nil, nil
}

func (r *recorder) SearchTownships(_ context.Context, text string, limit int) ([]analytics.TownshipInfo, error) {
	r.record("SearchTownships", text)
	return []analytics.TownshipInfo{{Township: recTown, Orgs: []string{"丰塔乡人民政府"}}}, nil
}

func (r *recorder) ZeroActivity(_ context.Context, q analytics.ListQuery) ([]analytics.ZeroActivity, error) {
	r.record("ZeroActivity", q)
	return []analytics.ZeroActivity{{Township: recTown, Year: q.Year, Streak: 2}}, nil
}

func (r *recorder) Missing(_ context.Context, q analytics.ListQuery) ([]analytics.MissingReport, error) {
	r.record("Missing", q)
	return []analytics.MissingReport{{Township: recTown, Year: 2024}}, nil
}

func (r *recorder) Quality(_ context.Context, q analytics.ListQuery) ([]analytics.QualityIssue, error) {
	r.record("Quality", q)
	return []analytics.QualityIssue{{Township: recTown, Year: 2025, Checks: []analytics.Check{{Rule: 1, Cell: "s3.new.total"}}}}, nil
}

func (r *recorder) Rollups(_ context.Context, q analytics.RollupQuery) ([]analytics.Rollup, error) {
	r.record("Rollups", q)
	return []analytics.Rollup{{Level: q.Level, Year: 2024, Reports: 1}, {Level: q.Level, Year: 2025, Reports: 2}}, nil
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
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"Catalog", func() error { _, err := s.Catalog(ctx); return err }, "Years <nil>\nCounties <nil>"},
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
		{"ZeroActivity", func() error { _, err := s.ZeroActivity(ctx, sc, 2024); return err }, "ZeroActivity " + list},
		{"Missing", func() error { _, err := s.Missing(ctx, sc); return err }, "Missing " + every},
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

func TestMapping(t *testing.T) {
	s := New(&recorder{})
	h, err := s.Township(ctx, "平沙县", "丰塔乡")
	if err != nil {
		t.Fatal(err)
	}
	if len(h.Years) != 2 || !h.Years[0].Missing || h.Years[0].Year != 2024 || h.Years[1].Year != 2025 || h.Years[1].Missing {
		t.Errorf("history years %+v, want 2024 missing then 2025 reported", h.Years)
	}
	if h.Town.Org != "平沙县丰塔乡人民政府" || h.Town.Province != "盛亭省" {
		t.Errorf("history town %+v, want the latest report's org", h.Town)
	}
	if _, err := s.Township(ctx, "平沙县", "无此乡"); !errors.Is(err, dashboard.ErrNotFound) {
		t.Errorf("an unknown township gave %v, want dashboard.ErrNotFound", err)
	}
	ranks, _ := s.Rankings(ctx, dashboard.Scope{}, "proactive_items", 2025)
	if len(ranks) != 1 || ranks[0].PrevRank != 2 || ranks[0].CountyRank != 0 || ranks[0].Town.Org != "丰塔乡人民政府" {
		t.Errorf("rankings %+v", ranks)
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
	if len(calls) > 4 {
		t.Errorf("Warm made %d reads, want at most 4: %q", len(calls), calls)
	}
	for _, c := range calls {
		if strings.HasPrefix(c, "TownshipHistory") || strings.HasPrefix(c, "Townships") {
			t.Errorf("Warm read %s", c)
		}
	}
}

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCache(300)
	load := func(v string) func() (string, error) { return func() (string, error) { return v, nil } }
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
	if v, err := cached(c, "e", load("E")); v != "E" || err != nil {
		t.Errorf("cached = %q, %v", v, err)
	}
	if _, size := c.stats(); size > 300 {
		t.Errorf("%d bytes kept, over the bound of 300", size)
	}
}

func TestCacheLoadsOnce(t *testing.T) {
	c := newCache(1 << 20)
	var loads atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := cached(c, "k", func() (int, error) { loads.Add(1); <-release; return 7, nil })
			if v != 7 || err != nil {
				t.Errorf("cached = %d, %v", v, err)
			}
		}()
	}
	// Let the first load start and the others join it before it ends.
	for loads.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	close(release)
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("8 concurrent first requests loaded %d times, want once", n)
	}
	fail := errors.New("timeout")
	if _, err := cached(c, "bad", func() (int, error) { return 0, fail }); !errors.Is(err, fail) {
		t.Errorf("error %v, want %v", err, fail)
	}
	if v, err := cached(c, "bad", func() (int, error) { return 1, nil }); v != 1 || err != nil {
		t.Errorf("after an error: %d, %v; want the error forgotten", v, err)
	}
}

func TestSizeOfGrowsWithRows(t *testing.T) {
	r := dashboard.Report{Town: dashboard.Town{Name: "丰塔乡", County: "平沙县"}, SourceFile: "a/b.txt"}
	one, many := sizeOf([]dashboard.Report{r}), sizeOf(make([]dashboard.Report, 1000))
	if one < 500 || many < 1000*one/2 {
		t.Errorf("one report %d bytes, 1000 reports %d bytes: not proportional", one, many)
	}
	if sizeOf(struct{}{}) <= 0 {
		t.Error("an unknown type counts nothing")
	}
}
