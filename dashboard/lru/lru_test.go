package lru

import (
	"slices"
	"testing"
)

func TestCache(t *testing.T) {
	type step struct {
		put  string // key put with size, or "" for a get of get
		size int64
		get  string
	}
	c := New[string](10)
	for _, s := range []step{
		{put: "a", size: 4}, {put: "b", size: 4}, {get: "a"}, // a is now the most recent
		{put: "c", size: 4},  // 12 > 10: b, the least recent, goes
		{put: "d", size: 11}, // larger than the cache: not kept, nothing dropped
		{put: "a", size: 6},  // replaced: 6 + 4
	} {
		if s.put != "" {
			kept := c.Put(s.put, s.put+"!", s.size)
			if kept != (s.size <= 10) {
				t.Errorf("Put(%s, %d) kept %v", s.put, s.size, kept)
			}
		} else if v, ok := c.Get(s.get); !ok || v != s.get+"!" {
			t.Errorf("Get(%s) = %q, %v", s.get, v, ok)
		}
	}
	var kept []string
	for _, k := range []string{"a", "b", "c", "d"} {
		if _, ok := c.Get(k); ok {
			kept = append(kept, k)
		}
	}
	if want := []string{"a", "c"}; !slices.Equal(kept, want) {
		t.Errorf("kept %v, want %v", kept, want)
	}
	if n, size := c.Stats(); n != 2 || size != 10 {
		t.Errorf("Stats() = %d, %d; want 2, 10", n, size)
	}
	c.Clear()
	if n, size := c.Stats(); n != 0 || size != 0 {
		t.Errorf("after Clear, Stats() = %d, %d", n, size)
	}
	if _, ok := c.Get("a"); ok {
		t.Error("after Clear, a is still kept")
	}
}
