package analyticsource

import (
	"container/list"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/singleflight"
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
	max     int64
	version atomic.Uint64 // the data version: each commit of a server that writes advances it
	flight  singleflight.Group

	mu    sync.Mutex
	size  int64
	order list.List // of *entry, most recently used at the front
	byKey map[string]*list.Element
}

type entry struct {
	key   string
	value any
	size  int64
}

func newCache(maxBytes int64) *cache {
	return &cache{max: maxBytes, byKey: map[string]*list.Element{}}
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

func (c *cache) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*entry).value, true
}

func (c *cache) put(key string, v any, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if size > c.max {
		return
	}
	if old, ok := c.byKey[key]; ok {
		c.size -= old.Value.(*entry).size
		c.order.Remove(old)
	}
	c.byKey[key] = c.order.PushFront(&entry{key, v, size})
	c.size += size
	for c.size > c.max {
		last := c.order.Back()
		e := last.Value.(*entry)
		c.order.Remove(last)
		delete(c.byKey, e.key)
		c.size -= e.size
	}
}

// stats returns the number of results kept and their rows.
func (c *cache) stats() (entries int, rows int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byKey), c.size
}

// key builds a cache key from a method name and its arguments.
func key(method string, args ...any) string {
	return fmt.Sprintf("%s|%#v", method, args)
}
