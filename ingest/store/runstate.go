package store

// runSet is the township-years a run has decided (loaded, replaced or
// found unchanged), so that a second report of one in the same run is
// refused. A national run decides 276,133 of them and a million-report run
// a million: keyed by their strings they were a map the collector scanned
// on every cycle. Here each body (township and county) is numbered once,
// and a township-year is a pair of numbers in a map without pointers.
type runSet struct {
	bodies map[bodyKey]uint32
	seen   map[runKey]struct{}
}

type bodyKey struct{ township, county string }

type runKey struct {
	body uint32
	year int32
}

func newRunSet() *runSet {
	return &runSet{bodies: map[bodyKey]uint32{}, seen: map[runKey]struct{}{}}
}

// key numbers id's body, when add is set, if it has none yet; ok says it
// has one.
func (s *runSet) key(id identity, add bool) (k runKey, ok bool) {
	b := bodyKey{id.township, id.county}
	n, ok := s.bodies[b]
	if !ok {
		if !add {
			return k, false
		}
		n = uint32(len(s.bodies))
		s.bodies[b] = n
	}
	return runKey{body: n, year: int32(id.year)}, true
}

// add records id as decided.
func (s *runSet) add(id identity) {
	k, _ := s.key(id, true)
	s.seen[k] = struct{}{}
}

// has says whether id was decided in this run.
func (s *runSet) has(id identity) bool {
	k, ok := s.key(id, false)
	if !ok {
		return false
	}
	_, ok = s.seen[k]
	return ok
}
