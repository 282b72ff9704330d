package analyticsource

import (
	"fmt"
	"sync"

	"golang.org/x/sync/singleflight"
)

// maxCached bounds the results kept; past it the cache starts afresh. The
// keys are places × years × metrics, a few thousand even for a province;
// the bound only stops made-up query strings from growing it for ever.
const maxCached = 20_000

// cache keeps every result read, by method and arguments. It is correct
// because the database cannot change under a running server (see the
// package comment); it is needed because the views are computed per query
// and a page needs several of them (tens of ms each on the demo database).
type cache struct {
	mu     sync.Mutex
	m      map[string]any
	flight singleflight.Group
}

// cached returns the result of load for key, reading it once: concurrent
// first requests share one read, and errors are not kept.
func cached[T any](c *cache, key string, load func() (T, error)) (T, error) {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		v, err := load()
		if err != nil {
			return v, err
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.m == nil || len(c.m) >= maxCached {
			c.m = map[string]any{}
		}
		c.m[key] = v
		return v, nil
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// key builds a cache key from a method name and its arguments.
func key(method string, args ...any) string {
	return fmt.Sprintf("%s|%#v", method, args)
}
