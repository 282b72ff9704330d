package dashboard

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"xxgk/dashboard/auth"
	"xxgk/ingest/store"
)

// fakeFlagID is the one flag fakeReviewer knows.
const fakeFlagID = "0123456789abcdef"

// fakeReviewer records decisions on fakeFlagID as the store would.
type fakeReviewer struct {
	mu        sync.Mutex
	decisions []store.Decision
}

func (f *fakeReviewer) Decide(_ context.Context, d store.Decision) (store.Decided, error) {
	if err := d.Validate(); err != nil {
		return store.Decided{}, err
	}
	if d.FlagID != fakeFlagID {
		return store.Decided{}, store.ErrUnknownFlag
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.decisions = append(f.decisions, d)
	return store.Decided{DecisionID: int64(len(f.decisions)), FlagID: d.FlagID, Status: d.Status, Comment: d.Comment,
		By: d.By, At: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Kind: "arithmetic", Township: "凤水乡", Year: 2025}, nil
}

func TestReviewDecision(t *testing.T) {
	s, logPath := securedServer(t)
	rev := s.review.(*fakeReviewer)
	sup := signIn(t, s, auth.Supervisor)
	for _, tc := range []struct {
		name, path, contentType, body string
		cr                            credentials
		status                        int
		answer                        string // a substring of the answer
	}{
		{"dismissed", "/api/review/" + fakeFlagID, jsonType, `{"status":"dismissed","comment":"原文如此"}`, sup, 200,
			`"status":"dismissed","comment":"原文如此","decided_by":"supervisor"`},
		{"reopened, no comment", "/api/review/" + fakeFlagID, jsonType, `{"status":"open"}`, credentials{basic: auth.Admin}, 200,
			`"status":"open","comment":"","decided_by":"admin"`},
		{"unknown flag", "/api/review/ffffffffffffffff", jsonType, `{"status":"confirmed"}`, sup, 404, "没有编号为 ffffffffffffffff 的问题"},
		{"bad status", "/api/review/" + fakeFlagID, jsonType, `{"status":"closed"}`, sup, 400, "审核结论无效"},
		{"not JSON", "/api/review/" + fakeFlagID, formType, "status=confirmed", sup, 415, "请求体应为 JSON"},
		{"broken JSON", "/api/review/" + fakeFlagID, jsonType, `{"status":`, sup, 400, "请求体应为 JSON"},
		{"unknown field", "/api/review/" + fakeFlagID, jsonType, `{"status":"open","by":"someone else"}`, sup, 400, "请求体应为 JSON"},
		{"two objects", "/api/review/" + fakeFlagID, jsonType, `{"status":"open"}{}`, sup, 400, "只能有一个"},
		{"too long", "/api/review/" + fakeFlagID, jsonType, `{"status":"open","comment":"` + strings.Repeat("长", 6000) + `"}`, sup, 413, "请求体过大"},
		{"no CSRF token", "/api/review/" + fakeFlagID, jsonType, `{"status":"open"}`, credentials{cookie: sup.cookie}, 403, "校验码"},
		{"viewer", "/api/review/" + fakeFlagID, jsonType, `{"status":"open"}`, credentials{basic: auth.Viewer}, 403, "无权"},
	} {
		res := do(t, s, http.MethodPost, tc.path, tc.contentType, tc.body, tc.cr)
		body := readBody(t, res)
		if res.StatusCode != tc.status || !strings.Contains(body, tc.answer) {
			t.Errorf("%s: %d %s, want %d with %q", tc.name, res.StatusCode, body, tc.status, tc.answer)
		}
	}
	if len(rev.decisions) != 2 {
		t.Errorf("%d decisions recorded, want 2: %+v", len(rev.decisions), rev.decisions)
	}
	// The audit log has every decision and refusal the handler saw (those
	// the access checks refused never reach it).
	f, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var outcomes []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e struct{ Kind, User, Outcome, Detail string }
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		if e.Kind == "review" {
			outcomes = append(outcomes, e.User+" "+e.Outcome+" "+strings.SplitN(e.Detail, " comment=", 2)[0])
		}
	}
	want := []string{
		"supervisor ok flag=" + fakeFlagID + " status=dismissed",
		"admin ok flag=" + fakeFlagID + " status=open",
		"supervisor refused flag=ffffffffffffffff status=confirmed",
		"supervisor refused flag=" + fakeFlagID + " status=closed",
		"supervisor refused flag=" + fakeFlagID + " status=",
		"supervisor refused flag=" + fakeFlagID + " status=",
		"supervisor refused flag=" + fakeFlagID + " status=",
		"supervisor refused flag=" + fakeFlagID + " status=",
		"supervisor refused flag=" + fakeFlagID + " status=",
	}
	if strings.Join(outcomes, "\n") != strings.Join(want, "\n") {
		t.Errorf("audit log:\n%s\nwant\n%s", strings.Join(outcomes, "\n"), strings.Join(want, "\n"))
	}
}

// TestReviewReadOnly: a server without a writer says it cannot record.
func TestReviewReadOnly(t *testing.T) {
	s, err := New(newFake(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := do(t, s, http.MethodPost, "/api/review/"+fakeFlagID, jsonType, `{"status":"open"}`, credentials{}, "Origin", "http://example.com")
	if body := readBody(t, res); res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "只读") {
		t.Errorf("%d %s", res.StatusCode, body)
	}
}

func TestReviewPage(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	res, body := get(t, s, q("/review", "year", "2025"))
	for _, want := range []string{
		"<h1>审核队列</h1>", `<strong>算术不符</strong>`, "规则1：本年新收＋上年结转＝办理总计＋结转下年度",
		"第三部分", "按规则应为 0，报告所填 2", `<a href="/report?id=`, `class="decide" data-flag="`,
		`<select name="kind">`, `<option value="arithmetic">算术不符</option>`, `<select name="status">`,
		`<script src="/assets/review.js" defer></script>`,
	} {
		if res.StatusCode != 200 || !strings.Contains(body, want) {
			t.Errorf("/review: %d, no %q", res.StatusCode, want)
		}
	}
	// The filters narrow the list and stay in the downloads' links.
	_, body = get(t, s, q("/review", "year", "2024", "kind", "missing", "status", "open"))
	if !strings.Contains(body, `<strong>缺报</strong>`) || strings.Contains(body, `<strong>算术不符</strong>`) ||
		!strings.Contains(body, `/export/review.csv?kind=missing&amp;status=open&amp;year=2024`) {
		t.Errorf("/review?kind=missing: %s", body)
	}
	_, body = get(t, s, q("/review", "year", "2024", "status", "confirmed"))
	if !strings.Contains(body, "所选范围内没有已确认问题的问题。") {
		t.Errorf("/review?status=confirmed: no empty message")
	}
	for _, tc := range []struct{ query, want string }{
		{q("/review", "kind", "bogus"), "未知问题类型：bogus"},
		{q("/review", "status", "closed"), "未知审核状态：closed"},
		{q("/api/review", "status", "closed"), "未知审核状态：closed"},
	} {
		if res, body := get(t, s, tc.query); res.StatusCode != 400 || !strings.Contains(body, tc.want) {
			t.Errorf("%s: %d %s", tc.query, res.StatusCode, body)
		}
	}
	// The download carries the decisions.
	res, body = get(t, s, q("/export/review.csv", "year", "2025"))
	if res.StatusCode != 200 || !strings.Contains(body, "审核状态,审核意见,审核人,审核时间") || !strings.Contains(body, "已排除,原文如此,supervisor") {
		t.Errorf("review.csv: %d %s", res.StatusCode, body)
	}
}

// TestReviewByRole: the decision buttons and the navigation entry show to
// those who may decide; every viewer may read the queue.
func TestReviewByRole(t *testing.T) {
	s, _ := securedServer(t)
	for _, tc := range []struct {
		role auth.Role
		can  bool
	}{{auth.Viewer, false}, {auth.Analyst, false}, {auth.Uploader, false}, {auth.Supervisor, true}, {auth.Admin, true}} {
		cr := signIn(t, s, tc.role)
		res := do(t, s, http.MethodGet, "/review?year=2025", "", "", cr)
		body := readBody(t, res)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d", tc.role, res.StatusCode)
		}
		if got := strings.Contains(body, `class="decide"`); got != tc.can {
			t.Errorf("%s: decision buttons %v, want %v", tc.role, got, tc.can)
		}
		if got := strings.Contains(body, `href="/review`); got != tc.can {
			t.Errorf("%s: 审核队列 in the navigation %v, want %v", tc.role, got, tc.can)
		}
	}
}

// TestQualityCarriesDecisions: the quality page and its downloads say
// what the supervisor decided on each failing cell.
func TestQualityCarriesDecisions(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	res, body := get(t, s, q("/export/quality.csv", "year", "2025"))
	if res.StatusCode != 200 || !strings.Contains(body, ",审核状态,审核意见\r\n") || !strings.Contains(body, ",已排除,原文如此\r\n") {
		t.Errorf("quality.csv: %d %s", res.StatusCode, body)
	}
}

// TestReviewPaged: a long queue is paged on the server like every list,
// the filters kept in the pager's links.
func TestReviewPaged(t *testing.T) {
	fs := newFake()
	for i := range 150 {
		m := fs.missing[0]
		m.Name = fmt.Sprintf("乡%03d", i)
		fs.missing = append(fs.missing, m)
	}
	s, _ := newTestServer(t, fs)
	_, body := get(t, s, q("/review", "year", "2024", "kind", "missing"))
	if n := strings.Count(body, `class="decide"`); n != 100 || !strings.Contains(body, "第 1–100 行") || !strings.Contains(body, "review-p=2") {
		t.Errorf("page 1: %d rows", n)
	}
	_, body = get(t, s, q("/review", "year", "2024", "kind", "missing", "review-p", "2"))
	if n := strings.Count(body, `class="decide"`); n != 51 || !strings.Contains(body, "第 101–151 行") {
		t.Errorf("page 2: %d rows", n)
	}
}
