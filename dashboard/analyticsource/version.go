package analyticsource

import (
	"container/list"
	"strconv"
)

// Advance starts a new data version: a server that writes its database
// calls it after each commit, and every result read before is forgotten.
// A read under way keeps its old key, so its result cannot be taken for
// the new version's.
func (s *Source) Advance() { s.cache.advance() }

// Version is the current data version.
func (s *Source) Version() uint64 { return s.cache.version.Load() }

func (c *cache) versioned(key string) string {
	return strconv.FormatUint(c.version.Load(), 10) + "|" + key
}

func (c *cache) advance() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.version.Add(1)
	c.byKey = map[string]*list.Element{}
	c.order.Init()
	c.size = 0
}
