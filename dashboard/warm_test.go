package dashboard

import (
	"testing"
)

// TestWarm: Warm builds every whole-country page but the review queue into
// the page cache, so that their first visitors read none of the data.
func TestWarm(t *testing.T) {
	src := &versionedFake{fakeSource: newFake()}
	s, _ := newTestServer(t, src)
	if err := s.Warm(t.Context()); err != nil {
		t.Fatal(err)
	}
	reads := src.reads.Load()
	if reads == 0 {
		t.Fatal("Warm read no reports")
	}
	for _, p := range pages {
		if p.nav == reviewPage.nav {
			continue
		}
		if res, _ := get(t, s, p.path); res.StatusCode != 200 {
			t.Errorf("%s: status %d", p.path, res.StatusCode)
		}
	}
	if got := src.reads.Load(); got != reads {
		t.Errorf("the pages read the reports %d more times after Warm", got-reads)
	}
	for _, nav := range warmFirst {
		if !slicesContainsNav(nav) {
			t.Errorf("warmFirst names %q, which is no page", nav)
		}
	}
}

func slicesContainsNav(nav string) bool {
	for _, p := range pages {
		if p.nav == nav {
			return true
		}
	}
	return false
}
