package analyticsource

import "strconv"

// Advance starts a new data version: a server that writes its database
// calls it after each commit, and every result read before is forgotten.
// A read under way keeps its old key, so its result cannot be taken for
// the new version's.
func (s *Source) Advance() { s.cache.advance() }

// Close ends the reads under way (a server shutting down: they outlive
// their visitors, see cached); later reads fail at once.
func (s *Source) Close() { s.cache.close() }

// Version is the current data version.
func (s *Source) Version() uint64 { return s.cache.version.Load() }

func (c *cache) versioned(key string) string {
	return strconv.FormatUint(c.version.Load(), 10) + "|" + key
}

// advance moves the version before clearing: a read that finishes in
// between keeps its result under the old version's key, which no request
// asks for again, and the least recently used order drops it.
func (c *cache) advance() {
	c.version.Add(1)
	c.kept.Clear()
}
