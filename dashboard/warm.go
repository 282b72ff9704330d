package dashboard

import (
	"context"
	"net/url"
)

// Warm builds, one after the other, every page of the whole country as a
// visitor first sees it (the latest year, no place chosen) into the page
// cache: the pages most visitors open first and the costliest to build (a
// country's lists are 10,000 rows each). A server calls it in the
// background once it listens; a visitor who asks first shares the reads.
// The review queue is left out: it needs an account, and few open it.
func (s *Server) Warm(ctx context.Context) error {
	for _, p := range pages {
		if p.nav == reviewPage.nav {
			continue
		}
		if _, err := s.loadPage(ctx, p, url.Values{}); err != nil {
			return err
		}
	}
	return nil
}
