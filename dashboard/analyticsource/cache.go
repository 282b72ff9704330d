package analyticsource

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

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
	// reads is the context of every read: not a visitor's, ended by close.
	reads context.Context
	close context.CancelFunc
}

func newCache(maxRows int64) *cache {
	reads, cancel := context.WithCancel(context.Background())
	return &cache{kept: lru.New[any](maxRows), reads: reads, close: cancel}
}

// readFor bounds a read that its first requester no longer waits for.
const readFor = 30 * time.Second

// cached returns the result of load for key, reading it once: concurrent
// first requests share one read, and errors are not kept. A result larger
// than the whole cache is returned but not kept.
//
// The read is not the first requester's: it runs on the cache's own
// context (bounded by readFor, ended when the Source closes), and each
// requester waits for it within its own context. A whole country's read
// that takes longer than a visitor waits, on a busy machine, then ends
// and is kept for the next visitor, instead of being cut at every
// visitor's timeout and started again by the next (a national /quality
// failed that way on every request at a load of 13).
func cached[T any](ctx context.Context, c *cache, key string, load func(context.Context) (T, error)) (T, error) {
	var zero T
	key = c.versioned(key)
	if v, ok := c.get(key); ok {
		return v.(T), nil
	}
	flight := c.flight.DoChan(key, func() (any, error) {
		// A flight that ended between our get and this Do has stored the
		// value already: reading it again here is what makes "once" exact.
		if v, ok := c.get(key); ok {
			return v, nil
		}
		rctx, cancel := context.WithTimeout(c.reads, readFor)
		defer cancel()
		v, err := load(rctx)
		if err != nil {
			return nil, err
		}
		c.put(key, v, rowsOf(v))
		return v, nil
	})
	select {
	case r := <-flight:
		if r.Err != nil {
			return zero, r.Err
		}
		return r.Val.(T), nil
	case <-ctx.Done():
		return zero, fmt.Errorf("analyticsource: %w", context.Cause(ctx))
	}
}

func (c *cache) get(key string) (any, bool) { return c.kept.Get(key) }

func (c *cache) put(key string, v any, rows int64) { c.kept.Put(key, v, rows) }

// stats returns the number of results kept and their rows.
func (c *cache) stats() (entries int, rows int64) { return c.kept.Stats() }

// key builds a cache key from a method name and its arguments.
func key(method string, args ...any) string {
	return fmt.Sprintf("%s|%#v", method, args)
}
