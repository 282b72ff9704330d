package dashboard

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"xxgk/dashboard/audit"
	"xxgk/dashboard/auth"
)

// TestLoginRateLimit: after five wrong passwords for a name, even the
// right one waits (429 with Retry-After), through the form and through
// Basic auth; the wait doubles; it ends; twenty failures from one address
// over many names block that address too.
func TestLoginRateLimit(t *testing.T) {
	s, _ := securedServer(t)
	now := time.Now()
	clock := func() time.Time { return now }
	s.guard.Names.SetClock(clock)
	s.guard.Addrs.SetClock(clock)
	login := func(name, password string) *http.Response {
		form := url.Values{"name": {name}, "password": {password}}
		return do(t, s, http.MethodPost, routeLogin, formType, form.Encode(), credentials{})
	}
	for i := range 5 {
		if res := login("viewer", "wrong-password"); res.StatusCode != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, res.StatusCode)
		}
	}
	if res := login("viewer", "wrong-password"); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("sixth failure: %d", res.StatusCode) // counted: now blocked for 30 s
	}
	res := login("viewer", passwordOf(auth.Viewer))
	if body := readBody(t, res); res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "30" ||
		!strings.Contains(body, "登录失败次数过多，请 30 秒后再试") {
		t.Errorf("blocked sign-in: %d Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	basic := do(t, s, http.MethodGet, "/api/catalog", "", "", credentials{basic: auth.Viewer})
	if basic.StatusCode != http.StatusTooManyRequests {
		t.Errorf("blocked Basic auth: %d", basic.StatusCode)
	}
	now = now.Add(31 * time.Second)
	if res := login("viewer", "wrong-password"); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("after the wait: %d", res.StatusCode)
	}
	if wait := s.guard.Wait("viewer", "192.0.2.1"); wait != time.Minute {
		t.Errorf("the next wait is %v, want 1m0s (doubled)", wait)
	}
	now = now.Add(61 * time.Second)
	if res := login("viewer", passwordOf(auth.Viewer)); res.StatusCode != http.StatusSeeOther {
		t.Errorf("the right password after the wait: %d", res.StatusCode)
	}
	// Per address: 21 failures over many names (7 so far) block the address.
	for i := range 14 {
		login(fmt.Sprintf("guess%d", i), "wrong-password")
	}
	if res := login("analyst", passwordOf(auth.Analyst)); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("after 20 failures from one address: %d, want 429", res.StatusCode)
	}
}

// TestAudit: sign-ins, failed sign-ins, console queries (who, query, rows,
// bytes, time, outcome) and exports are logged; the administrator reads
// them on the audit page.
func TestAudit(t *testing.T) {
	s, path := securedServer(t)
	cr := signIn(t, s, auth.Analyst)
	do(t, s, http.MethodPost, routeLogin, formType, "name=analyst&password=nope-nope", credentials{})
	long := "SELECT 1 " + strings.Repeat("-- padding\n", 40)
	do(t, s, http.MethodPost, "/api/sql", jsonType, `{"sql":`+jsonString(long)+`}`, cr)
	do(t, s, http.MethodPost, "/api/sql", jsonType, `{"sql":"`+fakeSyntax+`"}`, credentials{basic: auth.Admin})
	do(t, s, http.MethodGet, "/export/rankings.csv?year=2024", "", "", credentials{basic: auth.Viewer}, "Accept-Encoding", "gzip")
	do(t, s, http.MethodPost, "/export/sql.xlsx", jsonType, `{"sql":"SELECT 1"}`, cr)
	do(t, s, http.MethodPost, "/api/sql", jsonType, `{"sql":"SELECT 1"}`, credentials{basic: auth.Viewer}) // refused: 403, not a query

	events := readAudit(t, path)
	type summary struct {
		Kind, User, Role, Query, Outcome, Path string
		Rows                                   int
		Status                                 int
	}
	var got []summary
	for _, e := range events {
		sm := summary{Kind: e.Kind, User: e.User, Role: e.Role, Query: e.Query, Outcome: e.Outcome, Path: e.Path, Status: e.Status}
		if e.Rows != nil {
			sm.Rows = *e.Rows
		}
		got = append(got, sm)
		if (e.Kind == audit.Query || e.Kind == audit.Export) && (e.Bytes <= 0 || e.Addr != "192.0.2.1" || e.Time.IsZero()) {
			t.Errorf("event without bytes, address or time: %+v", e)
		}
		if e.Path == "/export/rankings.csv" {
			res := do(t, s, http.MethodGet, "/export/rankings.csv?year=2024", "", "", credentials{basic: auth.Viewer}, "Accept-Encoding", "gzip")
			if sent := int64(len(readBody(t, res))); e.Bytes != sent {
				t.Errorf("the gzipped download is logged as %d bytes, %d were sent", e.Bytes, sent)
			}
		}
	}
	want := []summary{
		{Kind: "signin", User: "analyst", Role: "analyst", Outcome: "ok", Path: "/login"},
		{Kind: "signin_failed", User: "analyst", Outcome: "wrong", Path: "/login"},
		{Kind: "query", User: "analyst", Role: "analyst", Query: audit.Truncate(long, 300), Outcome: "ok", Path: "/api/sql", Rows: 3, Status: 200},
		{Kind: "query", User: "admin", Role: "admin", Query: fakeSyntax, Outcome: `error: Parser Error: syntax error at or near "SELEC"`, Path: "/api/sql", Status: 400},
		{Kind: "export", User: "viewer", Role: "viewer", Outcome: "ok", Path: "/export/rankings.csv", Status: 200},
		{Kind: "export", User: "analyst", Role: "analyst", Query: "SELECT 1", Outcome: "ok", Path: "/export/sql.xlsx", Rows: 3, Status: 200},
	}
	if len(got) != len(want) {
		t.Fatalf("%d events, want %d:\n%+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if len([]rune(got[2].Query)) != 300 {
		t.Errorf("the query kept %d characters, want 300", len([]rune(got[2].Query)))
	}
	// The administrator's page shows them, newest first; others may not.
	res := do(t, s, http.MethodGet, routeAuditPage, "", "", credentials{basic: auth.Admin})
	body := readBody(t, res)
	if i, j := strings.Index(body, "<td>export</td>"), strings.Index(body, "<td>signin_failed</td>"); res.StatusCode != 200 || i < 0 || j < 0 || i > j {
		t.Errorf("audit page: %d, newest first: %d < %d", res.StatusCode, i, j)
	}
	res = do(t, s, http.MethodGet, routeAuditDownload, "", "", credentials{basic: auth.Admin})
	if body := readBody(t, res); res.StatusCode != 200 || strings.Count(body, "\n") < len(want) {
		t.Errorf("audit download: %d, %d lines", res.StatusCode, strings.Count(body, "\n"))
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func readAudit(t *testing.T, path string) []audit.Event {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []audit.Event
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e audit.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("audit line %q: %v", sc.Text(), err)
		}
		out = append(out, e)
	}
	return out
}

// TestGzip: pages, JSON and CSV are compressed for a client that accepts
// it; XLSX (a zip) is not; a client that does not accept it gets plain.
func TestGzip(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	for path, zipped := range map[string]bool{"/": true, "/api/rankings": true, "/export/rankings.csv": true,
		"/export/rankings.xlsx": false, "/no-such-page": true} {
		res := do(t, s, http.MethodGet, path, "", "", credentials{}, "Accept-Encoding", "gzip")
		if got := res.Header.Get("Content-Encoding") == "gzip"; got != zipped {
			t.Errorf("%s: gzipped %v, want %v", path, got, zipped)
			continue
		}
		plain := readBody(t, do(t, s, http.MethodGet, path, "", "", credentials{}))
		if !zipped {
			continue
		}
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		b, err := io.ReadAll(zr)
		if err != nil || string(b) != plain {
			t.Errorf("%s: the gzipped body differs from the plain one (%v)", path, err)
		}
		if !strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: no Vary: Accept-Encoding", path)
		}
	}
}

// TestGzipStreams: a streaming handler behind the gzip middleware can
// extend its write deadline and flush (http.ResponseController), and the
// client reads what was flushed before the handler ends.
func TestGzipStreams(t *testing.T) {
	e := gin.New()
	e.Use(compress())
	flushed, finish := make(chan error, 1), make(chan struct{})
	e.GET("/stream.csv", func(c *gin.Context) {
		rc := http.NewResponseController(c.Writer)
		c.Header("Content-Type", contentCSV)
		c.Status(200)
		c.Writer.WriteString("a,b\n")
		err := rc.SetWriteDeadline(time.Now().Add(time.Minute))
		if err == nil {
			err = rc.Flush()
		}
		flushed <- err
		<-finish
		c.Writer.WriteString("1,2\n")
	})
	srv := httptest.NewServer(e)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/stream.csv") // the transport asks for gzip and decodes it
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if err := <-flushed; err != nil {
		t.Fatalf("SetWriteDeadline or Flush through the gzip writer: %v", err)
	}
	first := make([]byte, 4)
	if _, err := io.ReadFull(res.Body, first); err != nil || string(first) != "a,b\n" {
		t.Fatalf("before the end: %q %v", first, err)
	}
	close(finish)
	rest, _ := io.ReadAll(res.Body)
	if string(rest) != "1,2\n" || !res.Uncompressed {
		t.Errorf("rest %q, gzipped %v", rest, res.Uncompressed)
	}
}
