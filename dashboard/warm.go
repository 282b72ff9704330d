package dashboard

import (
	"cmp"
	"context"
	"net/url"
	"slices"
)

// warmFirst orders the whole-country pages Warm builds: the landing page,
// then the costliest (the lists of a country's reports, 10,000 rows read
// with every figure: about 0.75 s of CPU on a national database), which a
// crowd of first visitors would otherwise queue for past their timeout.
var warmFirst = []string{"overview", "requests", "appeals", "quality", "counties", "rankings", "problems"}

// Warm builds, one after the other, every page of the whole country as a
// visitor first sees it (the latest year, no place chosen) into the page
// cache: the pages most visitors open first and the costliest to build (a
// country's lists are 10,000 rows each). A server calls it in the
// background once it listens; a visitor who asks first shares the reads.
// The review queue is left out: it needs an account, and few open it.
// Last, it compresses the assets.
func (s *Server) Warm(ctx context.Context) error {
	order := func(p pageSpec) int {
		if i := slices.Index(warmFirst, p.nav); i >= 0 {
			return i
		}
		return len(warmFirst)
	}
	todo := slices.SortedStableFunc(slices.Values(pages), func(a, b pageSpec) int { return cmp.Compare(order(a), order(b)) })
	for _, p := range todo {
		if p.nav == reviewPage.nav {
			continue
		}
		if _, err := s.loadPage(ctx, p, url.Values{}); err != nil {
			return err
		}
	}
	// Then the assets' compressed copies (ECharts: about 100 ms of CPU),
	// left out of the start so that the server listens sooner.
	for _, a := range s.assets {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		a.gz()
	}
	return nil
}
