package dashboard

import (
	"context"
	"sync/atomic"
	"testing"

	"xxgk/analytics"
)

// versionedFake is the fake Source with a data version, counting its
// reads of the reports.
type versionedFake struct {
	*fakeSource
	version atomic.Uint64
	reads   atomic.Int64
}

func (v *versionedFake) Version() uint64 { return v.version.Load() }

func (v *versionedFake) Reports(ctx context.Context, sc Scope, year int) (List[analytics.ReportSummary], error) {
	v.reads.Add(1)
	return v.fakeSource.Reports(ctx, sc, year)
}

// TestViewCache: a page is built once per data version and selection; a
// request's paging and sorting work on its own copy, never on the page
// kept for the next request; a new data version builds it again.
func TestViewCache(t *testing.T) {
	src := &versionedFake{fakeSource: newFake()}
	s, _ := newTestServer(t, src)
	page := q("/requests", "year", "2024")
	sorted := q("/requests", "year", "2024", "requests-s", "-requests_new")
	steps := []struct {
		name, path string
		advance    bool
		reads      int64
		sameAs     string // the body must equal that step's
		differs    string // the body must differ from that step's
	}{
		{name: "first", path: page, reads: 1},
		{name: "again", path: page, reads: 1, sameAs: "first"},
		{name: "sorted", path: sorted, reads: 1, differs: "first"},
		{name: "unsorted after sorted", path: page, reads: 1, sameAs: "first"},
		{name: "sorted again", path: sorted, reads: 1, sameAs: "sorted"},
		{name: "other year", path: q("/requests", "year", "2023"), reads: 2, differs: "first"},
		{name: "new data version", path: page, advance: true, reads: 3, sameAs: "first"},
	}
	bodies := map[string]string{}
	for _, st := range steps {
		if st.advance {
			src.version.Add(1)
		}
		res, body := get(t, s, st.path)
		if res.StatusCode != 200 {
			t.Fatalf("%s: status %d", st.name, res.StatusCode)
		}
		bodies[st.name] = body
		if got := src.reads.Load(); got != st.reads {
			t.Errorf("%s: %d reads of the reports, want %d", st.name, got, st.reads)
		}
		if st.sameAs != "" && body != bodies[st.sameAs] {
			t.Errorf("%s: the page differs from %s's", st.name, st.sameAs)
		}
		if st.differs != "" && body == bodies[st.differs] {
			t.Errorf("%s: the page is %s's", st.name, st.differs)
		}
	}
}
