// Package lru is a size-bounded cache, least recently used out first: the
// one the dashboard keeps its loaded pages in and its Source its query
// results in. Sizes are the caller's unit (rows, for both).
package lru

import (
	"container/list"
	"sync"
)

// Cache holds values by key while the sum of their sizes stays within its
// bound. It is safe for concurrent use.
type Cache[V any] struct {
	max int64

	mu    sync.Mutex
	size  int64
	order list.List // of *entry[V], most recently used at the front
	byKey map[string]*list.Element
}

type entry[V any] struct {
	key   string
	value V
	size  int64
}

// New returns a cache holding at most max in size.
func New[V any](max int64) *Cache[V] {
	return &Cache[V]{max: max, byKey: map[string]*list.Element{}}
}

// Get returns the value kept for key and marks it most recently used.
func (c *Cache[V]) Get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*entry[V]).value, true
}

// Put keeps v under key, replacing what was there, and drops the least
// recently used values until the sizes fit. A value larger than the whole
// cache is not kept; Put says whether v was.
func (c *Cache[V]) Put(key string, v V, size int64) bool {
	if size > c.max {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.byKey[key]; ok {
		c.size -= old.Value.(*entry[V]).size
		c.order.Remove(old)
	}
	c.byKey[key] = c.order.PushFront(&entry[V]{key, v, size})
	c.size += size
	for c.size > c.max {
		last := c.order.Back()
		e := last.Value.(*entry[V])
		c.order.Remove(last)
		delete(c.byKey, e.key)
		c.size -= e.size
	}
	return true
}

// Stats returns the number of values kept and the sum of their sizes.
func (c *Cache[V]) Stats() (entries int, size int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.byKey), c.size
}

// Clear drops every value.
func (c *Cache[V]) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byKey = map[string]*list.Element{}
	c.order.Init()
	c.size = 0
}
