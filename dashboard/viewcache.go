package dashboard

import (
	"fmt"
	"slices"

	"xxgk/dashboard/lru"
)

// viewCacheRows bounds the table rows the loaded pages kept hold (about a
// kilobyte each, cells and text): a whole country's list of reports is
// 10,000 rows, a county's page a few dozen.
const viewCacheRows = 100_000

// versioned is a Source whose data changes only when its version moves
// (analyticsource.Source: each commit of the server's writer advances it).
type versioned interface{ Version() uint64 }

// viewCache keeps loaded pages (their sections, before a request's paging)
// by data version, page and resolved selection, least recently used out
// first. A page's sections depend on nothing else, and building a whole
// country's tables of 10,000 rows cost a warm request 100–300 ms of CPU
// where rendering one page of them costs a few.
type viewCache struct{ kept *lru.Cache[*pageView] } // sized by table rows

func newViewCache() *viewCache { return &viewCache{lru.New[*pageView](viewCacheRows)} }

// viewKey is the cache key of a page for a selection, and false when the
// Source cannot say when its data changes (then nothing is kept).
func viewKey(src Source, path string, sel Selection) (string, bool) {
	v, ok := src.(versioned)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%d|%s|%#v", v.Version(), path, sel), true
}

// get returns a copy of the kept page that a request may page and mark.
func (c *viewCache) get(key string) (*pageView, bool) {
	v, ok := c.kept.Get(key)
	if !ok {
		return nil, false
	}
	return v.clone(), true
}

// put keeps a page as loaded; the caller goes on with a copy.
func (c *viewCache) put(key string, v *pageView) *pageView {
	n := 0
	for _, s := range v.Sections {
		n += len(s.Table.Rows)
	}
	if !c.kept.Put(key, v, int64(n)) {
		return v
	}
	return v.clone()
}

// clone copies what a request changes: the page's own fields and its
// sections (paging replaces a section's rows and sets its pager); the
// rows themselves, the charts and the filters are shared and only read.
func (v *pageView) clone() *pageView {
	c := *v
	c.Sections = slices.Clone(v.Sections)
	return &c
}
