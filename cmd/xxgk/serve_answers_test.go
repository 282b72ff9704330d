package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"xxgk/fixtures"
	"xxgk/ingest/schema"
	"xxgk/ingest/store"
)

// The figures the dashboard's API serves, checked against the demo corpus's
// answer key (fixtures/demo/answers.jsonl and missing.jsonl), computed here
// independently of the SQL views.

// answerKey indexes the demo answers by township, county and year.
type answerKey struct {
	byTown  map[townYear]fixtures.Answer
	missing map[townYear]bool
	years   []int
}

type townYear struct {
	town, county string
	year         int
}

func loadAnswerKey(t *testing.T) answerKey {
	t.Helper()
	demoDashboard(t)
	regions, err := store.ReadRegions(filepath.Join(demoDB.dir, "regions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	township := map[[2]string]string{}
	for _, r := range regions {
		township[[2]string{r.Org, r.County}] = r.Township
	}
	name := func(org, county string) string {
		n, ok := township[[2]string{org, county}]
		if !ok {
			t.Fatalf("answer key: %s (%s) is not in regions.csv", org, county)
		}
		return n
	}
	f, err := fixtures.Demo.Open("demo/answers.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	answers, err := fixtures.ReadAnswers(f)
	if err != nil {
		t.Fatal(err)
	}
	k := answerKey{byTown: map[townYear]fixtures.Answer{}, missing: map[townYear]bool{}}
	for _, a := range answers {
		k.byTown[townYear{name(a.Org, a.County), a.County, a.Year}] = a
		if !slices.Contains(k.years, a.Year) {
			k.years = append(k.years, a.Year)
		}
	}
	sort.Ints(k.years)
	m, err := fixtures.Demo.Open("demo/missing.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	missing, err := fixtures.ReadMissing(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range missing {
		k.missing[townYear{name(x.Org, x.County), x.County, x.Year}] = true
	}
	return k
}

// figure returns an answer's figure, or nil when the report does not print it.
func figure(a fixtures.Answer, key string) *float64 {
	v, ok := a.Figures[key]
	if !ok {
		return nil
	}
	return &v
}

func (k answerKey) get(town, county string, year int) (fixtures.Answer, bool) {
	a, ok := k.byTown[townYear{town, county, year}]
	return a, ok
}

// apiRows fetches a dataset from the API and returns its rows.
func apiRows(t *testing.T, dataset string, kv ...string) []map[string]any {
	t.Helper()
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	req := httptest.NewRequest(http.MethodGet, "/api/"+dataset+"?"+v.Encode(), nil)
	rec := httptest.NewRecorder()
	demoDashboard(t).ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("/api/%s?%s: status %d: %s", dataset, v.Encode(), rec.Code, rec.Body)
	}
	var out struct {
		Rows []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return out.Rows
}

// num reads a JSON number that may be null.
func num(v any) *float64 {
	f, ok := v.(float64)
	if !ok {
		return nil
	}
	return &f
}

func same(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	d := *a - *b
	return d < 1e-9 && d > -1e-9
}

func show(p *float64) string {
	if p == nil {
		return "absent"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func sumKeys(a fixtures.Answer, keys ...string) *float64 {
	var s float64
	for _, k := range keys {
		v := figure(a, k)
		if v == nil {
			return nil
		}
		s += *v
	}
	return &s
}

func TestAPIRankingsMatchAnswers(t *testing.T) {
	k := loadAnswerKey(t)
	for _, tc := range []struct{ metric, key string }{
		{"proactive_items", "proactive_items"},
		{"requests_new", "s3.new.total"},
	} {
		for _, year := range []int{2019, 2022, 2025} {
			rows := apiRows(t, "rankings", "metric", tc.metric, "year", strconv.Itoa(year))
			want := 0
			for ty, a := range k.byTown {
				if ty.year == year && figure(a, tc.key) != nil {
					want++
				}
			}
			if len(rows) != want {
				t.Errorf("%s %d: %d townships ranked, the answer key has %d printing %s", tc.metric, year, len(rows), want, tc.key)
			}
			prev := 1e18
			for i, r := range rows {
				a, ok := k.get(r["township"].(string), r["county"].(string), year)
				if !ok {
					t.Errorf("%s %d: %s not in the answer key", tc.metric, year, r["township"])
					continue
				}
				got, exp := num(r["value"]), figure(a, tc.key)
				if !same(got, exp) {
					t.Errorf("%s %d %s: value %s, answer %s", tc.metric, year, r["township"], show(got), show(exp))
				}
				if got != nil && *got > prev {
					t.Errorf("%s %d: row %d out of order", tc.metric, year, i)
				}
				if got != nil {
					prev = *got
				}
			}
		}
	}
}

func TestAPITrendMatchesAnswers(t *testing.T) {
	k := loadAnswerKey(t)
	rows := apiRows(t, "trend")
	if len(rows) != len(k.years) {
		t.Fatalf("%d years in the trend, %d in the answer key", len(rows), len(k.years))
	}
	for _, r := range rows {
		year := int(r["year"].(float64))
		var reports, missing int
		var items, requests float64
		for ty, a := range k.byTown {
			if ty.year != year {
				continue
			}
			reports++
			items += a.Figures["proactive_items"]
			requests += a.Figures["s3.new.total"]
		}
		for ty := range k.missing {
			if ty.year == year {
				missing++
			}
		}
		for _, c := range []struct {
			col  string
			want float64
		}{{"reports", float64(reports)}, {"missing", float64(missing)}, {"townships", float64(reports + missing)},
			{"proactive_items", items}, {"requests_new", requests}} {
			if got := num(r[c.col]); got == nil || *got != c.want {
				t.Errorf("trend %d %s: %s, answer key %v", year, c.col, show(got), c.want)
			}
		}
	}
	head := apiRows(t, "headline", "year", "2025")
	for _, h := range head {
		if h["metric"] == "reports" {
			want := 0
			for ty := range k.byTown {
				if ty.year == 2025 {
					want++
				}
			}
			if got := num(h["value"]); got == nil || int(*got) != want {
				t.Errorf("headline reports 2025: %s, answer key %d", show(got), want)
			}
		}
	}
}

func TestAPIRequestsMatchAnswers(t *testing.T) {
	k := loadAnswerKey(t)
	for _, year := range []int{2020, 2024} {
		rows := apiRows(t, "requests", "year", strconv.Itoa(year))
		apps := apiRows(t, "applicants", "year", strconv.Itoa(year))
		checked := 0
		for i, r := range rows {
			a, ok := k.get(r["township"].(string), r["county"].(string), year)
			if !ok {
				t.Fatalf("requests %d: %s not in the answer key", year, r["township"])
			}
			for col, want := range map[string]*float64{
				"requests_new":        figure(a, "s3.new.total"),
				"requests_carried_in": figure(a, "s3.carried_in.total"),
				"granted":             figure(a, "s3.granted.total"),
				"partial":             figure(a, "s3.partial.total"),
				"requests_processed":  figure(a, "s3.processed.total"),
				"carried_out":         figure(a, "s3.carried_out.total"),
				"unavailable":         sumKeys(a, "s3.unavailable.not_held.total", "s3.unavailable.needs_creation.total", "s3.unavailable.unclear.total"),
			} {
				if got := num(r[col]); !same(got, want) {
					t.Errorf("requests %d %s %s: %s, answer %s", year, r["township"], col, show(got), show(want))
				}
			}
			if got, want := num(apps[i]["natural"]), figure(a, "s3.new.natural"); !same(got, want) {
				t.Errorf("applicants %d %s natural: %s, answer %s", year, r["township"], show(got), show(want))
			}
			checked++
		}
		if checked < 55 {
			t.Errorf("requests %d: only %d townships", year, checked)
		}
	}
}

func TestAPIAppealsMatchAnswers(t *testing.T) {
	k := loadAnswerKey(t)
	rows := apiRows(t, "appeals", "year", "2023")
	for _, r := range rows {
		a, _ := k.get(r["township"].(string), r["county"].(string), 2023)
		for col, want := range map[string]*float64{
			"review_total":     figure(a, "s4.review.total"),
			"review_corrected": figure(a, "s4.review.corrected"),
			"suit_total":       sumKeys(a, "s4.suit_direct.total", "s4.suit_after_review.total"),
		} {
			if got := num(r[col]); !same(got, want) {
				t.Errorf("appeals 2023 %s %s: %s, answer %s", r["township"], col, show(got), show(want))
			}
		}
	}
}

func TestAPIProblemsMatchAnswers(t *testing.T) {
	k := loadAnswerKey(t)
	// The missing list holds the selected year's: every year, one by one.
	var got []string
	for _, year := range k.years {
		for _, r := range apiRows(t, "missing", "year", strconv.Itoa(year)) {
			got = append(got, fmt.Sprintf("%s/%s/%v", r["county"], r["township"], r["year"]))
		}
	}
	var want []string
	for ty := range k.missing {
		want = append(want, fmt.Sprintf("%s/%s/%d", ty.county, ty.town, ty.year))
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("missing reports:\n got %q\nwant %q", got, want)
	}
	for _, year := range k.years {
		for _, r := range apiRows(t, "zero-activity", "year", strconv.Itoa(year)) {
			a, _ := k.get(r["township"].(string), r["county"].(string), year)
			if rec := sumKeys(a, "s3.new.total", "s3.carried_in.total"); rec == nil || *rec != 0 {
				t.Errorf("zero activity %d: %s received %s requests", year, r["township"], show(rec))
			}
			if items := figure(a, "proactive_items"); items != nil && *items > 0 {
				t.Errorf("zero activity %d: %s published %s items", year, r["township"], show(items))
			}
		}
	}
}

func TestAPIQualityMatchesAnswers(t *testing.T) {
	k := loadAnswerKey(t)
	for _, year := range k.years {
		got := map[string][]int{}
		for _, r := range apiRows(t, "quality", "year", strconv.Itoa(year)) {
			key := r["county"].(string) + "/" + r["township"].(string)
			if _, ok := got[key]; !ok {
				got[key] = []int{}
			}
			if rule := num(r["rule"]); rule != nil {
				got[key] = append(got[key], int(*rule))
			}
		}
		want := map[string][]int{}
		for ty, a := range k.byTown {
			implausible := slices.Contains(a.Planted, fixtures.PlantImplausible)
			if ty.year != year || (len(a.Broken) == 0 && len(a.Truncated) == 0 && !implausible) {
				continue
			}
			rules := []int{}
			if implausible {
				rules = append(rules, schema.RulePlausible)
			}
			for _, b := range a.Broken {
				n, _ := strconv.Atoi(strings.TrimPrefix(strings.SplitN(b, ":", 2)[0], "rule "))
				rules = append(rules, n)
			}
			want[ty.county+"/"+ty.town] = rules
		}
		for key := range want {
			gotRules, wantRules := slices.Compact(slices.Sorted(slices.Values(got[key]))), slices.Compact(slices.Sorted(slices.Values(want[key])))
			if _, ok := got[key]; !ok || !slices.Equal(gotRules, wantRules) {
				t.Errorf("quality %d %s: rules %v, answer key %v", year, key, got[key], want[key])
			}
		}
		if len(got) != len(want) {
			t.Errorf("quality %d: %d reports listed, answer key %d", year, len(got), len(want))
		}
	}
}

func TestAPITownshipMatchesAnswers(t *testing.T) {
	k := loadAnswerKey(t)
	for _, town := range [][2]string{{"丰塔乡", "平沙县"}, {"南岭乡", "武峰区"}} {
		rows := apiRows(t, "township-years", "county", town[1], "town", town[0])
		if len(rows) != len(k.years) {
			t.Errorf("%s: %d years, want %d", town[0], len(rows), len(k.years))
		}
		for _, r := range rows {
			year := int(r["year"].(float64))
			a, ok := k.get(town[0], town[1], year)
			if !ok {
				if !k.missing[townYear{town[0], town[1], year}] || r["status"] != "缺报" {
					t.Errorf("%s %d: status %v, but the answer key has no report", town[0], year, r["status"])
				}
				continue
			}
			for col, want := range map[string]*float64{
				"proactive_items": figure(a, "proactive_items"),
				"requests_new":    figure(a, "s3.new.total"),
			} {
				if got := num(r[col]); !same(got, want) {
					t.Errorf("%s %d %s: %s, answer %s", town[0], year, col, show(got), show(want))
				}
			}
		}
	}
}
