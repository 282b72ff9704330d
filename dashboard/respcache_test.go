package dashboard

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

// TestResponseCache: a page or dataset is kept as sent, per data version
// and query; the browser that holds it gets a 304; a client without gzip
// gets the same body uncompressed; a new data version builds it again.
func TestResponseCache(t *testing.T) {
	src := &versionedFake{fakeSource: newFake()}
	s, _ := newTestServer(t, src)
	page := q("/requests", "year", "2024")
	api := q("/api/requests", "year", "2024")
	steps := []struct {
		name, path   string
		gzip         bool
		ifNoneMatch  string // a step's name: send its ETag
		advance      bool
		status       int
		kept         int    // responses kept after the step
		sameAs       string // the body equals that step's
		etagAs       string // the ETag equals that step's
		etagDiffers  string // the ETag differs from that step's
		wantEncoding string
	}{
		{name: "first", path: page, gzip: true, status: 200, kept: 1, wantEncoding: "gzip"},
		{name: "again", path: page, gzip: true, status: 200, kept: 1, sameAs: "first", etagAs: "first", wantEncoding: "gzip"},
		{name: "plain", path: page, status: 200, kept: 1, sameAs: "first", etagDiffers: "first"},
		{name: "held", path: page, gzip: true, ifNoneMatch: "first", status: 304, kept: 1, etagAs: "first", wantEncoding: ""},
		{name: "held plain", path: page, ifNoneMatch: "plain", status: 304, kept: 1, etagAs: "plain"},
		{name: "plain etag to gzip", path: page, gzip: true, ifNoneMatch: "plain", status: 200, kept: 1, sameAs: "first", wantEncoding: "gzip"},
		{name: "same query, other order", path: "/requests?year=2024&", gzip: true, status: 200, kept: 1, sameAs: "first", etagAs: "first", wantEncoding: "gzip"},
		{name: "other year", path: q("/requests", "year", "2023"), gzip: true, status: 200, kept: 2, etagDiffers: "first", wantEncoding: "gzip"},
		{name: "dataset", path: api, gzip: true, status: 200, kept: 3, wantEncoding: "gzip"},
		{name: "dataset plain", path: api, status: 200, kept: 3, sameAs: "dataset"},
		// A new data version builds the page again; the same bytes keep
		// their tag, so a browser holding them still gets a 304.
		{name: "new version", path: page, gzip: true, advance: true, status: 200, kept: 4, sameAs: "first", etagAs: "first", wantEncoding: "gzip"},
		{name: "new version held", path: page, gzip: true, ifNoneMatch: "first", status: 304, kept: 4, etagAs: "first"},
	}
	bodies, etags := map[string]string{}, map[string]string{}
	for _, st := range steps {
		if st.advance {
			src.version.Add(1)
		}
		var header []string
		if st.gzip {
			header = append(header, "Accept-Encoding", "gzip")
		}
		if st.ifNoneMatch != "" {
			header = append(header, "If-None-Match", etags[st.ifNoneMatch])
		}
		res, body := get(t, s, st.path, header...)
		if res.StatusCode != st.status {
			t.Fatalf("%s: status %d, want %d", st.name, res.StatusCode, st.status)
		}
		if got := res.Header.Get("Content-Encoding"); got != st.wantEncoding {
			t.Errorf("%s: Content-Encoding %q, want %q", st.name, got, st.wantEncoding)
		}
		if got := res.Header.Get("Cache-Control"); got != "private, no-cache" {
			t.Errorf("%s: Cache-Control %q", st.name, got)
		}
		if v := res.Header.Values("Vary"); len(v) != 1 || v[0] != "Accept-Encoding" {
			t.Errorf("%s: Vary %q", st.name, v)
		}
		if st.wantEncoding == "gzip" {
			body = gunzip(t, body)
		}
		bodies[st.name], etags[st.name] = body, res.Header.Get("ETag")
		if etags[st.name] == "" {
			t.Errorf("%s: no ETag", st.name)
		}
		if st.status == 200 && len(body) < 100 {
			t.Errorf("%s: body %q", st.name, body)
		}
		if st.status == 304 && body != "" {
			t.Errorf("%s: a 304 with a body", st.name)
		}
		if n, _ := s.responses.kept.Stats(); n != st.kept {
			t.Errorf("%s: %d responses kept, want %d", st.name, n, st.kept)
		}
		if st.sameAs != "" && body != bodies[st.sameAs] {
			t.Errorf("%s: the body differs from %s's", st.name, st.sameAs)
		}
		if st.etagAs != "" && etags[st.name] != etags[st.etagAs] {
			t.Errorf("%s: ETag %s, want %s's %s", st.name, etags[st.name], st.etagAs, etags[st.etagAs])
		}
		if st.etagDiffers != "" && etags[st.name] == etags[st.etagDiffers] {
			t.Errorf("%s: ETag %s is %s's", st.name, etags[st.name], st.etagDiffers)
		}
	}
}

// TestResponseCacheUnversioned: over a Source that cannot say when its data
// change, nothing is kept and nothing may be stored by the browser.
func TestResponseCacheUnversioned(t *testing.T) {
	s, _ := newTestServer(t, newFake())
	for range 2 {
		res, _ := get(t, s, "/requests")
		if res.StatusCode != 200 || res.Header.Get("ETag") != "" || res.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("status %d, ETag %q, Cache-Control %q", res.StatusCode, res.Header.Get("ETag"), res.Header.Get("Cache-Control"))
		}
	}
	if n, _ := s.responses.kept.Stats(); n != 0 {
		t.Errorf("%d responses kept", n)
	}
}

func TestMatchesETag(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{"", false},
		{`"a"`, true},
		{`W/"a"`, true},
		{`"b", "a"`, true},
		{`"b"`, false},
		{`*`, true},
		{`"a-gz"`, false},
	} {
		if got := matchesETag(tc.header, `"a"`); got != tc.want {
			t.Errorf("matchesETag(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

func gunzip(t *testing.T, s string) string {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader([]byte(s)))
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
