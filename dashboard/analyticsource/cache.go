package analyticsource

import (
	"fmt"
	"sync/atomic"

	"golang.org/x/sync/singleflight"

	"xxgk/dashboard/lru"
)

// DefaultCacheRows bounds the results a Source keeps, by their rows. A
// page of a whole province reads a few thousand rows (its lists of reports
// are the largest), so this holds hundreds of selections while the
// server's memory stays flat however large the database is.
const DefaultCacheRows = 500_000

// cache keeps results by method and arguments, least recently used first
// out once their rows pass max. It is correct because
// its keys carry the data version each commit advances (see the package
// comment); it is needed because the views are computed per query (tens of
// ms each on a province) and a page needs several of them.
type cache struct {
	version atomic.Uint64 // the data version: each commit of a server that writes advances it
	flight  singleflight.Group
	kept    *lru.Cache[any] // sized by rows
}

func newCache(maxRows int64) *cache {
	return &cache{kept: lru.New[any](maxRows)}
}

// cached returns the result of load for key, reading it once: concurrent
// first requests share one read, and errors are not kept. A result larger
// than the whole cache is returned but not kept.
func cached[T any](c *cache, key string, load func() (T, error)) (T, error) {
	key = c.versioned(key)
	if v, ok := c.get(key); ok {
		return v.(T), nil
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		// A flight that ended between our get and this Do has stored the
		// value already: reading it again here is what makes "once" exact.
		if v, ok := c.get(key); ok {
			return v, nil
		}
		v, err := load()
		if err != nil {
			return nil, err
		}
		c.put(key, v, rowsOf(v))
		return v, nil
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

func (c *cache) get(key string) (any, bool) { return c.kept.Get(key) }

func (c *cache) put(key string, v any, rows int64) { c.kept.Put(key, v, rows) }

// stats returns the number of results kept and their rows.
func (c *cache) stats() (entries int, rows int64) { return c.kept.Stats() }

// key builds a cache key from a method name and its arguments.
func key(method string, args ...any) string {
	return fmt.Sprintf("%s|%#v", method, args)
}
