package auth

import (
	"sync"
	"time"
)

// Limiter slows the guessing of passwords for one kind of key (an account
// name, or a client address). A key's first failures are free; each one
// after them blocks the key for twice as long as the one before, from
// BaseDelay up to MaxDelay. A key's record is forgotten Window after its
// last failure, and at most MaxEntries keys are remembered: when full, the
// oldest record makes room, so memory stays bounded whatever is sent.
type Limiter struct {
	Free       int
	BaseDelay  time.Duration
	MaxDelay   time.Duration
	Window     time.Duration
	MaxEntries int

	mu      sync.Mutex
	now     func() time.Time
	entries map[string]*limitEntry
}

type limitEntry struct {
	failures int
	last     time.Time
	until    time.Time
}

// NewLimiter allows free failures per key before slowing it.
func NewLimiter(free int) *Limiter {
	return &Limiter{Free: free, BaseDelay: 30 * time.Second, MaxDelay: 15 * time.Minute,
		Window: time.Hour, MaxEntries: 10_000, now: time.Now, entries: map[string]*limitEntry{}}
}

// SetClock replaces the clock (tests).
func (l *Limiter) SetClock(now func() time.Time) { l.now = now }

// Wait is how long key must wait before its next attempt; 0 allows it.
func (l *Limiter) Wait(key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.entries[key]
	if e == nil {
		return 0
	}
	return max(0, e.until.Sub(l.now()))
}

// Fail records a failed attempt of key.
func (l *Limiter) Fail(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	e := l.entries[key]
	if e != nil && now.Sub(e.last) > l.Window {
		e = nil // an old record starts afresh
	}
	if e == nil {
		l.makeRoom(now)
		e = &limitEntry{}
		l.entries[key] = e
	}
	e.failures++
	e.last = now
	if over := e.failures - l.Free; over > 0 {
		d := l.BaseDelay
		for i := 1; i < over && d < l.MaxDelay; i++ {
			d *= 2
		}
		e.until = now.Add(min(d, l.MaxDelay))
	}
}

// Succeed forgets key's failures.
func (l *Limiter) Succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, key)
}

// Len is the number of keys remembered.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.entries)
}

// makeRoom drops expired records when the table is full, then the oldest
// one if none had expired. It scans the table only when it is full.
func (l *Limiter) makeRoom(now time.Time) {
	if len(l.entries) < l.MaxEntries {
		return
	}
	var oldestKey string
	var oldest time.Time
	for k, e := range l.entries {
		if now.Sub(e.last) > l.Window && !now.Before(e.until) {
			delete(l.entries, k)
			continue
		}
		if oldestKey == "" || e.last.Before(oldest) {
			oldestKey, oldest = k, e.last
		}
	}
	if len(l.entries) >= l.MaxEntries {
		delete(l.entries, oldestKey)
	}
}

// Guard limits sign-ins per account name and per client address.
type Guard struct {
	Names, Addrs *Limiter
}

// NewGuard allows 5 failures per name and 20 per address (an office's
// computers may share one address) before slowing them.
func NewGuard() *Guard { return &Guard{Names: NewLimiter(5), Addrs: NewLimiter(20)} }

// Wait is how long a sign-in as name from addr must wait; 0 allows it.
func (g *Guard) Wait(name, addr string) time.Duration {
	return max(g.Names.Wait(limitKey(name)), g.Addrs.Wait(addr))
}

// Failed records a failed sign-in.
func (g *Guard) Failed(name, addr string) {
	g.Names.Fail(limitKey(name))
	g.Addrs.Fail(addr)
}

// Succeeded forgets the name's failures (the address keeps its own: one
// good password from an address does not clear guesses at other names).
func (g *Guard) Succeeded(name string) { g.Names.Succeed(limitKey(name)) }

// limitKey bounds the memory a guessed name can take.
func limitKey(name string) string {
	if len(name) > MaxNameLen {
		return name[:MaxNameLen]
	}
	return name
}
